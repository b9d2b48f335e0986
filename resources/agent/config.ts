// Reads the agent's configuration from STRONGROOM_AGENT_* variables and rejects every invalid value before any work starts.
import { constants } from 'node:os';

export type AgentMode = 'init' | 'sidecar';
export type AgentLayout = 'files' | 'json' | 'env';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where the Secrets come from: a list of names or one label selector, both in the pod's namespace. */
export type SecretSource = { kind: 'names'; names: string[] } | { kind: 'selector'; selector: string };

export type Notify = { kind: 'signal'; signal: NodeJS.Signals; pidFile: string } | { kind: 'http'; url: string };

export interface AgentConfig {
  mode: AgentMode;
  source: SecretSource;
  dir: string;
  layout: AgentLayout;
  fileMode: number;
  owner?: { uid: number; gid: number };
  /** `watch`, or a refresh interval in milliseconds. */
  refresh: 'watch' | number;
  notify?: Notify;
  healthPort?: number;
  privateKeyFile?: string;
  saDir: string;
  logLevel: LogLevel;
  apiServer: { host: string; port: number };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

export const DEFAULT_SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** A Secret name as kube-apiserver accepts it (DNS subdomain). */
const SECRET_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const SELECTOR = /^[A-Za-z0-9_./!=, ()-]+$/;
const DURATION = /^(\d+)(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const MIN_INTERVAL_MS = 1000;
const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Parses `30s`, `5m`, `1h` or `1500ms` into milliseconds, or undefined if it is none of those. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
}

function parsePort(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

function parseNotify(text: string, problems: string[]): Notify | undefined {
  if (text.startsWith('signal:')) {
    const [, name = '', pidFile = ''] = text.split(':');
    const signal = name.startsWith('SIG') ? name : `SIG${name}`;
    if (!(signal in constants.signals) || !pidFile.startsWith('/')) {
      problems.push(
        'STRONGROOM_AGENT_NOTIFY must be signal:NAME:/absolute/pidfile (for example signal:HUP:/run/app.pid)',
      );
      return undefined;
    }
    return { kind: 'signal', signal: signal as NodeJS.Signals, pidFile };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push('STRONGROOM_AGENT_NOTIFY must be signal:NAME:PIDFILE or http://127.0.0.1:PORT/path');
    return undefined;
  }
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    problems.push('STRONGROOM_AGENT_NOTIFY may only call http:// on 127.0.0.1, localhost or [::1] (the pod itself)');
    return undefined;
  }
  return { kind: 'http', url: url.href };
}

function parseSource(env: NodeJS.ProcessEnv, problems: string[]): SecretSource | undefined {
  const names = env.STRONGROOM_AGENT_SECRETS?.trim();
  const selector = env.STRONGROOM_AGENT_SELECTOR?.trim();
  if (names && selector) problems.push('set STRONGROOM_AGENT_SECRETS or STRONGROOM_AGENT_SELECTOR, not both');
  else if (names) {
    const list = names.split(',').map((n) => n.trim());
    const bad = list.filter((n) => !SECRET_NAME.test(n));
    if (bad.length)
      problems.push(
        `STRONGROOM_AGENT_SECRETS has invalid Secret names: ${bad.map((n) => JSON.stringify(n)).join(', ')}`,
      );
    else return { kind: 'names', names: [...new Set(list)] };
  } else if (selector) {
    if (!SELECTOR.test(selector))
      problems.push('STRONGROOM_AGENT_SELECTOR is not a label selector (for example app=web,tier!=db)');
    else return { kind: 'selector', selector };
  } else problems.push('STRONGROOM_AGENT_SECRETS (comma-separated names) or STRONGROOM_AGENT_SELECTOR is required');
  return undefined;
}

function parseOwner(text: string | undefined, problems: string[]): AgentConfig['owner'] {
  if (!text) return undefined;
  const m = /^(\d+)(?::(\d+))?$/.exec(text.trim());
  if (!m) {
    problems.push('STRONGROOM_AGENT_FILE_OWNER must be UID or UID:GID (numbers)');
    return undefined;
  }
  const uid = Number(m[1]);
  return { uid, gid: m[2] === undefined ? uid : Number(m[2]) };
}

/** Reads and checks every variable; throws one ConfigError that lists every problem at once. */
export function readConfig(env: NodeJS.ProcessEnv): AgentConfig {
  const problems: string[] = [];
  const mode = env.STRONGROOM_AGENT_MODE?.trim();
  if (mode !== 'init' && mode !== 'sidecar') problems.push('STRONGROOM_AGENT_MODE must be init or sidecar');
  const source = parseSource(env, problems);
  const dir = env.STRONGROOM_AGENT_DIR?.trim() ?? '';
  if (!dir.startsWith('/')) problems.push('STRONGROOM_AGENT_DIR must be an absolute path (the in-memory volume)');
  const layout = env.STRONGROOM_AGENT_LAYOUT?.trim() || 'files';
  if (!['files', 'json', 'env'].includes(layout)) problems.push('STRONGROOM_AGENT_LAYOUT must be files, json or env');
  const modeText = env.STRONGROOM_AGENT_FILE_MODE?.trim() || '0400';
  const fileMode = /^0?[0-7]{3}$/.test(modeText) ? Number.parseInt(modeText, 8) : Number.NaN;
  if (Number.isNaN(fileMode)) problems.push('STRONGROOM_AGENT_FILE_MODE must be an octal mode such as 0400 or 0440');
  else if (fileMode & 0o022)
    problems.push('STRONGROOM_AGENT_FILE_MODE may not let group or others write (for example 0400)');
  const refreshText = env.STRONGROOM_AGENT_REFRESH?.trim() || 'watch';
  const interval = refreshText === 'watch' ? undefined : parseDuration(refreshText);
  if (refreshText !== 'watch' && (interval === undefined || interval < MIN_INTERVAL_MS))
    problems.push('STRONGROOM_AGENT_REFRESH must be watch or an interval of at least 1s (for example 30s, 5m)');
  const notifyText = env.STRONGROOM_AGENT_NOTIFY?.trim();
  const notify = notifyText ? parseNotify(notifyText, problems) : undefined;
  const healthText = env.STRONGROOM_AGENT_HEALTH_PORT?.trim();
  const healthPort = healthText ? parsePort(healthText) : undefined;
  if (healthText && healthPort === undefined)
    problems.push('STRONGROOM_AGENT_HEALTH_PORT must be a port number 1-65535');
  const logLevel = (env.STRONGROOM_AGENT_LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LEVELS.includes(logLevel)) problems.push('STRONGROOM_AGENT_LOG_LEVEL must be debug, info, warn or error');
  const host = env.KUBERNETES_SERVICE_HOST?.trim() ?? '';
  const port = parsePort(env.KUBERNETES_SERVICE_PORT?.trim() ?? '');
  if (!host || port === undefined)
    problems.push('KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set (the agent runs inside a pod)');
  const owner = parseOwner(env.STRONGROOM_AGENT_FILE_OWNER, problems);
  if (mode === 'init' && notify) problems.push('STRONGROOM_AGENT_NOTIFY only applies to sidecar mode');
  if (problems.length) throw new ConfigError(problems);
  return {
    mode: mode as AgentMode,
    source: source as SecretSource,
    dir,
    layout: layout as AgentLayout,
    fileMode,
    owner,
    refresh: interval ?? 'watch',
    notify,
    healthPort,
    privateKeyFile: env.STRONGROOM_AGENT_PRIVATE_KEY_FILE?.trim() || undefined,
    saDir: env.STRONGROOM_AGENT_SA_DIR?.trim() || DEFAULT_SA_DIR,
    logLevel,
    apiServer: { host, port: port as number },
  };
}
