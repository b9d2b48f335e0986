// Tests of export: clean kubectl manifests, byte-exact data, atomic 0600 files and audit records.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-catalog';
import type { SecretRecord } from '../../shared/secrets';
import { exportSecrets, listManifest, manifestText, secretManifest } from './export';
import { readOfflineFile } from './offline';

const binary = Uint8Array.from({ length: 256 }, (_, i) => i);
const secret: SecretRecord = {
  namespace: 'prod',
  name: 'db-creds',
  type: 'Opaque',
  labels: { app: 'db' },
  annotations: {
    'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"aHVudGVyMgo="}}',
    'kubernetes.io/service-account.uid': 'u-1',
    owner: 'team-a',
  },
  data: { password: new TextEncoder().encode('hunter2\n\n'), blob: binary, crlf: new TextEncoder().encode('a\r\n') },
  resourceVersion: '4711',
  uid: '0b6c8f7e',
  creationTimestamp: '2025-11-02T10:00:00Z',
  immutable: true,
};

let dir: string;
let events: AuditEvent[];
const audit = { record: (e: AuditEvent) => events.push(e) };
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-export-'));
  events = [];
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('manifests', () => {
  it('keeps only what kubectl apply needs and drops server-set fields and last-applied', () => {
    const manifest = secretManifest(secret);
    expect(Object.keys(manifest)).toEqual(['apiVersion', 'kind', 'metadata', 'type', 'immutable', 'data']);
    expect(manifest.metadata).toEqual({
      name: 'db-creds',
      namespace: 'prod',
      labels: { app: 'db' },
      annotations: { owner: 'team-a' },
    });
    expect(JSON.stringify(manifest)).not.toMatch(/resourceVersion|uid|creationTimestamp|last-applied/);
  });

  it('writes data as base64 so binary values and trailing newlines survive', () => {
    const { data } = secretManifest(secret);
    expect(data.password).toBe(Buffer.from('hunter2\n\n').toString('base64'));
    expect(Buffer.from(data.blob as string, 'base64')).toEqual(Buffer.from(binary));
  });

  it('moves every Secret to a target namespace, and refuses an invalid one', () => {
    expect(
      listManifest([secret, { ...secret, namespace: '' }], { namespace: 'staging' }).items.map(
        (i) => i.metadata.namespace,
      ),
    ).toEqual(['staging', 'staging']);
    expect(() => secretManifest(secret, { namespace: 'Bad_NS' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('omits the namespace when the source had none', () => {
    expect(secretManifest({ ...secret, namespace: '' }).metadata.namespace).toBeUndefined();
  });

  it('refuses a single-Secret export of several Secrets', () => {
    expect(() => manifestText([secret, secret], 'json')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('reads back through offline review byte for byte', async () => {
    const file = await readOfflineFile('x.json', manifestText([secret], 'json'));
    expect(file.secrets[0]?.data).toEqual(secret.data);
  });
});

describe('exportSecrets', () => {
  it('replaces a file only when told to: 0600, atomically, no temp file left, audited', async () => {
    const target = path.join(dir, 'db.json');
    fs.writeFileSync(target, 'old');
    const result = await exportSecrets(
      [secret],
      { format: 'json', path: target, overwrite: true, source: 'account prod/db-creds' },
      audit,
    );
    expect(result).toMatchObject({ path: target, format: 'json', count: 1, encrypted: false });
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['db.json']);
    expect(JSON.parse(fs.readFileSync(target, 'utf8')).kind).toBe('Secret');
    expect(events).toEqual([
      {
        action: 'secret.export',
        target: 'account prod/db-creds',
        outcome: 'ok',
        details: { format: 'json', count: 1, path: target, namespace: undefined },
      },
    ]);
  });

  it('refuses to replace an existing file without overwrite, leaving it as it was', async () => {
    const target = path.join(dir, '.bashrc');
    fs.writeFileSync(target, 'alias ll="ls -l"\n');
    const options = { format: 'json' as const, path: target, source: 'file s' as const };
    await expect(exportSecrets([secret], options, audit)).rejects.toMatchObject({ code: 'already_exists' });
    expect(fs.readFileSync(target, 'utf8')).toBe('alias ll="ls -l"\n');
    expect(fs.readdirSync(dir)).toEqual(['.bashrc']);
    expect(events[0]?.outcome).toBe('already_exists');
  });

  it('refuses a relative path', async () => {
    await expect(
      exportSecrets([secret], { format: 'json', path: 'x.json', source: 'file s' as const }, audit),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('hands a download back instead of writing when main decided so', async () => {
    const destination = async () => ({ kind: 'download' as const, fileName: 'db.json' });
    const result = await exportSecrets([secret], { format: 'json', destination, source: 'file s' as const }, audit);
    expect(result.path).toBeUndefined();
    expect(result.download).toMatchObject({ fileName: 'db.json', mediaType: 'application/json' });
    expect(JSON.parse(Buffer.from(result.download?.base64 ?? '', 'base64').toString()).kind).toBe('Secret');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(events[0]?.details).toMatchObject({ path: 'download db.json' });
  });

  it('writes an encrypted bundle that offline review opens with the passphrase', async () => {
    const target = path.join(dir, 'all.srbundle');
    const options = {
      format: 'bundle' as const,
      path: target,
      passphrase: 'correct horse',
      source: 'resource prod' as const,
    };
    const result = await exportSecrets([secret, secret], options, audit);
    expect(result.encrypted).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).not.toContain(Buffer.from('hunter2').toString('base64').slice(0, 8));
    const opened = await readOfflineFile('all.srbundle', fs.readFileSync(target), 'correct horse');
    expect(opened.secrets.map((s) => s.data)).toEqual([secret.data, secret.data]);
  });

  it('leaves the old file and no temp file when the write fails, and audits the failure', async () => {
    const target = path.join(dir, 'taken');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside'), 'x');
    await expect(
      exportSecrets([secret], { format: 'list', path: target, source: 'file s' as const }, audit),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(fs.readdirSync(dir)).toEqual(['taken']);
    expect(events[0]?.outcome).toBe('invalid_input');
  });

  it('names a missing folder without writing anything', async () => {
    const target = path.join(dir, 'missing', 'x.json');
    await expect(
      exportSecrets([secret], { format: 'list', path: target, source: 'file s' as const }, audit),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses a bundle without a passphrase', async () => {
    const options = { format: 'bundle' as const, path: path.join(dir, 'b'), source: 'file s' as const };
    await expect(exportSecrets([secret], options, audit)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
