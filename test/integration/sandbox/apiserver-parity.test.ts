// The sandbox answers as kube-apiserver does where clients depend on it: omitted empty maps, metadata-only
// media types, 405, typed Secret validation. Runs unchanged against a real cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestCluster, type TestCluster } from '../../support/cluster';
import { raw } from './raw';

let c: TestCluster;
let ns: string;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const secrets = () => `/api/v1/namespaces/${ns}/secrets`;
const METADATA_LIST = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io';

beforeAll(async () => {
  c = await getTestCluster();
  ns = c.uniqueName('sr-parity');
  expect((await raw(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: ns } } })).status).toBe(201);
  for (const name of ['plain-a', 'plain-b']) {
    const created = await raw(c, 'POST', secrets(), { body: { metadata: { name }, data: { password: b64('pw') } } });
    expect(created.status).toBe(201);
  }
}, 60_000);

afterAll(async () => {
  await raw(c, 'DELETE', `/api/v1/namespaces/${ns}`).catch(() => undefined);
  await c.close();
});

describe('empty maps', () => {
  it('omits metadata.annotations and labels that were never set', async () => {
    const got = await raw(c, 'GET', `${secrets()}/plain-a`);
    expect(got.status).toBe(200);
    expect(got.json.metadata).not.toHaveProperty('annotations');
    expect(got.json.metadata).not.toHaveProperty('labels');
  });

  it('refuses a JSON patch that adds under missing annotations with 422, and accepts it once the map exists', async () => {
    const add = [{ op: 'add', path: '/metadata/annotations/x', value: 'y' }];
    const contentType = 'application/json-patch+json';
    const refused = await raw(c, 'PATCH', `${secrets()}/plain-b`, { body: add, contentType });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Invalid', code: 422 });
    const withMap = [{ op: 'add', path: '/metadata/annotations', value: {} }, ...add];
    const accepted = await raw(c, 'PATCH', `${secrets()}/plain-b`, { body: withMap, contentType });
    expect(accepted.status).toBe(200);
    expect(accepted.json.metadata?.annotations).toEqual({ x: 'y' });
  });
});

describe('metadata-only media types', () => {
  it('lists metadata only, with no data, as PartialObjectMetadataList in meta.k8s.io/v1', async () => {
    const list = await raw(c, 'GET', secrets(), { accept: METADATA_LIST });
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1' });
    expect(list.json.metadata?.resourceVersion).toMatch(/^\d+$/);
    const items = list.json.items as Record<string, unknown>[];
    expect(items.map((i) => (i.metadata as { name: string }).name)).toEqual(
      expect.arrayContaining(['plain-a', 'plain-b']),
    );
    for (const item of items) {
      expect(item).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1' });
      expect(Object.keys(item).sort()).toEqual(['apiVersion', 'kind', 'metadata']);
    }
    expect(list.body).not.toContain(b64('pw'));
  });

  it('gets one object as PartialObjectMetadata', async () => {
    const accept = 'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io';
    const got = await raw(c, 'GET', `${secrets()}/plain-a`, { accept });
    expect(got.status).toBe(200);
    expect(Object.keys(got.json).sort()).toEqual(['apiVersion', 'kind', 'metadata']);
    expect(got.json).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'plain-a', namespace: ns } });
  });

  it('skips an Accept clause it cannot serve and takes the next one, in q order', async () => {
    const fallback = await raw(c, 'GET', secrets(), {
      accept: `application/json;as=NoSuchKind;v=v1;g=meta.k8s.io, ${METADATA_LIST}, application/json`,
    });
    expect(fallback.json.kind).toBe('PartialObjectMetadataList');
    const byQ = await raw(c, 'GET', secrets(), { accept: `application/json;q=0.5, ${METADATA_LIST}` });
    expect(byQ.json.kind).toBe('PartialObjectMetadataList');
    const plain = await raw(c, 'GET', secrets(), { accept: `${METADATA_LIST};q=0.1, application/json` });
    expect(plain.json.kind).toBe('SecretList');
  });

  it('answers 406 NotAcceptable when no clause can be served', async () => {
    const refused = await raw(c, 'GET', secrets(), { accept: 'application/json;as=NoSuchKind;v=v1;g=meta.k8s.io' });
    expect(refused.status).toBe(406);
    expect(refused.json).toMatchObject({ kind: 'Status', reason: 'NotAcceptable', code: 406 });
  });
});

describe('methods', () => {
  it('answers 405 MethodNotAllowed to POST on an object and PUT or PATCH on a collection', async () => {
    const cases = [
      await raw(c, 'POST', `${secrets()}/plain-a`, { body: { metadata: { name: 'plain-a' } } }),
      await raw(c, 'PUT', secrets(), { body: { metadata: { name: 'plain-a' } } }),
      await raw(c, 'PATCH', secrets(), { body: {}, contentType: 'application/merge-patch+json' }),
    ];
    for (const answer of cases) {
      expect(answer.status).toBe(405);
      expect(answer.json).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed', code: 405 });
    }
  });
});

