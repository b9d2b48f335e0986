// The CLI: `strongroom access … -- kubectl …` exits with kubectl's code, `sessions list/show --json`, `access-account add/list`.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AccessRepo } from '../../../src/main/access/repo';
import type { AccessAccount, SessionDetail, SessionRequest, SessionSummary } from '../../../src/shared/ipc/access';
import { PASSPHRASE } from '../clusters/harness';
import { cliRun } from '../sync/cli-child';
import { type AccessHarness, accessHarness } from './harness';

let h: AccessHarness;

beforeAll(async () => {
  h = await accessHarness();
});

afterAll(async () => {
  await h?.close();
});

const cli = (args: string[]) => cliRun(h.dir, PASSPHRASE, args);

it('runs one kubectl command in a session and exits with its code, then lists and shows the sessions as JSON', async () => {
  await h.admin(['create', 'secret', 'generic', 'cli-seen', '-n', h.work, '--from-literal=k=v']);
  const ok = await cli([
    'access',
    'jit',
    '--account',
    'edit',
    '--ttl',
    '10m',
    '--reason',
    'cli ok',
    '--',
    'kubectl',
    'get',
    'secrets',
    '-n',
    h.work,
    '-o',
    'name',
  ]);
  expect(ok.stderr).toMatch(/session [0-9a-f]{8} on jit as edit/);
  expect(ok.code).toBe(0);
  const missing = await cli([
    'access',
    'jit',
    '--account',
    'edit',
    '--reason',
    'cli missing',
    '--',
    'kubectl',
    'get',
    'secret',
    'nope',
    '-n',
    h.work,
  ]);
  expect(missing.code).toBe(1);

  const list = await cli(['--json', 'sessions', 'list']);
  expect(list.code).toBe(0);
  const sessions = JSON.parse(list.stdout) as SessionSummary[];
  const mine = sessions.filter((s) => s.reason.startsWith('cli '));
  expect(mine.map((s) => [s.reason, s.live, s.endReason])).toEqual([
    ['cli missing', false, 'command'],
    ['cli ok', false, 'command'],
  ]);
  const show = await cli(['--json', 'sessions', 'show', (mine[1] as SessionSummary).id.slice(0, 8)]);
  expect(show.code).toBe(0);
  const detail = JSON.parse(show.stdout) as SessionDetail;
  const list1 = detail.requests.find((r) => r.path.startsWith(`/api/v1/namespaces/${h.work}/secrets`));
  expect(list1).toMatchObject({ verb: 'list', status: 200, command: `kubectl get secrets -n ${h.work}` });
  const text = await cli(['sessions', 'show', (mine[0] as SessionSummary).id]);
  expect(text.stdout).toContain(`404`);
  expect(text.stdout).toContain(`kubectl get secrets nope -n ${h.work}`);
}, 300_000);

it('adds a custom access account and a session can use it', async () => {
  await h.admin(['create', 'serviceaccount', 'deployer', '-n', h.saNamespace]);
  // Strongroom's own account may mint only the built-in accounts' tokens: widen it for this one.
  const rbac = [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'mint-deployer', namespace: h.saNamespace },
      rules: [
        { apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: ['deployer'], verbs: ['create'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'mint-deployer', namespace: h.saNamespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'mint-deployer' },
      subjects: [{ kind: 'ServiceAccount', name: 'strongroom', namespace: h.saNamespace }],
    },
  ];
  await h.admin(['apply', '-f', '-'], rbac.map((o) => JSON.stringify(o)).join('\n'));
  const add = await cli(['access-account', 'add', 'jit', 'deployer', '--service-account', `${h.saNamespace}/deployer`]);
  expect(add.stderr).toBe('');
  const list = await cli(['--json', 'access-account', 'list', 'jit']);
  expect((JSON.parse(list.stdout) as AccessAccount[]).map((a) => a.name)).toEqual([
    'view',
    'edit',
    'admin',
    'deployer',
  ]);
  const whoami = await cli([
    'access',
    'jit',
    '--account',
    'deployer',
    '--',
    'kubectl',
    'auth',
    'whoami',
    '-o',
    'jsonpath={.status.userInfo.username}',
  ]);
  expect(whoami.stdout).toBe(`system:serviceaccount:${h.saNamespace}:deployer`);
  const refused = await cli(['access', 'jit', '--account', 'view', '--ttl', 'soon', '--', 'kubectl', 'version']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('is not a duration');
}, 300_000);

it('--record-exec marks the session, and sessions show gives an exec request its transcript, in JSON and as text', async () => {
  const run = await cli([
    'access',
    'jit',
    '--account',
    'view',
    '--record-exec',
    '--reason',
    'cli record',
    '--',
    'kubectl',
    'version',
  ]);
  expect(run.code).toBe(0);
  const sessions = JSON.parse((await cli(['--json', 'sessions', 'list'])).stdout) as SessionSummary[];
  const recorded = sessions.find((s) => s.reason === 'cli record') as SessionSummary;
  expect(recorded.recordExec).toBe(true);
  expect(sessions.find((s) => s.reason === 'cli ok')?.recordExec).toBe(false);
  // The sandbox serves no pods/exec: log an exec as the session proxy's tap logs one (see exec-transcript.test.ts).
  const exec: SessionRequest = {
    at: Date.now(),
    method: 'GET',
    path: `/api/v1/namespaces/${h.work}/pods/web/exec?command=ls&stdin=true&stdout=true`,
    verb: 'create',
    resource: 'pods/exec',
    namespace: h.work,
    name: 'web',
    status: 101,
    latencyMs: 3,
    bytesIn: 10,
    bytesOut: 20,
    command: `kubectl exec web -n ${h.work} -- ls`,
    execCommand: 'ls',
    transcript: { chunks: [{ stream: 'stdout', atMs: 1, text: 'bin\netc\n' }], bytes: 9000, truncated: true },
  };
  new AccessRepo(() => h.app.vault.db()).insertRequests(recorded.id, [exec]);
  const json = JSON.parse((await cli(['--json', 'sessions', 'show', recorded.id])).stdout) as SessionDetail;
  expect(json.requests.find((r) => r.execCommand === 'ls')?.transcript).toEqual(exec.transcript);
  const text = (await cli(['sessions', 'show', recorded.id])).stdout;
  expect(text).toContain('  bin\n');
  expect(text).toContain('[transcript truncated: the first 8 of 9000 bytes are kept]');
}, 300_000);
