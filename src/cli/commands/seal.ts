// `strongroom seal CLUSTER NS/SECRET [--agent NAME]`: rewrites a Secret's values encrypted to the registered agent key.
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { unlockVault } from '../unlock';
import { parseNamespaced } from './agent-register';
import { resolveCluster } from './sync';

export function registerSealCommand(program: Command, ctx: CliContext): void {
  program
    .command('seal')
    .argument('<cluster>', 'cluster name or id')
    .argument('<ns/secret>', 'the Secret to seal')
    .option('--agent <name>', 'the agent whose key to use (needed when several are registered in the namespace)')
    .description("encrypt a Secret's values to its agent's key (X25519 + AES-GCM); only that agent can read them")
    .action(async (clusterRef: string, ref: string, o: { agent?: string }) => {
      const { namespace, name } = parseNamespaced(ref, 'SECRET');
      await unlockVault(ctx);
      const cluster = await resolveCluster(ctx, clusterRef);
      const result = await ctx.call('agent:seal', {
        clusterId: cluster.id,
        namespace,
        secret: name,
        ...(o.agent ? { agent: o.agent } : {}),
      });
      ctx.print(
        result,
        () => `sealed ${result.keys} key(s) of ${namespace}/${name} to ${result.agent} (key ${result.keyId})`,
      );
    });
}
