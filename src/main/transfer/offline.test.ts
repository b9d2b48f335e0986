// Tests of offline file reading: every supported shape, and a clear bad_file for every hostile one.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-catalog';
import { FakeClock } from '../clock';
import { silentLogger } from '../log';
import { sealBundle } from './bundle';
import { manifestText } from './export';
import { OfflineReviewService, readOfflineFile } from './offline';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/transfer');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const FAST_KDF = { m: 8_192, t: 1, p: 1 };

async function badFileMessage(name: string, content: string | Uint8Array, passphrase?: string): Promise<string> {
  const error = await readOfflineFile(name, content, passphrase).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ name: 'AppError', code: 'bad_file' });
  return (error as Error).message;
}

describe('reading supported files', () => {
  it('reads a single Secret as kubectl prints it in YAML', async () => {
    const file = await readOfflineFile('db.yaml', fixture('kubectl-secret.fixture.yaml'));
    expect(file.format).toBe('yaml');
    const [secret] = file.secrets;
    expect(secret).toMatchObject({ namespace: 'prod', name: 'db-creds', type: 'Opaque', resourceVersion: '4711' });
    expect(text(secret?.data.password)).toBe('hunter2\n');
    expect(secret?.labels).toEqual({ app: 'db' });
  });

  it('reads a kubectl List in JSON with TLS and docker Secrets', async () => {
    const file = await readOfflineFile('all.json', fixture('kubectl-list.fixture.json'));
    expect(file.secrets.map((s) => `${s.namespace}/${s.name}`)).toEqual(['shop/web-tls', 'shop/pull']);
    expect(Object.keys(file.secrets[0]?.data ?? {})).toEqual(['tls.crt', 'tls.key']);
  });

  it('reads the Secrets of a multi-document YAML and skips other kinds with a warning', async () => {
    const file = await readOfflineFile('chart.yml', fixture('multi.fixture.yaml'));
    expect(file.secrets.map((s) => s.name)).toEqual(['api-token', 'blob']);
    expect(text(file.secrets[0]?.data.token)).toBe('line one\nline two\n');
    expect([...(file.secrets[1]?.data.bin ?? [])]).toEqual([0, 255, 1, 2, 3, 4]);
    expect(file.warnings).toEqual(['Skipped a Deployment and a ConfigMap: only Secrets are reviewed.']);
  });

  it('reads a SecretList straight from the API, whose items have no kind', async () => {
    const list = { kind: 'SecretList', apiVersion: 'v1', items: [{ metadata: { name: 'a' }, data: { k: 'eA==' } }] };
    const file = await readOfflineFile('api.json', JSON.stringify(list));
    expect(file.secrets[0]).toMatchObject({ name: 'a', namespace: '', type: 'Opaque' });
  });

  it('lets stringData win over data for the same key, as the API server does', async () => {
    const secret = { kind: 'Secret', metadata: { name: 's' }, data: { k: 'eA==' }, stringData: { k: 'y' } };
    const file = await readOfflineFile('s.json', JSON.stringify(secret));
    expect(text(file.secrets[0]?.data.k)).toBe('y');
    expect(file.warnings[0]).toContain('stringData wins');
  });

  it('accepts base64 split over lines, as the API server does', async () => {
    const file = await readOfflineFile('s.yaml', 'kind: Secret\nmetadata: {name: s}\ndata:\n  k: "aGVs\\nbG8="\n');
    expect(text(file.secrets[0]?.data.k)).toBe('hello');
  });

  it('reads bytes without a byte order mark problem and sniffs JSON without an extension', async () => {
    const body = new TextEncoder().encode(`\ufeff${JSON.stringify({ kind: 'Secret', metadata: { name: 's' } })}`);
    const file = await readOfflineFile('secret', body);
    expect(file.format).toBe('json');
  });

  it('opens our own export and our bundle with its passphrase', async () => {
    const original = (await readOfflineFile('chart.yaml', fixture('multi.fixture.yaml'))).secrets;
    const exported = manifestText(original, 'list');
    expect((await readOfflineFile('export.json', exported)).secrets).toEqual(original);
    const bundle = await sealBundle(new TextEncoder().encode(exported), 'correct horse', FAST_KDF);
    const opened = await readOfflineFile('export.srbundle', bundle, 'correct horse');
    expect(opened.format).toBe('bundle');
    expect(opened.secrets).toEqual(original);
  });

  it('asks for the passphrase of a bundle opened without one', async () => {
    const bundle = await sealBundle(new TextEncoder().encode('{}'), 'correct horse', FAST_KDF);
    await expect(readOfflineFile('b.json', bundle)).rejects.toMatchObject({ code: 'wrong_passphrase' });
  });
});

