// Real kubectl against the cluster (the sandbox unless STRONGROOM_TEST_KUBECONFIG is set): no warnings, no fallbacks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestCluster, type TestCluster } from '../../support/cluster';

let c: TestCluster;
let ns: string;

const secretYaml = (name: string, value: string) => `apiVersion: v1
kind: Secret
metadata:
  name: ${name}
type: Opaque
stringData:
  password: "${value}"
`;

const deploymentYaml = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
      - name: app
        image: registry.example.com/app:1.0
        env:
        - name: DB_PASSWORD
          valueFrom: { secretKeyRef: { name: db, key: password } }
`;

const readerRbac = (ns: string) => `apiVersion: v1
kind: ServiceAccount
metadata: { name: reader, namespace: ${ns} }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: secret-reader, namespace: ${ns} }
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: reader-can-read, namespace: ${ns} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader }
subjects:
- { kind: ServiceAccount, name: reader, namespace: ${ns} }
`;

async function ok(args: string[], input?: string): Promise<string> {
  const r = await c.kubectl(args, input === undefined ? {} : { input });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  c = await getTestCluster();
  ns = c.uniqueName('sr-kubectl');
  await ok(['create', 'namespace', ns]);
});

afterAll(async () => {
  await c.kubectl(['delete', 'namespace', ns, '--wait=false']);
  await c.close();
});

describe('kubectl against the cluster', () => {
  it('lists namespaces, including the one the test created', async () => {
    const out = await ok(['get', 'ns']);
    expect(out).toMatch(/^NAME\s+STATUS\s+AGE/);
    expect(out).toContain(ns);
  });

  it('applies a Secret twice (create, then patch) and reads the new value back', async () => {
    expect(await ok(['apply', '-n', ns, '-f', '-'], secretYaml('db', 'first'))).toContain(`secret/db created`);
    expect(await ok(['apply', '-n', ns, '-f', '-'], secretYaml('db', 'second'))).toContain(`secret/db configured`);
    const b64 = await ok(['get', 'secret', 'db', '-n', ns, '-o', 'jsonpath={.data.password}']);
    expect(Buffer.from(b64, 'base64').toString()).toBe('second');
  });

  it('lists Secrets across namespaces in JSON, paged with --chunk-size', async () => {
    for (let i = 0; i < 5; i++)
      await ok(['create', 'secret', 'generic', `paged-${i}`, '-n', ns, `--from-literal=k=${i}`]);
    const list = JSON.parse(await ok(['get', 'secrets', '-A', '-o', 'json', '--chunk-size=2'])) as {
      items: { metadata: { name: string; namespace: string } }[];
    };
    const ours = list.items.filter((s) => s.metadata.namespace === ns).map((s) => s.metadata.name);
    expect(ours).toEqual(expect.arrayContaining(['paged-0', 'paged-1', 'paged-2', 'paged-3', 'paged-4']));
  });

  it('round-trips a Secret through -o yaml and replace', async () => {
    await ok(['create', 'secret', 'generic', 'roundtrip', '-n', ns, '--from-literal=line=ends with newline\n']);
    const yaml = await ok(['get', 'secret', 'roundtrip', '-n', ns, '-o', 'yaml']);
    expect(await ok(['replace', '-f', '-'], yaml)).toContain('secret/roundtrip replaced');
    const again = await ok(['get', 'secret', 'roundtrip', '-n', ns, '-o', 'jsonpath={.data.line}']);
    expect(Buffer.from(again, 'base64').toString()).toBe('ends with newline\n');
  });

  it('restarts a Deployment with rollout restart, which bumps its generation', async () => {
    await ok(['apply', '-n', ns, '-f', '-'], deploymentYaml('api'));
    expect(await ok(['rollout', 'restart', 'deploy/api', '-n', ns])).toContain('deployment.apps/api restarted');
    const dep = JSON.parse(await ok(['get', 'deploy', 'api', '-n', ns, '-o', 'json']));
    expect(dep.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
    expect(dep.metadata.generation).toBe(2);
  });

  it('issues a token for a read-only ServiceAccount that can read Secrets but is refused writes', async () => {
    await ok(['apply', '-f', '-'], readerRbac(ns));
    const token = (await ok(['create', 'token', 'reader', '-n', ns, '--duration=10m'])).trim();
    expect(token.split('.')).toHaveLength(3);
    const kubeconfig = c.writeKubeconfig(token, `reader-${ns}`);
    const whoami = await c.kubectl(['auth', 'whoami'], { kubeconfig });
    expect(whoami.stderr).toBe('');
    expect(whoami.stdout).toContain(`system:serviceaccount:${ns}:reader`);
    const canGet = await c.kubectl(['auth', 'can-i', 'get', 'secrets', '-n', ns], { kubeconfig });
    expect([canGet.stdout.trim(), canGet.stderr]).toEqual(['yes', '']);
    const canCreate = await c.kubectl(['auth', 'can-i', 'create', 'secrets', '-n', ns], { kubeconfig });
    expect([canCreate.stdout.trim(), canCreate.code]).toEqual(['no', 1]);
    const write = await c.kubectl(['create', 'secret', 'generic', 'nope', '-n', ns, '--from-literal=a=b'], {
      kubeconfig,
    });
    expect(write.code).not.toBe(0);
    expect(write.stderr).toContain(
      `secrets is forbidden: User "system:serviceaccount:${ns}:reader" cannot create resource "secrets" in API group "" in the namespace "${ns}"`,
    );
  });

  it('applies a v1 List with client-side validation on (/openapi/v2), and refuses an unknown field in an item', async () => {
    const item = (name: string, extra: Record<string, unknown> = {}) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: ns },
      type: 'Opaque',
      data: { key: Buffer.from('value').toString('base64') },
      ...extra,
    });
    const list = (items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
    expect(await ok(['apply', '-f', '-'], list([item('listed-a'), item('listed-b')]))).toContain(
      'secret/listed-b created',
    );
    const refused = await c.kubectl(['apply', '-f', '-'], { input: list([item('listed-c', { dataa: {} })]) });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('unknown field "dataa"');
  });

  it('applies server-side (create, then change), which needs no client-side merge', async () => {
    const first = await ok(['apply', '--server-side', '-n', ns, '-f', '-'], secretYaml('ssa', 'one'));
    expect(first).toContain('secret/ssa serverside-applied');
    await ok(['apply', '--server-side', '-n', ns, '-f', '-'], secretYaml('ssa', 'two'));
    const value = await ok(['get', 'secret', 'ssa', '-n', ns, '-o', 'jsonpath={.data.password}']);
    expect(Buffer.from(value, 'base64').toString()).toBe('two');
  });

  it('reports the admin identity with auth whoami', async () => {
    const out = await ok(['auth', 'whoami', '-o', 'json']);
    expect(JSON.parse(out).status.userInfo.username).toBeTruthy();
  });
});
