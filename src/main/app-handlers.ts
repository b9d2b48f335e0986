// Handlers of the app-level channels: facts about the installation, audited copy, and the demo cluster.
import pkg from '../../package.json' with { type: 'json' };
import type { ClusterId } from '../shared/clusters';
import { AppError } from '../shared/errors';
import type { AppInfo } from '../shared/ipc/app';
import type { AuditLog } from './audit/service';
import type { ClipboardService } from './clipboard';
import type { ClusterService } from './clusters/cluster-service';
import type { Handlers } from './ipc/dispatch';
import { defaultExportFolder, type ExportFolderLookup } from './transfer/export-folder';

/** The demo cluster's connection facts, when `npm start` runs one. */
export interface DemoTarget {
  name: string;
  server: string;
  caPem: string;
  token: string;
  /** Set by `npm start`'s demo: connect and fetch it on its own when a new vault is created. */
  connectOnFirstRun?: boolean;
}

/** Adds the demo cluster the way a user adds one (test, then save), under a name not yet taken. */
export async function connectDemo(
  clusters: ClusterService,
  demo: DemoTarget,
): Promise<{ clusterId: ClusterId; name: string }> {
  const taken = new Set(clusters.list().map((c) => c.name));
  let name = demo.name;
  for (let n = 2; taken.has(name); n++) name = `${demo.name}-${n}`;
  const { cluster } = await clusters.add({
    name,
    server: demo.server,
    caPem: demo.caPem,
    token: demo.token,
    options: { variant: 'read-write' },
  });
  return { clusterId: cluster.id, name: cluster.name };
}

export interface AppHandlerDeps {
  shell: AppInfo['shell'] | 'cli' | 'test';
  dataDir: string;
  audit: AuditLog;
  clipboard: ClipboardService;
  clusters: ClusterService;
  demo: DemoTarget | undefined;
  /** How the default export folder is found; tests give a temporary home. */
  exportFolder?: ExportFolderLookup | undefined;
}

export function appHandlers(deps: AppHandlerDeps): Pick<Handlers, 'app:info' | 'app:copy' | 'app:connectDemo'> {
  const { demo, clusters, audit, clipboard } = deps;
  let exportFolder: string | undefined;
  return {
    'app:info': () => {
      exportFolder ??= defaultExportFolder(deps.exportFolder); // looked up once: it may run xdg-user-dir
      return {
        version: pkg.version,
        shell: deps.shell === 'electron' ? 'electron' : 'browser',
        platform: process.platform,
        dataDir: deps.dataDir,
        exportFolder,
        nodeVersion: process.versions.node,
        demo: demo ? { available: true, server: demo.server } : { available: false },
      };
    },
    'app:copy': async ({ text, clearAfterSeconds, target, source }) => {
      audit.record({ action: 'secret.copy', target, outcome: 'ok', details: { source, clearAfterSeconds } });
      return { handledByMain: await clipboard.copy(text, clearAfterSeconds) };
    },
    'app:connectDemo': async () => {
      if (!demo) {
        throw new AppError(
          'unsupported',
          'No demo cluster is running.',
          'Start Strongroom with "npm start" to get the demo cluster.',
        );
      }
      return connectDemo(clusters, demo);
    },
  };
}
