// API semantics through @kubernetes/client-node: paging, 410, 409, watch, RBAC denials and TokenRequest expiry.
import {
  ApiException,
  AuthenticationV1Api,
  CoreV1Api,
  RbacAuthorizationV1Api,
  type V1Secret,
  Watch,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { statusOnceRefused } from '../../support/token-refused';

let c: TestCluster;
let core: CoreV1Api;
let ns: string;

function status(error: unknown): { code: number; reason?: string; message?: string } {
  if (!(error instanceof ApiException)) throw error;
  const body = typeof error.body === 'string' ? JSON.parse(error.body) : error.body;
  return { code: error.code, reason: body?.reason, message: body?.message };
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return status(error);
  }
  throw new Error('expected the request to fail');
}

const secret = (name: string, value = 'v'): V1Secret => ({ metadata: { name }, stringData: { value } });

beforeAll(async () => {
  c = await getTestCluster();
  core = c.kubeConfig().makeApiClient(CoreV1Api);
  ns = c.uniqueName('sr-protocol');
  await core.createNamespace({ body: { metadata: { name: ns } } });
  for (let i = 0; i < 12; i++)
    await core.createNamespacedSecret({ namespace: ns, body: secret(`page-${String(i).padStart(2, '0')}`) });
});

afterAll(async () => {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
  await c.close();
});

describe('paging', () => {
  it('returns every Secret once across pages of 5, with one list resourceVersion', async () => {
    const names: string[] = [];
    const versions = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await core.listNamespacedSecret({ namespace: ns, limit: 5, _continue: token });
      names.push(...page.items.map((s) => s.metadata?.name ?? '').filter((n) => n.startsWith('page-')));
      versions.add(page.metadata?.resourceVersion ?? '');
      token = page.metadata?._continue;
      pages++;
    } while (token);
    expect(names).toEqual(Array.from({ length: 12 }, (_, i) => `page-${String(i).padStart(2, '0')}`));
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(versions.size).toBe(1);
  });

  it('filters with label and field selectors', async () => {
    await core.createNamespacedSecret({
      namespace: ns,
      body: { ...secret('labelled'), metadata: { name: 'labelled', labels: { tier: 'db' } } },
    });
    const byLabel = await core.listNamespacedSecret({ namespace: ns, labelSelector: 'tier in (db,cache)' });
    expect(byLabel.items.map((s) => s.metadata?.name)).toEqual(['labelled']);
    const byField = await core.listNamespacedSecret({
      namespace: ns,
      fieldSelector: 'metadata.name=page-03,type=Opaque',
    });
    expect(byField.items.map((s) => s.metadata?.name)).toEqual(['page-03']);
  });

  it('answers 410 Expired with a fresh continue token when a continue token is too old (sandbox-only: fault injection)', async ({
    skip,
  }) => {
    if (!c.isSandbox) skip();
    const first = await core.listNamespacedSecret({ namespace: ns, limit: 5 });
    c.sandbox?.faults.set({ expireNextContinues: 1 });
    const error = await failure(
      core.listNamespacedSecret({ namespace: ns, limit: 5, _continue: first.metadata?._continue }),
    );
    expect(error).toMatchObject({ code: 410, reason: 'Expired' });
    expect(error.message).toContain('The provided continue parameter is too old');
  });

  it('expires continue tokens after the configured age (sandbox-only: clock control)', async ({ skip }) => {
    if (!c.sandbox) return skip();
    const first = await core.listNamespacedSecret({ namespace: ns, limit: 5 });
    c.sandbox.advanceClock(c.sandbox.continueTtlMs + 1000);
    const error = await failure(
      core.listNamespacedSecret({ namespace: ns, limit: 5, _continue: first.metadata?._continue }),
    );
    expect(error).toMatchObject({ code: 410, reason: 'Expired' });
  });
});

describe('optimistic concurrency', () => {
  it('refuses an update with a stale resourceVersion with 409 Conflict', async () => {
    const created = await core.createNamespacedSecret({ namespace: ns, body: secret('contended', 'a') });
    await core.replaceNamespacedSecret({
      name: 'contended',
      namespace: ns,
      body: { ...created, stringData: { value: 'b' } },
    });
    const error = await failure(
      core.replaceNamespacedSecret({
        name: 'contended',
        namespace: ns,
        body: { ...created, stringData: { value: 'c' } },
      }),
    );
    expect(error).toMatchObject({ code: 409, reason: 'Conflict' });
    expect(error.message).toBe(
      'Operation cannot be fulfilled on secrets "contended": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('answers 404 NotFound and 409 AlreadyExists with kube-apiserver messages', async () => {
    expect(await failure(core.readNamespacedSecret({ name: 'missing', namespace: ns }))).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'secrets "missing" not found',
    });
    expect(await failure(core.createNamespacedSecret({ namespace: ns, body: secret('page-00') }))).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
      message: 'secrets "page-00" already exists',
    });
  });

  it('rejects an invalid name with 422 Invalid', async () => {
    expect(await failure(core.createNamespacedSecret({ namespace: ns, body: secret('Not_Valid') }))).toMatchObject({
      code: 422,
      reason: 'Invalid',
    });
  });
});

