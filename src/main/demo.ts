// The demo cluster behind `npm start`: a sandbox with sample Secrets and a read-write Strongroom ServiceAccount.
import fs from 'node:fs';
import path from 'node:path';
import { CoreV1Api, type KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import type { Sandbox } from '../sandbox/index';
import { renderSetupYaml } from './clusters/setup-yaml';
import { kubeConfigFor } from './kube/connection';
import type { Logger } from './log';
import { writeFileAtomic } from './vault/atomic';

/** Everything needed to add the demo cluster the way a user adds a real one. */
export interface DemoCluster {
  name: string;
  server: string;
  caPem: string;
  /** The ServiceAccount token from the read-write setup YAML, not the sandbox admin token. */
  token: string;
  /** `<data dir>/demo-kubeconfig.yaml`: the same account for kubectl (mode 0600, made-up demo data only). */
  kubeconfigPath: string;
  /** Connect and fetch it on its own once a new vault is created (`npm start`'s first run). */
  connectOnFirstRun: true;
  close(): Promise<void>;
}

/** The file `npm start` writes so that `kubectl --kubeconfig <it> get secrets -A` reaches the demo cluster. */
export const DEMO_KUBECONFIG = 'demo-kubeconfig.yaml';

const PORT_FILE = 'port';

/** Starts the sandbox on the port it had last time, so a saved demo cluster keeps working across restarts. */
async function startOnStablePort(dir: string): Promise<Sandbox> {
  // Loaded only when the demo is on: the Kubernetes emulator stays out of the main bundle (its own chunk).
  const { startSandbox } = await import('../sandbox/index');
  const portFile = path.join(dir, PORT_FILE);
  const previous = fs.existsSync(portFile) ? Number(fs.readFileSync(portFile, 'utf8')) : 0;
  const options = {
    stateFile: path.join(dir, 'state.json'),
    caDir: path.join(dir, 'pki'),
    seed: 'demo' as const,
    backgroundWrites: true,
  };
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ ...options, port: Number.isInteger(previous) ? previous : 0 });
  } catch {
    sandbox = await startSandbox({ ...options, port: 0 });
  }
  fs.writeFileSync(portFile, String(sandbox.port));
  return sandbox;
}

/** Where to reach a cluster as its administrator, to apply setup YAML there. */
export interface AdminTarget {
  server: string;
  caPem: string;
  adminToken: string;
}

/**
 * Applies the setup YAML of `variant` as an administrator would (existing objects are left as they
 * are) and returns the token of the ServiceAccount it creates. The demo and the tests use it.
 */
export async function provisionServiceAccount(
  admin: AdminTarget,
  options: Parameters<typeof renderSetupYaml>[0],
): Promise<{ token: string; setup: ReturnType<typeof renderSetupYaml> }> {
  const kc = kubeConfigFor({ server: admin.server, caPem: admin.caPem, token: admin.adminToken, timeoutMs: 10_000 });
  const objects = KubernetesObjectApi.makeApiClient(kc);
  const setup = renderSetupYaml(options);
  for (const doc of parseAllDocuments(setup.yaml)) {
    try {
      await objects.create(doc.toJS() as KubernetesObject);
    } catch (error) {
      if ((error as { code?: number }).code !== 409) throw error;
    }
  }
  const { namespace, secretName } = setup.serviceAccount;
  const core = kc.makeApiClient(CoreV1Api);
  for (let attempt = 0; attempt < 50; attempt++) {
    const secret = await core.readNamespacedSecret({ name: secretName, namespace });
    const token = Buffer.from(secret.data?.token ?? '', 'base64').toString('utf8');
    if (token) return { token, setup };
    await new Promise((resolve) => setTimeout(resolve, 200)); // a real token controller fills it in shortly after
  }
  throw new Error(`The cluster did not fill in the token of ${namespace}/${secretName}.`);
}

/** What `npm start` prints about the demo: where it runs and how to reach it with kubectl. */
export function demoBanner(demo: Pick<DemoCluster, 'server' | 'kubeconfigPath'>): string {
  return `  Demo cluster: ${demo.server}\n  kubectl --kubeconfig ${demo.kubeconfigPath} get secrets -A\n`;
}

/**
 * Starts (or resumes) the demo cluster in `<dataDir>/demo-cluster`. Its state file holds only the
 * made-up sample Secrets of the demo, like a real cluster's etcd would; nothing from the vault.
 */
export async function startDemoCluster(dataDir: string, log: Logger): Promise<DemoCluster> {
  const dir = path.join(dataDir, 'demo-cluster');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const sandbox = await startOnStablePort(dir);
  const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
  // With the access accounts, so that the demo can start just-in-time sessions too.
  const { token } = await provisionServiceAccount(admin, {
    variant: 'read-write',
    accessAccounts: ['view', 'edit', 'admin'],
  });
  const kubeconfigPath = path.join(dataDir, DEMO_KUBECONFIG);
  writeFileAtomic(kubeconfigPath, sandbox.kubeconfig({ token, user: 'strongroom-demo' }));
  log.info({ server: sandbox.url, kubeconfigPath }, 'demo cluster running');
  return {
    name: 'demo',
    server: sandbox.url,
    caPem: sandbox.caPem,
    token,
    kubeconfigPath,
    connectOnFirstRun: true,
    close: () => sandbox.close(),
  };
}
