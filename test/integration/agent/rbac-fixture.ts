// Grants a test ServiceAccount exactly what the generator would, by applying the generator's own Role and RoleBinding.
import { buildAgentManifest } from '../../../src/main/agent/manifest';
import type { Workload } from '../../../src/main/agent/workload-types';
import { multiDocYaml } from '../../../src/main/agent/yaml-docs';
import type { TestCluster } from '../../support/cluster';
import { applyYaml } from './harness';

/** A workload as the generator would read it, using `serviceAccount`, for RBAC-only tests. */
export function workloadFor(namespace: string, name: string, serviceAccount?: string): Workload {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          ...(serviceAccount ? { serviceAccountName: serviceAccount } : {}),
          securityContext: { runAsUser: 1000 },
          containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.9' }],
        },
      },
    },
  };
}

/** Applies the generated Role and RoleBinding for `secrets`, bound to `serviceAccount`. */
export async function grantAsGenerated(
  cluster: TestCluster,
  namespace: string,
  serviceAccount: string,
  secrets: string[],
  mode: 'init' | 'sidecar',
): Promise<void> {
  const m = buildAgentManifest(workloadFor(namespace, `${serviceAccount}-app`, serviceAccount), {
    secrets,
    mode,
    sealed: false,
  });
  await applyYaml(cluster, multiDocYaml([m.role, m.roleBinding]));
}
