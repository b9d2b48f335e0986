// What one fetch or sync run works with: its cluster and client, cancel signal, progress sink, and targets.
import type { ClusterInfo } from './access';
import type { JobAudit } from './job-audit';
import type { KubeSecrets } from './kube';

export interface Progress {
  namespacesDone: number;
  namespacesTotal: number;
  secretsDone: number;
  secretsTotal: number;
  namespace?: string;
}

export interface RunContext {
  jobId: string;
  kind: 'fetch' | 'sync';
  trigger: 'manual' | 'schedule';
  cluster: ClusterInfo;
  kube: KubeSecrets;
  signal: AbortSignal;
  onProgress(p: Progress): void;
  /** Records each committed batch inside its transaction. */
  audit: JobAudit;
}

/** One namespace to work on. `names` limits it to picked Secrets (a `selected` resource). */
export interface Target {
  namespace: string;
  scope: 'namespace' | 'selected';
  names?: ReadonlySet<string>;
  showHidden: boolean;
}