describe('refusing malformed and hostile files', () => {
  it('names the kind a file holds instead of Secrets', async () => {
    expect(await badFileMessage('web.yaml', fixture('deployment.fixture.yaml'))).toBe(
      '"web.yaml" holds a Deployment, not Secrets.',
    );
  });

  it('says which Secret and key hold invalid base64, without the value', async () => {
    const secret = { kind: 'Secret', metadata: { name: 'db', namespace: 'prod' }, data: { pw: 'hunter2!' } };
    const message = await badFileMessage('s.json', JSON.stringify(secret));
    expect(message).toContain('Secret "prod/db"');
    expect(message).toContain('"pw"');
    expect(message).not.toContain('hunter2');
  });

  it('points at the line of a JSON syntax error without quoting the file', async () => {
    const message = await badFileMessage('s.json', '{\n  "data": {"pw": "hunter2"\n');
    expect(message).toMatch(/not valid JSON/);
    expect(message).not.toContain('hunter2');
    const inline = await badFileMessage('s.json', '{\n  "a": hunter2}');
    expect(inline).toContain('line 2');
    expect(inline).not.toContain('hunter2');
  });

  it('refuses duplicate keys in JSON and YAML', async () => {
    expect(await badFileMessage('s.json', '{"kind":"Secret","kind":"Secret"}')).toContain('repeats the key "kind"');
    expect(await badFileMessage('s.yaml', 'kind: Secret\nkind: Secret\n')).toContain('a key is repeated');
  });

  it('refuses non-string values in data, labels and stringData', async () => {
    const base = { kind: 'Secret', metadata: { name: 's' } };
    expect(await badFileMessage('a.json', JSON.stringify({ ...base, data: { k: 1 } }))).toContain('not base64 text');
    expect(await badFileMessage('b.json', JSON.stringify({ ...base, data: { k: null } }))).toContain('"k" is empty');
    const labels = { ...base, metadata: { name: 's', labels: { a: true } } };
    expect(await badFileMessage('c.json', JSON.stringify(labels))).toContain('"a" should be text');
    expect(await badFileMessage('d.json', JSON.stringify({ ...base, stringData: ['x'] }))).toContain('a list');
  });

  it('refuses a Secret without a name, a document without a kind, and a bare list', async () => {
    expect(await badFileMessage('a.json', '{"kind":"Secret","metadata":{}}')).toContain('without metadata.name');
    expect(await badFileMessage('b.yaml', 'metadata: {name: x}\n')).toContain('no "kind"');
    expect(await badFileMessage('c.json', '[1,2]')).toContain('a list, not a Kubernetes object');
  });

  it('refuses empty files, binary files and files over the size limit', async () => {
    expect(await badFileMessage('e.yaml', '  \n')).toContain('is empty');
    expect(await badFileMessage('b.yaml', Uint8Array.from([0xff, 0xfe, 0x00]))).toContain('not a text file');
    const huge = new Uint8Array(64 * 1024 * 1024 + 1);
    expect(await badFileMessage('huge.json', huge)).toContain('up to 64.0 MiB');
    expect(await badFileMessage('big.yaml', 'a'.repeat(9 * 1024 * 1024))).toContain('up to 8.0 MiB');
  });

  it('refuses deep nesting in JSON and YAML quickly', async () => {
    const start = performance.now();
    expect(await badFileMessage('d.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toContain('nests deeper');
    expect(await badFileMessage('d.yaml', `a: ${'['.repeat(5_000)}${']'.repeat(5_000)}`)).toMatch(
      /nests|not valid YAML/,
    );
    expect(performance.now() - start).toBeLessThan(5_000);
  });

  it('refuses a YAML alias bomb without expanding it', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${`*${prev},`.repeat(8)}*${prev}]`);
    }
    const start = performance.now();
    expect(await badFileMessage('bomb.yaml', `${levels.join('\n')}\n`)).toContain('aliases');
    expect(performance.now() - start).toBeLessThan(2_000);
  });

  it('refuses a damaged bundle as bad_file and a wrong passphrase as wrong_passphrase', async () => {
    const bundle = JSON.parse(await sealBundle(new TextEncoder().encode('{}'), 'correct horse', FAST_KDF));
    await expect(readOfflineFile('b.json', JSON.stringify(bundle), 'wrong horse')).rejects.toMatchObject({
      code: 'wrong_passphrase',
    });
    bundle.ciphertext = Buffer.from('tampered').toString('base64');
    await expect(readOfflineFile('b.json', JSON.stringify(bundle), 'correct horse')).rejects.toMatchObject({
      code: 'bad_file',
    });
  });
});

describe('review sessions', () => {
  function service() {
    const events: AuditEvent[] = [];
    const clock = new FakeClock();
    const offline = new OfflineReviewService({ clock, log: silentLogger(), audit: { record: (e) => events.push(e) } });
    return { offline, events, clock };
  }

  it('returns keys and sizes but no values, and hides the last-applied annotation', async () => {
    const { offline } = service();
    const review = await offline.open('db.yaml', fixture('kubectl-secret.fixture.yaml'));
    expect(review.secrets[0]?.keys).toEqual([
      { name: 'password', size: 8 },
      { name: 'username', size: 5 },
    ]);
    expect(JSON.stringify(review)).not.toContain('aHVudGVyMgo=');
    expect(review.secrets[0]?.annotations['kubectl.kubernetes.io/last-applied-configuration']).toMatch(/^\(hidden/);
  });

  it('reveals one key decoded, and audits the open and the reveal', async () => {
    const { offline, events } = service();
    const review = await offline.open('db.yaml', fixture('kubectl-secret.fixture.yaml'));
    const value = offline.reveal(review.sessionId, 0, 'password');
    expect(value).toMatchObject({ kind: 'text', text: 'hunter2\n', flags: { trailingNewlines: 1 } });
    expect(events.map((e) => `${e.action} ${e.outcome}`)).toEqual(['offline.open ok', 'secret.reveal ok']);
    expect(events[1]?.target).toBe('db.yaml: prod/db-creds [password]');
    expect(JSON.stringify(events)).not.toContain('hunter2');
  });

  it('answers not_found for a missing key, a closed session and an idle one', async () => {
    const { offline, clock, events } = service();
    const review = await offline.open('db.yaml', fixture('kubectl-secret.fixture.yaml'));
    expect(() => offline.reveal(review.sessionId, 0, 'nope')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => offline.reveal(review.sessionId, 0, 'toString')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    expect(events.at(-1)?.outcome).toBe('not_found');
    clock.advance(31 * 60_000);
    expect(() => offline.reveal(review.sessionId, 0, 'password')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    const again = await offline.open('db.yaml', fixture('kubectl-secret.fixture.yaml'));
    expect(offline.close(again.sessionId)).toBe(true);
    expect(() => offline.secretsOf(again.sessionId)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('audits a failed open with its error code', async () => {
    const { offline, events } = service();
    await expect(offline.open('web.yaml', fixture('deployment.fixture.yaml'))).rejects.toMatchObject({
      code: 'bad_file',
    });
    expect(events).toEqual([{ action: 'offline.open', target: 'web.yaml', outcome: 'bad_file' }]);
  });
});
