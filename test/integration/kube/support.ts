// Shared set-up for the kube/ tests: a connection spec for the test cluster and a scratch namespace it deletes after.
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { type KubeConnection, kubeConfigFor } from '../../../src/main/kube/connection';
import type { TestCluster } from '../../support/cluster';

export interface Scratch {
  spec: KubeConnection;
  kc: KubeConfig;
  core: CoreV1Api;
  namespace: string;
  dispose(): Promise<void>;
}

/** An admin connection and a fresh namespace (so the tests also run, unchanged, on a shared real cluster). */
export async function scratchNamespace(cluster: TestCluster, prefix: string): Promise<Scratch> {
  const spec: KubeConnection = { server: cluster.server, caPem: cluster.caPem, timeoutMs: 20_000 };
  if (cluster.adminToken) spec.token = cluster.adminToken;
  const kc = cluster.adminToken ? kubeConfigFor(spec) : cluster.kubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  const namespace = cluster.uniqueName(prefix);
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  return {
    spec,
    kc,
    core,
    namespace,
    dispose: async () => {
      await core.deleteNamespace({ name: namespace }).catch(() => undefined);
    },
  };
}

/** Creates an Opaque Secret with one key and returns its resourceVersion. */
export async function putSecret(s: Scratch, name: string, value: string): Promise<string> {
  const created = await s.core.createNamespacedSecret({
    namespace: s.namespace,
    body: { metadata: { name }, data: { v: Buffer.from(value).toString('base64') } },
  });
  return created.metadata?.resourceVersion ?? '';
}
