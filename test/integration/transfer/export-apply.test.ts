// Export, then `kubectl apply -f` the file into another namespace and compare the data byte-exact; read kubectl's own output back offline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSecrets } from '../../../src/main/transfer/export';
import { readOfflineFile } from '../../../src/main/transfer/offline';
import type { AuditEvent } from '../../../src/shared/audit-catalog';
import type { SecretRecord } from '../../../src/shared/secrets';
import { getTestCluster, type TestCluster } from '../../support/cluster';

const enc = (s: string) => new TextEncoder().encode(s);
/** Values that naive tools mangle: every byte value, trailing newlines, CRLF, a BOM, blanks, empty. */
const DATA: Record<string, Uint8Array> = {
  'all-bytes': Uint8Array.from({ length: 256 }, (_, i) => i),
  password: enc('hunter2\n'),
  'two-newlines': enc('value\n\n'),
  crlf: enc('line1\r\nline2\r\n'),
  bom: Uint8Array.from([0xef, 0xbb, 0xbf, 0x78]),
  'trailing-space': enc('pass \t'),
  empty: new Uint8Array(0),
  'not-utf8': Uint8Array.from([0xc3, 0x28, 0xa0, 0xa1]),
};

let cluster: TestCluster;
let dir: string;
let source: string;
let target: string;
const events: AuditEvent[] = [];
const audit = { record: (e: AuditEvent) => events.push(e) };

function record(name: string, namespace: string): SecretRecord {
  return {
    namespace,
    name,
    type: 'Opaque',
    labels: { 'app.kubernetes.io/name': 'transfer-test' },
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', note: 'kept' },
    data: DATA,
    resourceVersion: '123',
    uid: 'd0d0d0d0-0000-0000-0000-000000000000',
    creationTimestamp: '2025-01-01T00:00:00Z',
  };
}

async function kubectl(args: string[]): Promise<string> {
  const r = await cluster.kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function decodedData(json: string): Record<string, Uint8Array> {
  const secret = JSON.parse(json) as { data?: Record<string, string> };
  return Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
  );
}

beforeAll(async () => {
  cluster = await getTestCluster();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-transfer-'));
  source = cluster.uniqueName('transfer-src');
  target = cluster.uniqueName('transfer-dst');
  await kubectl(['create', 'namespace', source]);
  await kubectl(['create', 'namespace', target]);
});

afterAll(async () => {
  await cluster?.kubectl(['delete', 'namespace', source, target, '--wait=false']);
  await cluster?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('export and kubectl apply', () => {
  it('a single-Secret export passes kubectl client dry-run with its data unchanged', async () => {
    const file = path.join(dir, 'one.json');
    await exportSecrets([record('one', source)], { format: 'json', path: file, source: 'file test' as const }, audit);
    const out = await kubectl(['apply', '--dry-run=client', '-f', file, '-o', 'json']);
    expect(decodedData(out)).toEqual(DATA);
  });

  it('a List exported into another namespace applies there, and kubectl reads back every byte', async () => {
    const file = path.join(dir, 'list.json');
    const secrets = [record('copy-a', source), record('copy-b', source)];
    await exportSecrets(
      secrets,
      { format: 'list', path: file, namespace: target, source: 'file test' as const },
      audit,
    );
    // kubectl validates a List on the client against /openapi/v2, as a new user's plain apply does.
    await kubectl(['apply', '-f', file]);
    for (const name of ['copy-a', 'copy-b']) {
      const live = JSON.parse(await kubectl(['get', 'secret', name, '-n', target, '-o', 'json']));
      expect(decodedData(JSON.stringify(live))).toEqual(DATA);
      expect(live.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'transfer-test' });
      expect(live.metadata.annotations.note).toBe('kept');
      expect(live.metadata.uid).not.toBe('d0d0d0d0-0000-0000-0000-000000000000');
    }
  });

  it("reads kubectl's own YAML and JSON output back offline, byte for byte", async () => {
    for (const output of ['yaml', 'json']) {
      const text = await kubectl(['get', 'secrets', '-n', target, '-o', output]);
      const file = await readOfflineFile(`live.${output}`, text);
      const copies = file.secrets.filter((s) => s.name.startsWith('copy-'));
      expect(copies.map((s) => s.name).sort()).toEqual(['copy-a', 'copy-b']);
      for (const s of copies) expect(s.data).toEqual(DATA);
    }
  });

  it('a bundle opened offline re-exports to a file kubectl applies with the same data', async () => {
    const bundle = path.join(dir, 'b.srbundle.json');
    const options = {
      format: 'bundle' as const,
      path: bundle,
      passphrase: 'correct horse',
      source: 'file test' as const,
    };
    await exportSecrets([record('from-bundle', target)], options, audit);
    const opened = await readOfflineFile('b.srbundle.json', fs.readFileSync(bundle), 'correct horse');
    const plain = path.join(dir, 'from-bundle.json');
    await exportSecrets(opened.secrets, { format: 'json', path: plain, source: 'file test' as const }, audit);
    await kubectl(['apply', '-f', plain]);
    expect(decodedData(await kubectl(['get', 'secret', 'from-bundle', '-n', target, '-o', 'json']))).toEqual(DATA);
    expect(events.every((e) => e.action === 'secret.export' && e.outcome === 'ok')).toBe(true);
  });
});
