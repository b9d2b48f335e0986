// `strongroom agent manifest --workload deploy/NAME -n NS --secrets a,b [--mode] [--sealed] [--patch] [-o FILE]`: the workload with the agent, plus RBAC.
import type { Command } from 'commander';
import { WORKLOAD_KINDS, type WorkloadKind } from '../../main/agent/workload-types';
import type { ClusterSummary } from '../../shared/clusters';
import { AppError } from '../../shared/errors';
import type { CliContext } from '../context';
import { writeOutputFile } from '../output-file';
import { unlockVault } from '../unlock';
import { resolveCluster } from './sync';

interface ManifestOptions {
  workload: string;
  namespace: string;
  secrets: string;
  mode: string;
  sealed?: boolean;
  patch?: boolean;
  output?: string;
  cluster?: string;
  image?: string;
  force?: boolean;
}

function parseWorkload(ref: string): { kind: WorkloadKind; name: string } {
  const [kind = '', name, extra] = ref.split('/');
  const full = WORKLOAD_KINDS[kind.toLowerCase()];
  if (!full || !name || extra !== undefined)
    throw new AppError('invalid_input', `"${ref}" is not KIND/NAME.`, 'Use deploy/NAME, sts/NAME or ds/NAME.');
  return { kind: full, name };
}

/** The cluster named by --cluster, or the only saved one. */
async function pickCluster(ctx: CliContext, ref: string | undefined): Promise<ClusterSummary> {
  if (ref) return resolveCluster(ctx, ref);
  const all = await ctx.call('clusters:list', {});
  if (all.length === 1 && all[0]) return all[0];
  throw new AppError(
    'invalid_input',
    all.length ? 'Several clusters are saved; say which one.' : 'No cluster is saved.',
    all.length
      ? `Add --cluster NAME (one of: ${all.map((c) => c.name).join(', ')}).`
      : 'Add one with `strongroom cluster add`.',
  );
}

export function registerAgentManifestCommand(agent: Command, ctx: CliContext): void {
  agent
    .command('manifest')
    .description(
      'print the workload as read from the cluster with the secrets agent added, plus its ServiceAccount, Role and RoleBinding',
    )
    .requiredOption('--workload <kind/name>', 'deploy/NAME, sts/NAME or ds/NAME')
    .requiredOption('-n, --namespace <ns>', 'namespace of the workload and its Secrets')
    .requiredOption('--secrets <a,b>', 'comma-separated Secret names the agent delivers')
    .option('--mode <mode>', 'init (write once before the app starts) or sidecar (keep files current)', 'init')
    .option('--sealed', 'the Secrets are sealed to the agent key; mount the key and decrypt in the pod')
    .option('--patch', 'print only the strategic merge patch, for kubectl patch')
    .option('-o, --output <file>', 'write to FILE instead of stdout (an existing file only with --force)')
    .option('--force', 'replace the output file if it exists')
    .option('--cluster <name>', 'cluster name or id (default: the only saved cluster)')
    .option('--image <ref>', 'agent image')
    .action(async (o: ManifestOptions) => {
      if (o.mode !== 'init' && o.mode !== 'sidecar')
        throw new AppError('invalid_input', '--mode must be init or sidecar.');
      const { kind, name } = parseWorkload(o.workload);
      await unlockVault(ctx);
      const cluster = await pickCluster(ctx, o.cluster);
      const view = await ctx.call('agent:manifest', {
        clusterId: cluster.id,
        namespace: o.namespace,
        kind,
        name,
        secrets: o.secrets
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        mode: o.mode,
        sealed: Boolean(o.sealed),
        ...(o.image ? { image: o.image } : {}),
      });
      const text = o.patch ? view.patchYaml : view.yaml;
      if (o.output) writeOutputFile(o.output, text, o.force, 0o644);
      else if (ctx.json) ctx.print(view, () => text);
      else process.stdout.write(text);
      for (const note of view.notes) ctx.note(`note: ${note}`);
      if (o.output) ctx.note(`wrote ${o.output}`);
    });
}
