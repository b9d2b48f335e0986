// Entry point of the Strongroom secrets agent: read config, then write the Secrets once (init) or keep them current (sidecar).
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parsePrivateKey } from '../../src/main/agent/sealed-box';
import { type AgentConfig, ConfigError, readConfig } from './config';
import { Delivery } from './delivery';
import { startHealth } from './health';
import { createInClusterClient } from './kube';
import { createAgentLog } from './log';
import { readAll } from './secrets';
import { runSidecar } from './sidecar';

/** Exit codes: 0 done, 1 a Secret could not be delivered, 2 invalid configuration. */
const EXIT = { ok: 0, failed: 1, config: 2 } as const;

function loadKey(config: AgentConfig): KeyObject | undefined {
  if (!config.privateKeyFile) return undefined;
  return parsePrivateKey(readFileSync(config.privateKeyFile, 'utf8'));
}

export async function runAgent(env: NodeJS.ProcessEnv): Promise<number> {
  let config: AgentConfig;
  try {
    config = readConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    createAgentLog('error').error('invalid configuration', { problems: error.problems });
    return EXIT.config;
  }
  const log = createAgentLog(config.logLevel);
  let delivery: Delivery;
  let client: ReturnType<typeof createInClusterClient>;
  try {
    client = createInClusterClient(config.saDir, config.apiServer);
    delivery = new Delivery(config, client.namespace, loadKey(config), log);
  } catch (error) {
    log.error('cannot start', { reason: (error as Error).message });
    return EXIT.config;
  }
  log.info('agent starting', {
    mode: config.mode,
    namespace: client.namespace,
    layout: config.layout,
    refresh: String(config.refresh),
  });
  const health = config.healthPort ? await startHealth(config.healthPort, delivery.health) : undefined;
  try {
    delivery.replaceAll(await readAll(client, config.source));
    await delivery.flush();
  } catch (error) {
    delivery.failed((error as Error).message);
    log.error('secrets not delivered', { reason: (error as Error).message });
    if (config.mode === 'init') {
      health?.close();
      return EXIT.failed;
    }
  }
  if (config.mode === 'init') {
    health?.close();
    return EXIT.ok;
  }
  const stop = new AbortController();
  for (const sig of ['SIGTERM', 'SIGINT'] as const)
    process.once(sig, () => {
      log.info('stopping', { signal: sig });
      stop.abort();
    });
  await runSidecar(client, delivery, config, log, stop.signal);
  health?.close();
  return EXIT.ok;
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) runAgent(process.env).then((code) => process.exit(code));
