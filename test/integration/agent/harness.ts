// Agent test helpers: the bundled agent in a temp dir, a simulated in-cluster environment (SA token, CA, namespace), and runs.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { buildAgent } from '../../../scripts/build-agent';
import type { TestCluster } from '../../support/cluster';

export interface AgentEnv {
  /** The bundled agent, alone in a dir without node_modules. */
  bundle: string;
  saDir: string;
  token: string;
  env: NodeJS.ProcessEnv;
}

export interface AgentRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Bundles the agent into a fresh temp dir, as the image would hold it. */
export async function bundleAgent(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'strongroom-agent-bin-')), 'agent.mjs');
  await buildAgent(file);
  return file;
}

/** Creates a ServiceAccount, asks for a token (TokenRequest, as kubelet does) and lays it out like the SA mount. */
export async function inClusterEnv(
  cluster: TestCluster,
  namespace: string,
  sa: string,
  bundle: string,
): Promise<AgentEnv> {
  const created = await cluster.kubectl(['create', 'serviceaccount', sa, '-n', namespace]);
  if (created.code !== 0 && !created.stderr.includes('AlreadyExists')) throw new Error(created.stderr);
  const token = await cluster.kubectl(['create', 'token', sa, '-n', namespace, '--duration=1h']);
  if (token.code !== 0) throw new Error(token.stderr);
  const saDir = mkdtempSync(join(tmpdir(), 'strongroom-sa-'));
  writeFileSync(join(saDir, 'token'), token.stdout.trim());
  writeFileSync(join(saDir, 'ca.crt'), cluster.caPem);
  writeFileSync(join(saDir, 'namespace'), namespace);
  const url = new URL(cluster.server);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    KUBERNETES_SERVICE_HOST: url.hostname.replace(/^\[|\]$/g, ''),
    KUBERNETES_SERVICE_PORT: url.port || '443',
    STRONGROOM_AGENT_SA_DIR: saDir,
  };
  return { bundle, saDir, token: token.stdout.trim(), env };
}

export function targetDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'strongroom-agent-out-')), 'secrets');
  mkdirSync(dir);
  return dir;
}

/** Starts the agent with the in-cluster env plus `extra`; Node 24 is the one running the tests. */
export function startAgent(agent: AgentEnv, extra: NodeJS.ProcessEnv): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [agent.bundle], {
    env: { ...agent.env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  return Object.assign(child, { output: () => out });
}

export function runAgent(agent: AgentEnv, extra: NodeJS.ProcessEnv): Promise<AgentRun> {
  const child = startAgent(agent, extra);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout: child.output(), stderr: '' })));
}

/** A Secret manifest whose values are given as bytes (base64 in `data`), for kubectl apply. */
export function secretYaml(
  namespace: string,
  name: string,
  values: Record<string, Buffer>,
  extra: object = {},
): string {
  const data = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.toString('base64')]));
  return stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace, ...extra }, type: 'Opaque', data });
}

export async function applyYaml(cluster: TestCluster, yaml: string, kubeconfig?: string): Promise<string> {
  const r = await cluster.kubectl(['apply', '-f', '-'], { input: yaml, kubeconfig });
  if (r.code !== 0) throw new Error(`kubectl apply failed: ${r.stderr}`);
  return r.stdout;
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