describe('typed Secret validation', () => {
  const create = (name: string, type: string, data: Record<string, string>) =>
    raw(c, 'POST', secrets(), {
      body: { metadata: { name }, type, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])) },
    });
  const fields = (json: Record<string, unknown>) =>
    ((json.details as { causes: { field: string; reason: string }[] }).causes ?? []).map((x) => x.field);

  it('refuses a dockerconfigjson Secret whose value is not JSON, without echoing the value', async () => {
    const bad = await create('reg-bad', 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': 'hunter2-not-json' });
    expect(bad.status).toBe(422);
    expect(fields(bad.json)).toEqual(['data[.dockerconfigjson]']);
    expect(bad.json.message).toContain('<secret contents redacted>');
    expect(bad.body).not.toContain('hunter2');
    const missing = await create('reg-missing', 'kubernetes.io/dockerconfigjson', {});
    expect(missing.status).toBe(422);
    expect(fields(missing.json)).toEqual(['data[.dockerconfigjson]']);
    const good = await create('reg-good', 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': '{"auths":{}}' });
    expect(good.status).toBe(201);
  });

  it('refuses a dockercfg Secret that is not a JSON object', async () => {
    const bad = await create('cfg-bad', 'kubernetes.io/dockercfg', { '.dockercfg': '[1,2]' });
    expect(bad.status).toBe(422);
    expect(fields(bad.json)).toEqual(['data[.dockercfg]']);
  });

  it('requires both TLS keys, a basic-auth username or password, and a non-empty SSH key', async () => {
    const tls = await create('tls-half', 'kubernetes.io/tls', { 'tls.crt': 'x' });
    expect(tls.status).toBe(422);
    expect(fields(tls.json)).toEqual(['data[tls.key]']);
    const basic = await create('basic-none', 'kubernetes.io/basic-auth', { other: 'x' });
    expect(basic.status).toBe(422);
    expect(fields(basic.json)).toEqual(['data[username]', 'data[password]']);
    expect(basic.json.message).toMatch(/is invalid: \[data\[username\]: Required value, data\[password\]/);
    expect((await create('basic-user', 'kubernetes.io/basic-auth', { username: 'u' })).status).toBe(201);
    const ssh = await create('ssh-empty', 'kubernetes.io/ssh-auth', { 'ssh-privatekey': '' });
    expect(ssh.status).toBe(422);
    expect(fields(ssh.json)).toEqual(['data[ssh-privatekey]']);
    const causes = (ssh.json.details as { causes: { reason: string }[] }).causes;
    expect(causes[0]?.reason).toBe('FieldValueRequired');
  });

  it('requires the ServiceAccount name annotation on a service-account-token Secret', async () => {
    const bad = await create('sa-token-bad', 'kubernetes.io/service-account-token', {});
    expect(bad.status).toBe(422);
    expect(fields(bad.json)).toEqual(['metadata.annotations[kubernetes.io/service-account.name]']);
  });

  it('keeps the type immutable on update', async () => {
    const current = await raw(c, 'GET', `${secrets()}/plain-a`);
    const changed = { ...current.json, type: 'kubernetes.io/basic-auth', data: { username: b64('u') } };
    const refused = await raw(c, 'PUT', `${secrets()}/plain-a`, { body: changed });
    expect(refused.status).toBe(422);
    expect(fields(refused.json)).toContain('type');
  });
});

describe('write options', () => {
  it('validates and answers a dryRun=All create, update and delete without storing anything', async () => {
    const body = { metadata: { name: 'dry-one' }, data: { a: b64('x') } };
    const created = await raw(c, 'POST', `${secrets()}?dryRun=All`, { body });
    expect(created.status).toBe(201);
    expect(created.json.metadata?.uid).toBeTruthy();
    expect((await raw(c, 'GET', `${secrets()}/dry-one`)).status).toBe(404);
    const invalid = await raw(c, 'POST', `${secrets()}?dryRun=All`, {
      body: { metadata: { name: 'dry-bad' }, type: 'kubernetes.io/tls', data: {} },
    });
    expect(invalid.status).toBe(422);
    const before = await raw(c, 'GET', `${secrets()}/plain-a`);
    const merge = { body: { data: { password: b64('changed') } }, contentType: 'application/merge-patch+json' };
    const patched = await raw(c, 'PATCH', `${secrets()}/plain-a?dryRun=All`, merge);
    expect(patched.status).toBe(200);
    expect((patched.json.data as Record<string, string>).password).toBe(b64('changed'));
    expect((await raw(c, 'DELETE', `${secrets()}/plain-a?dryRun=All`)).status).toBe(200);
    const after = await raw(c, 'GET', `${secrets()}/plain-a`);
    expect(after.json.data).toEqual(before.json.data);
    expect(after.json.metadata?.resourceVersion).toBe(before.json.metadata?.resourceVersion);
    expect((await raw(c, 'POST', `${secrets()}?dryRun=Some`, { body })).status).toBe(400);
  });

  it('drops an unknown field with a Warning header by default, and refuses it with fieldValidation=Strict', async () => {
    const body = { metadata: { name: 'extra-field' }, data: { a: b64('x') }, dataa: {} };
    const strict = await raw(c, 'POST', `${secrets()}?fieldValidation=Strict`, { body });
    expect(strict.status).toBe(400);
    expect(strict.json.message).toContain('unknown field "dataa"');
    const warned = await raw(c, 'POST', secrets(), { body });
    expect(warned.status).toBe(201);
    expect(warned.json).not.toHaveProperty('dataa');
    expect(warned.warning).toContain('unknown field \\"dataa\\"');
  });

  it('refuses a create that carries a resourceVersion', async () => {
    const answer = await raw(c, 'POST', secrets(), { body: { metadata: { name: 'with-rv', resourceVersion: '5' } } });
    expect(answer.status).toBe(500);
    expect(answer.json.message).toContain('resourceVersion should not be set on objects to be created');
  });

  it('generates a name from generateName with five characters from the no-vowel alphabet', async () => {
    const made = await raw(c, 'POST', secrets(), { body: { metadata: { generateName: 'gen-' } } });
    expect(made.status).toBe(201);
    expect(made.json.metadata?.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});

describe('list and watch options', () => {
  it('refuses resourceVersionMatch without a resourceVersion, and sendInitialEvents on a list, with 422', async () => {
    const noRv = await raw(c, 'GET', `${secrets()}?resourceVersionMatch=NotOlderThan`);
    expect(noRv.status).toBe(422);
    expect(noRv.json.message).toContain('resourceVersionMatch is forbidden unless resourceVersion is provided');
    const initial = await raw(c, 'GET', `${secrets()}?sendInitialEvents=true`);
    expect(initial.status).toBe(422);
    const watch = await raw(c, 'GET', `${secrets()}?watch=true&sendInitialEvents=true`);
    expect(watch.status).toBe(422);
    expect(watch.json.message).toContain('sendInitialEvents requires setting resourceVersionMatch to NotOlderThan');
  });

  it('streams watch events as one-row Tables or as PartialObjectMetadata when the Accept header asks', async () => {
    const events = async (accept: string) => {
      const answer = await raw(c, 'GET', `${secrets()}?watch=true&timeoutSeconds=1`, { accept });
      expect(answer.status).toBe(200);
      return answer.body
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; object: Record<string, unknown> });
    };
    const tables = await events('application/json;as=Table;v=v1;g=meta.k8s.io,application/json');
    expect(tables.length).toBeGreaterThan(0);
    for (const e of tables) expect(e.object).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    const partials = await events('application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io');
    for (const e of partials) expect(Object.keys(e.object).sort()).toEqual(['apiVersion', 'kind', 'metadata']);
  }, 30_000);

  it('answers a list at a resourceVersion newer than the server with 504 Too large resource version', async () => {
    const current = Number((await raw(c, 'GET', secrets())).json.metadata?.resourceVersion);
    const ahead = await raw(c, 'GET', `${secrets()}?resourceVersion=${current + 1_000_000}`);
    expect(ahead.status).toBe(504);
    expect(ahead.json.message).toContain('Too large resource version');
  }, 30_000);
});

describe('finalizers', () => {
  it('keeps a deleted Secret with a finalizer, marked with deletionTimestamp, until the finalizer is removed', async () => {
    const body = { metadata: { name: 'held', finalizers: ['example.com/hold'] }, data: { a: b64('x') } };
    expect((await raw(c, 'POST', secrets(), { body })).status).toBe(201);
    const deleted = await raw(c, 'DELETE', `${secrets()}/held`);
    expect(deleted.status).toBe(200);
    expect(deleted.json.metadata?.deletionTimestamp).toBeTruthy();
    const still = await raw(c, 'GET', `${secrets()}/held`);
    expect(still.status).toBe(200);
    expect(still.json.metadata?.deletionTimestamp).toBe(deleted.json.metadata?.deletionTimestamp);
    const release = { body: { metadata: { finalizers: null } }, contentType: 'application/merge-patch+json' };
    expect((await raw(c, 'PATCH', `${secrets()}/held`, release)).status).toBe(200);
    let gone = 0;
    for (let i = 0; i < 50 && gone !== 404; i++) {
      gone = (await raw(c, 'GET', `${secrets()}/held`)).status;
      if (gone !== 404) await new Promise((r) => setTimeout(r, 100));
    }
    expect(gone).toBe(404);
  }, 30_000);
});