describe('watch', () => {
  it('streams ADDED, MODIFIED and DELETED events from a resourceVersion', async () => {
    const start = await core.listNamespacedSecret({ namespace: ns, limit: 1 });
    const events: string[] = [];
    const done = new Promise<void>((resolve) => {
      void new Watch(c.kubeConfig())
        .watch(
          `/api/v1/namespaces/${ns}/secrets`,
          { resourceVersion: start.metadata?.resourceVersion, allowWatchBookmarks: true },
          (type, obj) => {
            if (type === 'BOOKMARK') return;
            events.push(`${type} ${obj.metadata.name}`);
            if (type === 'DELETED') resolve();
          },
          () => undefined,
        )
        .then((ctl) => done.finally(() => ctl.abort()));
    });
    await new Promise((r) => setTimeout(r, 200));
    await core.createNamespacedSecret({ namespace: ns, body: secret('watched', '1') });
    // client-node sends application/json-patch+json by default.
    const replace = [{ op: 'replace', path: '/data/value', value: Buffer.from('2').toString('base64') }];
    await core.patchNamespacedSecret({ name: 'watched', namespace: ns, body: replace });
    await core.deleteNamespacedSecret({ name: 'watched', namespace: ns });
    await done;
    expect(events).toEqual(['ADDED watched', 'MODIFIED watched', 'DELETED watched']);
  });
});

describe('authorization and tokens', () => {
  it('denies a ServiceAccount without rights with 403 and the RBAC message, and allows what its Role grants', async () => {
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'limited' } } });
    const rbac = c.kubeConfig().makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace: ns,
      body: {
        metadata: { name: 'one-secret' },
        rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['page-01'] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: ns,
      body: {
        metadata: { name: 'limited-one-secret' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'one-secret' },
        subjects: [{ kind: 'ServiceAccount', name: 'limited', namespace: ns }],
      },
    });
    const tr = await core.createNamespacedServiceAccountToken({
      name: 'limited',
      namespace: ns,
      body: { spec: { expirationSeconds: 600 } },
    });
    const limited = c.kubeConfig(tr.status?.token).makeApiClient(CoreV1Api);
    expect((await limited.readNamespacedSecret({ name: 'page-01', namespace: ns })).metadata?.name).toBe('page-01');
    expect(await failure(limited.readNamespacedSecret({ name: 'page-02', namespace: ns }))).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: `secrets "page-02" is forbidden: User "system:serviceaccount:${ns}:limited" cannot get resource "secrets" in API group "" in the namespace "${ns}"`,
    });
    expect(await failure(limited.listNamespacedSecret({ namespace: ns }))).toMatchObject({ code: 403 });
  });

  it('fills token, ca.crt and namespace into a service-account-token Secret, and revokes it on delete', async () => {
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'legacy' } } });
    await core.createNamespacedSecret({
      namespace: ns,
      body: {
        metadata: { name: 'legacy-token', annotations: { 'kubernetes.io/service-account.name': 'legacy' } },
        type: 'kubernetes.io/service-account-token',
      },
    });
    let data: Record<string, string> | undefined;
    for (let i = 0; i < 50 && !data?.token; i++) {
      data = (await core.readNamespacedSecret({ name: 'legacy-token', namespace: ns })).data;
      if (!data?.token) await new Promise((r) => setTimeout(r, 100));
    }
    expect(Object.keys(data ?? {}).sort()).toEqual(['ca.crt', 'namespace', 'token']);
    const token = Buffer.from(data?.token ?? '', 'base64').toString();
    const auth = c.kubeConfig(token).makeApiClient(AuthenticationV1Api);
    const review = await auth.createSelfSubjectReview({ body: {} });
    expect(review.status?.userInfo?.username).toBe(`system:serviceaccount:${ns}:legacy`);
    await core.deleteNamespacedSecret({ name: 'legacy-token', namespace: ns });
    expect(await statusOnceRefused(c, token)).toBe(401);
  }, 30_000);

  it('rejects a TokenRequest shorter than 10 minutes with 422', async () => {
    expect(
      await failure(
        core.createNamespacedServiceAccountToken({
          name: 'default',
          namespace: ns,
          body: { spec: { expirationSeconds: 60 } },
        }),
      ),
    ).toMatchObject({ code: 422, reason: 'Invalid' });
  });

  it('stops accepting a TokenRequest token once it expires (sandbox-only: clock control)', async ({ skip }) => {
    if (!c.sandbox) return skip();
    const tr = await core.createNamespacedServiceAccountToken({
      name: 'default',
      namespace: ns,
      body: { spec: { expirationSeconds: 600 } },
    });
    const auth = c.kubeConfig(tr.status?.token).makeApiClient(AuthenticationV1Api);
    expect((await auth.createSelfSubjectReview({ body: {} })).status?.userInfo?.username).toBe(
      `system:serviceaccount:${ns}:default`,
    );
    c.sandbox.advanceClock(601_000);
    // client-node drops the body of a 401, so only the code can be checked here.
    expect(await failure(auth.createSelfSubjectReview({ body: {} }))).toMatchObject({ code: 401 });
  });
});
