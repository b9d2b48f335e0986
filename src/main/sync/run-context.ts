// What one fetch or sync run works with: its cluster and client, cancel signal, progress sink, and targets.

import type { KubeSecrets } from '../kube/secrets';
import { isHidden } from '../resources/secret';
import type { ClusterInfo } from './access';
import type { JobAudit } from './job-audit';

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

/** Whether a Secret belongs in the target: a picked name, or any Secret whose type is not hidden (unless shown). */
export function wanted(t: Target, name: string | undefined, type: string | undefined): boolean {
  if (t.names) return t.names.has(name ?? '');
  return t.showHidden || !isHidden(type);
}
