// The cluster integration tests talk to: a fresh sandbox, or a real cluster when STRONGROOM_TEST_KUBECONFIG is set.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface TestCluster {
  /** API server URL. */
  server: string;
  /** PEM of the CA that signed the API server's certificate. */
  caPem: string;
  /** Bearer token with cluster-admin rights (the sandbox's admin token, or the real kubeconfig's token if it has one). */
  adminToken: string | undefined;
  /** A kubeconfig file with those credentials (the given one on a real cluster). */
  kubeconfigPath: string;
  /** True when the tests run against the sandbox (fault injection and clock control available). */
  isSandbox: boolean;
  sandbox?: Sandbox;
  /** A client-node KubeConfig built in memory (admin unless another token is given). */
  kubeConfig(token?: string): KubeConfig;
  /** Runs real kubectl with this cluster's kubeconfig (or another one) and a private discovery cache. */
  kubectl(args: string[], options?: { kubeconfig?: string; input?: string }): Promise<KubectlResult>;
  /** Writes a kubeconfig for a given bearer token into the temp dir and returns its path. */
  writeKubeconfig(token: string, name: string): string;
  /** A name unique to this run, for namespaces the test creates and deletes. */
  uniqueName(prefix: string): string;
  close(): Promise<void>;
}

function kubeconfigText(server: string, caPem: string, token: string): string {
  const ca = Buffer.from(caPem).toString('base64');
  return `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${server}\n    certificate-authority-data: ${ca}\nusers:\n- name: u\n  user:\n    token: ${token}\ncontexts:\n- name: u@c\n  context:\n    cluster: c\n    user: u\ncurrent-context: u@c\n`;
}

/** Starts the cluster for a test file; call `close()` in afterAll. */
export async function getTestCluster(options: SandboxOptions = {}): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'strongroom-cluster-'));
  const realConfig = process.env.STRONGROOM_TEST_KUBECONFIG;
  let sandbox: Sandbox | undefined;
  let server: string;
  let caPem: string;
  let adminToken: string | undefined;
  let kubeconfigPath: string;
  if (realConfig) {
    const kc = new KubeConfig();
    kc.loadFromFile(realConfig);
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error(`${realConfig} has no current cluster`);
    server = cluster.server;
    caPem = cluster.caData ? Buffer.from(cluster.caData, 'base64').toString('utf8') : '';
    adminToken = kc.getCurrentUser()?.token;
    kubeconfigPath = realConfig;
  } else {
    sandbox = await startSandbox(options);
    server = sandbox.url;
    caPem = sandbox.caPem;
    adminToken = sandbox.adminToken;
    kubeconfigPath = join(dir, 'kubeconfig');
    sandbox.writeKubeconfig(kubeconfigPath);
  }
  const cacheDir = join(dir, 'kube-cache');
  return {
    server,
    caPem,
    adminToken,
    kubeconfigPath,
    isSandbox: !realConfig,
    sandbox,
    kubeConfig(token) {
      const kc = new KubeConfig();
      if (realConfig && !token) {
        kc.loadFromFile(realConfig);
        return kc;
      }
      kc.loadFromOptions({
        clusters: [{ name: 'c', server, caData: Buffer.from(caPem).toString('base64'), skipTLSVerify: false }],
        users: [{ name: 'u', token: token ?? adminToken }],
        contexts: [{ name: 'u@c', cluster: 'c', user: 'u' }],
        currentContext: 'u@c',
      });
      return kc;
    },
    kubectl(args, opts = {}) {
      return new Promise((resolve) => {
        const child = execFile(
          'kubectl',
          ['--cache-dir', cacheDir, ...args],
          { env: { ...process.env, KUBECONFIG: opts.kubeconfig ?? kubeconfigPath }, maxBuffer: 512 * 1024 * 1024 },
          (error, stdout, stderr) =>
            resolve({ stdout, stderr, code: error ? ((error as { code?: number }).code ?? 1) : 0 }),
        );
        if (opts.input !== undefined) child.stdin?.end(opts.input);
      });
    },
    writeKubeconfig(token, name) {
      const file = join(dir, `${name}.kubeconfig`);
      writeFileSync(file, kubeconfigText(server, caPem, token), { mode: 0o600 });
      return file;
    },
    uniqueName: (prefix) => `${prefix}-${randomBytes(4).toString('hex')}`,
    async close() {
      await sandbox?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
