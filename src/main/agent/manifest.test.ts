// The generator: the agent container and volumes, RBAC limited to the chosen Secrets, the ServiceAccount choice, the patch.
import { describe, expect, it } from 'vitest';
import { hasAgentSidecar } from '../kube/agent-sidecar';
import { AGENT_CONTAINER, buildAgentManifest, manifestDocuments, SECRETS_VOLUME } from './manifest';
import type { Workload } from './workload-types';

function workload(extra: Partial<Workload['spec']['template']['spec']> = {}): Workload {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'team', resourceVersion: '42', uid: 'u', managedFields: [] },
    spec: {
      selector: { matchLabels: { app: 'db' } },
      template: {
        spec: { containers: [{ name: 'pg', image: 'postgres', securityContext: { runAsUser: 999 } }], ...extra },
      },
    },
    status: { replicas: 1 },
  };
}

describe('buildAgentManifest', () => {
  it('init: an init container, an in-memory volume, read-only mounts, and get on exactly the chosen Secrets', () => {
    const input = workload();
    const before = structuredClone(input);
    const m = buildAgentManifest(input, { secrets: ['a', 'b'], mode: 'init', sealed: false });
    expect(input).toEqual(before);
    const pod = m.workload.spec.template.spec;
    const agent = pod.initContainers?.find((c) => c.name === AGENT_CONTAINER);
    expect(agent?.restartPolicy).toBeUndefined();
    expect(agent?.securityContext?.runAsUser).toBe(999);
    expect(pod.volumes).toContainEqual({ name: SECRETS_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } });
    expect(pod.containers[0]?.volumeMounts).toContainEqual({
      name: SECRETS_VOLUME,
      mountPath: '/strongroom/secrets',
      readOnly: true,
    });
    expect(m.role.rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['a', 'b'], verbs: ['get'] },
    ]);
    expect(m.roleBinding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'db-secrets-agent', namespace: 'team' }]);
    expect(m.workload.metadata).toEqual({ name: 'db', namespace: 'team' });
    expect('status' in m.workload).toBe(false);
    expect(manifestDocuments(m).map((d) => d.kind)).toEqual(['ServiceAccount', 'Role', 'RoleBinding', 'StatefulSet']);
    expect(hasAgentSidecar(pod)).toBe(false);
  });

  it('sidecar: a native sidecar with a startup probe, watch by name, and the env the agent reads', () => {
    const m = buildAgentManifest(workload(), { secrets: ['a'], mode: 'sidecar', sealed: true, refresh: '30s' });
    const agent = m.workload.spec.template.spec.initContainers?.[0];
    expect(agent?.restartPolicy).toBe('Always');
    expect(agent?.startupProbe).toMatchObject({ httpGet: { path: '/healthz', port: 8099 } });
    const env = Object.fromEntries(
      ((agent?.env ?? []) as { name: string; value: string }[]).map((e) => [e.name, e.value]),
    );
    expect(env).toMatchObject({
      STRONGROOM_AGENT_MODE: 'sidecar',
      STRONGROOM_AGENT_SECRETS: 'a',
      STRONGROOM_AGENT_REFRESH: '30s',
      STRONGROOM_AGENT_PRIVATE_KEY_FILE: '/strongroom/key/private.pem',
    });
    expect(m.role.rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['a'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(m.workload.spec.template.spec.volumes?.map((v) => v.name)).toContain('strongroom-agent-key');
    expect(hasAgentSidecar(m.workload.spec.template.spec)).toBe(true);
  });

  it('keeps a workload ServiceAccount other than default and binds the Role to it', () => {
    const m = buildAgentManifest(workload({ serviceAccountName: 'pg' }), {
      secrets: ['a'],
      mode: 'init',
      sealed: false,
    });
    expect(m.serviceAccount).toBeUndefined();
    expect(m.roleBinding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'pg', namespace: 'team' }]);
    expect(m.patch.spec.template.spec.serviceAccountName).toBeUndefined();
    expect(m.notes[0]).toContain('keeps its ServiceAccount "pg"');
  });

  it('regenerating over a workload that has the agent replaces it instead of adding a second one', () => {
    const once = buildAgentManifest(workload(), { secrets: ['a'], mode: 'init', sealed: false });
    const twice = buildAgentManifest(
      { ...once.workload, metadata: { name: 'db', namespace: 'team' } },
      { secrets: ['b'], mode: 'sidecar', sealed: false },
    );
    const pod = twice.workload.spec.template.spec;
    expect(pod.initContainers?.filter((c) => c.name === AGENT_CONTAINER)).toHaveLength(1);
    expect(pod.volumes?.filter((v) => v.name === SECRETS_VOLUME)).toHaveLength(1);
    expect(pod.containers[0]?.volumeMounts).toHaveLength(1);
  });
});
