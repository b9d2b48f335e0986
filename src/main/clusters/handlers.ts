// IPC handlers of the clusters channels: certificates, setup YAML, kubeconfig import, connection test, records.
import type { ClusterDraft } from '../../shared/clusters';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Handlers } from '../ipc/dispatch';
import { parseCertificates } from './certs';
import type { ClusterService } from './cluster-service';
import type { ProgressListener } from './connection-test';
import { importKubeconfigContext, summarizeKubeconfig } from './kubeconfig-import';
import { fetchServerChain } from './server-chain';
import { renderSetupYaml } from './setup-yaml';

type ClusterChannel =
  | 'clusters:list'
  | 'clusters:get'
  | 'clusters:parseCertificate'
  | 'clusters:fetchServerChain'
  | 'clusters:setupYaml'
  | 'clusters:parseKubeconfig'
  | 'clusters:importKubeconfig'
  | 'clusters:test'
  | 'clusters:save'
  | 'clusters:update'
  | 'clusters:delete';

/** Forwards a running test's steps as `clusters:test-progress` events when the caller asked for them. */
function progressTo(events: EventBus, progressId: string | undefined): ProgressListener | undefined {
  return progressId ? (step) => events.emit('clusters:test-progress', { progressId, step }) : undefined;
}

export function clusterHandlers(
  service: ClusterService,
  events: EventBus,
  clock: Clock,
): Pick<Handlers, ClusterChannel> {
  return {
    'clusters:list': () => service.list(),
    'clusters:get': ({ id }) => service.get(id),
    'clusters:parseCertificate': ({ content, encoding, serverUrl, tlsServerName, expectCa }) =>
      parseCertificates(encoding === 'base64' ? Buffer.from(content, 'base64') : content, {
        now: clock.now(),
        expectCa,
        serverUrl,
        tlsServerName,
      }),
    'clusters:fetchServerChain': ({ server, tlsServerName, timeoutMs }) =>
      fetchServerChain(server, { timeoutMs, now: clock.now(), servername: tlsServerName }),
    'clusters:setupYaml': (input) => renderSetupYaml(input),
    'clusters:parseKubeconfig': ({ content }) => summarizeKubeconfig(content),
    // No file reader: the renderer sends content only, so CA or token files named inside are left to the user.
    'clusters:importKubeconfig': ({ content, context }) => importKubeconfigContext(content, context),
    'clusters:test': (input) => {
      const onProgress = progressTo(events, input.progressId);
      if ('draft' in input) return service.test({ draft: input.draft as ClusterDraft }, onProgress);
      const { id, progressId: _, ...edit } = input;
      return service.test(Object.keys(edit).length > 0 ? { id, edit } : { id }, onProgress);
    },
    'clusters:save': ({ draft, saveAnyway, progressId }) =>
      service.add(draft as ClusterDraft, { saveAnyway, onProgress: progressTo(events, progressId) }),
    'clusters:update': ({ id, patch, saveAnyway, progressId }) =>
      service.update(id, patch, { saveAnyway, onProgress: progressTo(events, progressId) }),
    'clusters:delete': ({ id, resources }) => service.delete(id, resources),
  };
}
