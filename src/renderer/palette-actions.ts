// Actions the palette offers besides navigation: fetch and sync each cluster, connect the demo, new cluster, export.
import { call } from './client';
import type { PaletteCommand } from './commands';
import { loadAppInfo } from './store/app-info';
import { useClusters } from './store/clusters';
import { useIntents } from './store/intents';
import { useJobs } from './store/jobs';
import { useResources } from './store/resources';
import { useUi } from './store/ui';

async function runJob(kind: 'fetch' | 'sync', clusterId: string, name: string): Promise<void> {
  const { go, notify, notifyError } = useUi.getState();
  go('resources');
  const job = await useJobs.getState().runSync(kind, clusterId);
  if (job.error) return notifyError(job.error);
  const t = job.report?.totals;
  notify({
    level: 'info',
    message: `${name}: ${kind} done${t ? ` (${t.added} added, ${t.changed} changed, ${t.deleted} deleted)` : ''}.`,
  });
  const resources = useResources.getState();
  await Promise.all([resources.reload(), resources.loadResources(), useClusters.getState().refresh()]);
}

/** Opens a Secret in Resources with its detail open (the detail takes the focus). */
export function openSecret(accountId: number): void {
  useResources.getState().select(accountId);
  useUi.getState().go('resources');
}

export function openCluster(): void {
  useUi.getState().go('clusters');
}

/** The actions that depend on what is saved: asked for each time the palette opens. */
export async function paletteActions(): Promise<PaletteCommand[]> {
  const [info] = await Promise.all([loadAppInfo(), useClusters.getState().refresh()]);
  const { clusters } = useClusters.getState();
  const { go, notify, notifyError } = useUi.getState();
  const actions: PaletteCommand[] = clusters.flatMap((c) => [
    { id: `fetch:${c.id}`, title: `Fetch all namespaces of ${c.name}`, run: () => runJob('fetch', c.id, c.name) },
    { id: `sync:${c.id}`, title: `Sync ${c.name} now`, run: () => runJob('sync', c.id, c.name) },
  ]);
  if (info?.demo.available && !clusters.some((c) => c.server === info.demo.server))
    actions.push({
      id: 'demo:connect',
      title: 'Connect the demo cluster',
      run: async () => {
        const result = await call('app:connectDemo', {});
        if (!result.ok) return notifyError(result.error);
        notify({ level: 'info', message: `Connected the demo cluster as "${result.value.name}".` });
        await useClusters.getState().refresh();
      },
    });
  actions.push(
    {
      id: 'cluster:new',
      title: 'New cluster…',
      run: () => {
        useIntents.getState().request('newCluster');
        go('clusters');
      },
    },
    { id: 'export:secrets', title: 'Export Secrets to a file (Resources)', run: () => go('resources') },
    { id: 'export:audit', title: 'Export the audit log (Audit)', run: () => go('audit') },
  );
  return actions;
}
