// An app with a saved cluster whose setup YAML carries the view/edit/admin access accounts, and a namespace to work in.
import fs from 'node:fs';
import path from 'node:path';
import type { ClusterDraft } from '../../../src/shared/clusters';
import { type ClusterAppHarness, clusterApp } from '../clusters/harness';

export interface AccessHarness extends ClusterAppHarness {
  clusterId: string;
  /** Strongroom's own (stored) token: must never appear in a file. */
  storedToken: string;
  saNamespace: string;
  /** A namespace the tests create objects in. */
  work: string;
  /** Admin kubectl that throws on failure. */
  admin(args: string[], input?: string): Promise<string>;
}

async function readToken(h: ClusterAppHarness, namespace: string, secret: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const r = await h.cluster.kubectl(['-n', namespace, 'get', 'secret', secret, '-o', 'jsonpath={.data.token}']);
    if (r.code === 0 && r.stdout) return Buffer.from(r.stdout, 'base64').toString('utf8');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no token in ${namespace}/${secret}`);
}

export async function accessHarness(): Promise<AccessHarness> {
  const h = await clusterApp();
  const cleanup: string[][] = [];
  const admin = async (args: string[], input?: string) => {
    const r = await h.cluster.kubectl(args, input === undefined ? {} : { input });
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  const saNamespace = h.cluster.uniqueName('strongroom');
  const setup = await h.value('clusters:setupYaml', {
    variant: 'read-write',
    namespace: saNamespace,
    accessAccounts: ['view', 'edit', 'admin'],
    // Tokens bound to per-session Secrets: ending a session revokes its token at once (the tests check it).
    sessionSecrets: true,
  });
  const file = path.join(h.dir, 'setup.yaml');
  fs.writeFileSync(file, setup.yaml);
  await admin(['apply', '-f', file]);
  cleanup.push(['delete', '-f', file, '--ignore-not-found']);
  const work = h.cluster.uniqueName('work');
  await admin(['create', 'namespace', work]);
  cleanup.push(['delete', 'namespace', work, '--ignore-not-found', '--wait=false']);
  const storedToken = await readToken(h, saNamespace, setup.serviceAccount.secretName);
  const draft: ClusterDraft = {
    name: 'jit',
    server: h.cluster.server,
    caPem: h.cluster.caPem,
    token: storedToken,
    options: { variant: 'read-write' },
  };
  const test = await h.value('clusters:test', { draft });
  if (!test.ok) throw new Error(`connection test failed: ${JSON.stringify(test.steps)}`);
  const { cluster: saved } = await h.value('clusters:save', { draft });
  return {
    ...h,
    clusterId: saved.id,
    storedToken,
    saNamespace,
    work,
    admin,
    async close() {
      for (const args of cleanup.reverse()) await h.cluster.kubectl(args);
      await h.close();
    },
  };
}
