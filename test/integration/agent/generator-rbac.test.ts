// The generator's output against the test cluster: the YAML applies with kubectl, the patch applies with kubectl patch, and the RBAC allows only the chosen Secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentClusterApi } from '../../../src/main/agent/cluster-api';
import {
  AGENT_CONTAINER,
  buildAgentManifest,
  manifestDocuments,
  SECRETS_VOLUME,
} from '../../../src/main/agent/manifest';
import { multiDocYaml, toYaml } from '../../../src/main/agent/yaml-docs';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { applyYaml, secretYaml } from './harness';
import { workloadFor } from './rbac-fixture';

let cluster: TestCluster;
let ns: string;

interface PodTemplate {
  spec: {
    template: {
      spec: {
        initContainers?: { name: string; restartPolicy?: string }[];
        volumes?: { name: string; emptyDir?: { medium?: string } }[];
        containers: { name: string; volumeMounts?: { name: string }[] }[];
        serviceAccountName?: string;
      };
    };
  };
}

async function getJson<T>(args: string[], kubeconfig?: string): Promise<T> {
  const r = await cluster.kubectl([...args, '-o', 'json'], { kubeconfig });
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as T;
}

function expectAgentIn(obj: PodTemplate, mode: 'init' | 'sidecar'): void {
  const pod = obj.spec.template.spec;
  const agent = pod.initContainers?.find((c) => c.name === AGENT_CONTAINER);
  expect(agent).toBeDefined();
  expect(agent?.restartPolicy).toBe(mode === 'sidecar' ? 'Always' : undefined);
  expect(pod.volumes?.find((v) => v.name === SECRETS_VOLUME)?.emptyDir?.medium).toBe('Memory');
  expect(pod.containers[0]?.volumeMounts?.some((m) => m.name === SECRETS_VOLUME)).toBe(true);
}

beforeAll(async () => {
  cluster = await getTestCluster();
  ns = cluster.uniqueName('agent-gen');
  expect((await cluster.kubectl(['create', 'namespace', ns])).code).toBe(0);
  await applyYaml(cluster, secretYaml(ns, 'db', { password: Buffer.from('pw') }));
  await applyYaml(cluster, secretYaml(ns, 'other', { password: Buffer.from('other-pw') }));
  await applyYaml(cluster, toYaml(workloadFor(ns, 'web')));
  await applyYaml(cluster, toYaml(workloadFor(ns, 'api')));
});

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await cluster?.close();
});

describe('generated agent manifest', () => {
  it('applies with kubectl apply -f and puts the agent, the in-memory volume and the mounts in the pod template', async () => {
    const api = agentClusterApi(cluster.kubeConfig());
    const m = buildAgentManifest(await api.readWorkload('Deployment', ns, 'web'), {
      secrets: ['db'],
      mode: 'sidecar',
      sealed: false,
    });
    await applyYaml(cluster, multiDocYaml(manifestDocuments(m)));
    const live = await getJson<PodTemplate>(['get', 'deployment', 'web', '-n', ns]);
    expectAgentIn(live, 'sidecar');
    expect(live.spec.template.spec.serviceAccountName).toBe('web-secrets-agent');
  });

  it('gives the ServiceAccount get/list/watch of exactly the chosen Secrets, proven with kubectl auth can-i and real gets', async () => {
    const token = await cluster.kubectl(['create', 'token', 'web-secrets-agent', '-n', ns]);
    expect(token.code, token.stderr).toBe(0);
    const kubeconfig = cluster.writeKubeconfig(token.stdout.trim(), 'web-agent');
    const canIn = async (namespace: string, ...args: string[]) =>
      (await cluster.kubectl(['auth', 'can-i', ...args, '-n', namespace], { kubeconfig })).stdout.trim();
    const can = (...args: string[]) => canIn(ns, ...args);
    expect(await can('get', 'secret/db')).toBe('yes');
    expect(await can('watch', 'secret/db')).toBe('yes');
    expect(await can('get', 'secret/other')).toBe('no');
    expect(await can('list', 'secrets')).toBe('no');
    expect(await can('update', 'secret/db')).toBe('no');
    expect(await canIn('default', 'get', 'secret/db')).toBe('no');
    const mine = await cluster.kubectl(['get', 'secret', 'db', '-n', ns, '-o', 'name'], { kubeconfig });
    expect(mine.code, mine.stderr).toBe(0);
    const other = await cluster.kubectl(['get', 'secret', 'other', '-n', ns], { kubeconfig });
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain('Forbidden');
    expect(other.stdout + other.stderr).not.toContain('other-pw');
    const all = await cluster.kubectl(['get', 'secrets', '-n', ns], { kubeconfig });
    expect(all.code).not.toBe(0);
    expect(all.stderr).toContain('Forbidden');
    const byName = await cluster.kubectl(
      ['get', 'secrets', '-n', ns, '--field-selector', 'metadata.name=db', '-o', 'name'],
      { kubeconfig },
    );
    expect(byName.code, byName.stderr).toBe(0);
    expect(byName.stdout.trim()).toBe('secret/db');
  });

  it('prints a strategic merge patch that kubectl patch applies', async () => {
    const api = agentClusterApi(cluster.kubeConfig());
    const m = buildAgentManifest(await api.readWorkload('Deployment', ns, 'api'), {
      secrets: ['db'],
      mode: 'init',
      sealed: false,
    });
    await applyYaml(cluster, multiDocYaml([m.serviceAccount, m.role, m.roleBinding].filter((d) => d !== undefined)));
    const r = await cluster.kubectl([
      'patch',
      'deployment',
      'api',
      '-n',
      ns,
      '--type',
      'strategic',
      '-p',
      JSON.stringify(m.patch),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const live = await getJson<PodTemplate>(['get', 'deployment', 'api', '-n', ns]);
    expectAgentIn(live, 'init');
    expect(live.spec.template.spec.containers.map((c) => c.name)).toEqual(['app']);
  });

  it('adds the agent to a StatefulSet and a DaemonSet read from the cluster, and kubectl apply -f accepts both', async () => {
    const api = agentClusterApi(cluster.kubeConfig());
    for (const kind of ['StatefulSet', 'DaemonSet'] as const) {
      const name = kind.toLowerCase();
      const base = workloadFor(ns, name);
      await applyYaml(
        cluster,
        toYaml({
          ...base,
          kind,
          spec: { ...base.spec, ...(kind === 'StatefulSet' ? { serviceName: name } : {}), replicas: undefined },
        }),
      );
      const m = buildAgentManifest(await api.readWorkload(kind, ns, name), {
        secrets: ['db'],
        mode: 'init',
        sealed: false,
      });
      expect(m.workload.kind).toBe(kind);
      await applyYaml(cluster, multiDocYaml(manifestDocuments(m)));
      expectAgentIn(await getJson<PodTemplate>(['get', kind.toLowerCase(), name, '-n', ns]), 'init');
    }
  });
});
