// The sidecar's watch loop against a fake API: bookmarks move the resourceVersion, 410 lists again, changes are written.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readConfig } from './config';
import { Delivery } from './delivery';
import type { AgentSecret, InClusterClient, WatchEvent } from './kube';
import { createAgentLog } from './log';
import { runSidecar } from './sidecar';

const secret = (rv: string, value: string): AgentSecret => ({
  metadata: { name: 'db', resourceVersion: rv },
  data: { password: Buffer.from(value).toString('base64') },
});

it('resumes from bookmarks, lists again after 410 Gone, and writes each new value', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'agent-sidecar-')), 'out');
  const config = readConfig({
    STRONGROOM_AGENT_MODE: 'sidecar',
    STRONGROOM_AGENT_SECRETS: 'db',
    STRONGROOM_AGENT_DIR: dir,
    KUBERNETES_SERVICE_HOST: '127.0.0.1',
    KUBERNETES_SERVICE_PORT: '1',
  });
  const lists: Record<string, string>[] = [];
  const watches: Record<string, string>[] = [];
  const stop = new AbortController();
  const script: WatchEvent[][] = [
    [{ type: 'BOOKMARK', object: { metadata: { name: '', resourceVersion: '15' } } }],
    [{ type: 'ERROR', object: { metadata: { name: '', resourceVersion: '' }, code: 410, reason: 'Expired' } }],
    [{ type: 'MODIFIED', object: secret('30', 'three') }],
  ];
  const client: InClusterClient = {
    namespace: 'team',
    getSecret: async () => secret('10', 'one'),
    async listSecrets(query) {
      lists.push(query);
      return lists.length === 1
        ? { items: [secret('10', 'one')], resourceVersion: '10' }
        : { items: [secret('20', 'two')], resourceVersion: '20' };
    },
    async watchSecrets(query, onEvent) {
      watches.push(query);
      const events = script.shift();
      if (!events) {
        stop.abort();
        return;
      }
      for (const e of events) onEvent(e);
    },
  };
  const log = createAgentLog('error', () => {});
  await runSidecar(client, new Delivery(config, 'team', undefined, log), config, log, stop.signal);
  expect(lists).toEqual([{ fieldSelector: 'metadata.name=db' }, { fieldSelector: 'metadata.name=db' }]);
  expect(watches.map((w) => w.resourceVersion)).toEqual(['10', '15', '20', '30']);
  expect(watches[0]).toMatchObject({ fieldSelector: 'metadata.name=db', timeoutSeconds: '300' });
  expect(readFileSync(join(dir, 'db', 'password'), 'utf8')).toBe('three');
});
