// `strongroom agent register CLUSTER NS/AGENT --public-key FILE`: records the agent's public key in the vault for `strongroom seal`.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import type { CliContext } from '../context';
import { unlockVault } from '../unlock';
import { resolveCluster } from './sync';

/** Splits NS/NAME; both parts required. */
export function parseNamespaced(ref: string, what: string): { namespace: string; name: string } {
  const [namespace, name, extra] = ref.split('/');
  if (!namespace || !name || extra !== undefined)
    throw new AppError('invalid_input', `"${ref}" is not NAMESPACE/${what}.`);
  return { namespace, name };
}

export function registerAgentRegisterCommand(agent: Command, ctx: CliContext): void {
  agent
    .command('register')
    .argument('<cluster>', 'cluster name or id')
    .argument('<ns/agent>', 'namespace and agent name (usually WORKLOAD-secrets-agent)')
    .requiredOption('--public-key <file>', 'the .pub file from `strongroom agent keygen`')
    .description('register an agent public key, so that `strongroom seal` can encrypt Secrets to it')
    .action(async (clusterRef: string, ref: string, o: { publicKey: string }) => {
      const { namespace, name } = parseNamespaced(ref, 'AGENT');
      let pem: string;
      try {
        pem = readFileSync(o.publicKey, 'utf8');
      } catch {
        throw new AppError('bad_file', `Cannot read ${o.publicKey}.`);
      }
      await unlockVault(ctx);
      const cluster = await resolveCluster(ctx, clusterRef);
      const key = await ctx.call('agent:registerKey', {
        clusterId: cluster.id,
        namespace,
        agent: name,
        publicKeyPem: pem,
      });
      ctx.print(key, () => `registered key ${key.keyId} for ${namespace}/${name} on ${cluster.name}`);
    });
}
