// The session's temporary kubeconfig: a private 0700 dir in the OS temp dir, a 0600 file, removed when the session ends.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

export interface TempKubeconfig {
  dir: string;
  path: string;
  /** kubectl's discovery cache for this session, inside the private dir (KUBECACHEDIR). */
  cacheDir: string;
  remove(): void;
}

export function writeTempKubeconfig(o: {
  proxyUrl: string;
  caPem: string;
  credential: string;
  clusterName: string;
  account: string;
  namespace?: string;
}): TempKubeconfig {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-access-'));
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, 'kubeconfig');
  const name = `strongroom-${o.clusterName}-${o.account}`.replace(/[^\w.-]/g, '-');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: { server: o.proxyUrl, 'certificate-authority-data': Buffer.from(o.caPem).toString('base64') },
      },
    ],
    users: [{ name, user: { token: o.credential } }],
    contexts: [{ name, context: { cluster: name, user: name, ...(o.namespace ? { namespace: o.namespace } : {}) } }],
    'current-context': name,
  };
  // 'wx': never follow or reuse a file someone else put there.
  fs.writeFileSync(file, stringify(config), { mode: 0o600, flag: 'wx' });
  const cacheDir = path.join(dir, 'cache');
  fs.mkdirSync(cacheDir, { mode: 0o700 });
  return {
    dir,
    path: file,
    cacheDir,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
