// `strongroom cluster add|import-kubeconfig|test|list|remove`: connect clusters from the command line.
import fs from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { importKubeconfigContext } from '../../main/clusters/kubeconfig-import';
import type {
  ClusterDraft,
  ClusterSummary,
  ConnectionStepResult,
  ConnectionTestResult,
  KubeconfigImport,
} from '../../shared/clusters';
import { AppError } from '../../shared/errors';
import { ClusterDraftInput, ClusterOptionsInput } from '../../shared/ipc/clusters';
import { type CliContext, EXIT } from '../context';
import { type GatewayFlags, gatewayFrom, gatewayOptions } from '../gateway-flags';
import { parseTimeoutMs, readUserFile, requireToken } from '../input';
import { unlockVault } from '../unlock';

const ICON: Record<ConnectionStepResult['status'], string> = {
  pass: 'ok  ',
  warn: 'warn',
  fail: 'FAIL',
  skipped: 'skip',
  running: '... ',
};

function formatTest(result: ConnectionTestResult): string {
  const lines = result.steps.map((s) => {
    const head = `[${ICON[s.status]}] ${s.step.padEnd(7)} ${String(s.ms).padStart(5)} ms  ${s.detail}`;
    return s.fix ? `${head}\n                         fix: ${s.fix}` : head;
  });
  const p = result.permissions;
  if (p?.allowed.length) lines.push(`may: ${p.allowed.join('; ')}`);
  lines.push(result.ok ? 'connection test passed' : 'connection test FAILED');
  return lines.join('\n');
}

/** A CA bundle is a few certificates; a file far larger is the wrong file. */
const MAX_CA_FILE_BYTES = 1024 * 1024;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new AppError(
      'invalid_input',
      '--token-stdin needs the token piped in.',
      'e.g. kubectl … | base64 -d | strongroom cluster add … --token-stdin',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function findCluster(ctx: CliContext, name: string): Promise<ClusterSummary> {
  const list = await ctx.call('clusters:list', {});
  const found = list.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new AppError('not_found', `There is no cluster named "${name}".`, 'See `strongroom cluster list`.');
  return found;
}

/** Tests the draft, shows the steps, then saves (the passing test is reused, not run twice). */
async function testAndSave(ctx: CliContext, draft: ClusterDraft, saveAnyway: boolean): Promise<void> {
  const test = await ctx.call('clusters:test', { draft });
  if (!ctx.json) ctx.note(formatTest(test));
  if (!test.ok && !saveAnyway) {
    throw new AppError(
      test.steps.find((s) => s.status === 'fail')?.code ?? 'unreachable',
      `"${draft.name}" was not saved because the connection test failed.`,
      'Fix the failing step, or add --save-anyway (audited).',
    );
  }
  const saved = await ctx.call('clusters:save', { draft, saveAnyway });
  ctx.print({ cluster: saved.cluster, test }, () => `saved cluster "${saved.cluster.name}" (${saved.cluster.id})`);
}

function optionsFrom(
  o: {
    tlsServerName?: string;
    proxyUrl?: string;
    timeout?: string;
    variant?: string;
    namespace?: string[];
  } & GatewayFlags,
) {
  const options: ClusterDraft['options'] = {};
  const gateway = gatewayFrom(o);
  if (gateway) options.gateway = gateway;
  if (o.tlsServerName) options.tlsServerName = o.tlsServerName;
  if (o.proxyUrl) options.proxyUrl = o.proxyUrl;
  if (o.timeout !== undefined) {
    const bounds = ClusterOptionsInput.shape.timeoutMs.unwrap();
    options.timeoutMs = parseTimeoutMs(o.timeout, bounds.minValue ?? 1, bounds.maxValue ?? Number.MAX_SAFE_INTEGER);
  }
  if (o.variant) options.variant = o.variant as NonNullable<ClusterDraft['options']['variant']>;
  if (o.namespace?.length) options.includeNamespaces = o.namespace;
  return options;
}

function connectionOptions(cmd: Command): Command {
  return gatewayOptions(cmd)
    .option('--tls-server-name <name>', 'TLS server name when it differs from the URL host')
    .option('--proxy-url <url>', 'HTTP CONNECT or SOCKS proxy to reach the cluster through')
    .option('--timeout <ms>', 'per-request timeout in milliseconds')
    .addOption(
      new Option('--variant <variant>', 'setup variant the token was made with').choices([
        'read-only',
        'read-write',
        'namespaced',
      ]),
    )
    .option('--namespace <ns...>', 'only these namespaces (required for the namespaced variant)')
    .option('--save-anyway', 'save even if the connection test fails (audited)');
}

export function registerClusterCommand(program: Command, ctx: CliContext): void {
  const cluster = program.command('cluster').description('connect, test and manage clusters');

  connectionOptions(
    cluster
      .command('add')
      .description('add a cluster: test it, then save it (the token is read from stdin, never an argument)')
      .requiredOption('--name <name>', 'a unique name')
      .requiredOption('--server <url>', 'API server URL, https://HOST:PORT')
      .requiredOption('--ca <file>', 'the cluster CA certificate (PEM or DER)')
      .requiredOption('--token-stdin', 'read the ServiceAccount token from stdin'),
  ).action(async (o) => {
    const options = optionsFrom(o);
    const ca = readUserFile(path.resolve(o.ca), 'CA certificate file', MAX_CA_FILE_BYTES);
    const token = requireToken(await readStdin(), ClusterDraftInput.shape.token.maxLength ?? 16 * 1024);
    await unlockVault(ctx);
    const parsed = await ctx.call('clusters:parseCertificate', {
      content: ca.toString('base64'),
      encoding: 'base64',
      serverUrl: o.server,
      tlsServerName: o.tlsServerName,
    });
    for (const w of parsed.warnings) ctx.note(`warning: ${w.message}`);
    const caPem = parsed.certs.map((c) => c.pem).join('\n');
    await testAndSave(ctx, { name: o.name, server: o.server, caPem, token, options }, Boolean(o.saveAnyway));
  });

  connectionOptions(
    cluster
      .command('import-kubeconfig <file>')
      .description('add a cluster from a kubeconfig context that uses a ServiceAccount token')
      .option('--context <name>', 'the context to import (default: the current context)')
      .option('--name <name>', 'cluster name (default: the context name)'),
  ).action(async (file: string, o) => {
    const full = path.resolve(file);
    const dir = path.dirname(full);
    // The CLI may read the CA and token files a kubeconfig names, relative to the kubeconfig as kubectl does.
    const readFile = (p: string) => fs.readFileSync(path.resolve(dir, p), 'utf8');
    const imported: KubeconfigImport = importKubeconfigContext(fs.readFileSync(full, 'utf8'), o.context, { readFile });
    for (const w of imported.warnings) ctx.note(`warning: ${w}`);
    await unlockVault(ctx);
    const draft = { ...imported.draft, options: { ...imported.draft.options, ...optionsFrom(o) } };
    if (o.name) draft.name = o.name;
    await testAndSave(ctx, draft, Boolean(o.saveAnyway));
  });

  connectionOptions(
    cluster
      .command('edit <name>')
      .description('change how a saved cluster is reached (gateway, proxy, TLS name, timeout); re-tests when needed'),
  ).action(async (name: string, o) => {
    const options = optionsFrom(o);
    await unlockVault(ctx);
    const found = await findCluster(ctx, name);
    const saved = await ctx.call('clusters:update', {
      id: found.id,
      patch: { options },
      saveAnyway: Boolean(o.saveAnyway),
    });
    if (saved.test && !ctx.json) ctx.note(formatTest(saved.test));
    ctx.print(saved, () => `updated cluster "${saved.cluster.name}"`);
  });

  cluster
    .command('test <name>')
    .description('run the three-step connection test; exit 1 when it fails')
    .option('--json', 'print machine-readable JSON')
    .action(async (name: string, o: { json?: boolean }) => {
      if (o.json) program.setOptionValue('json', true);
      await unlockVault(ctx);
      const found = await findCluster(ctx, name);
      const result = await ctx.call('clusters:test', { id: found.id });
      ctx.print(result, () => formatTest(result));
      if (!result.ok) process.exitCode = EXIT.failure;
    });

  cluster
    .command('list')
    .description('list saved clusters with their last test')
    .action(async () => {
      await unlockVault(ctx);
      const list = await ctx.call('clusters:list', {});
      ctx.print(list, () =>
        list.length === 0
          ? 'no clusters yet: add one with `strongroom cluster add`'
          : list
              .map((c) => {
                const last = c.lastTest
                  ? `${c.lastTest.ok ? 'ok' : 'FAILED'} ${new Date(c.lastTest.at).toISOString()} ${c.lastTest.serverVersion ?? ''}`
                  : 'never tested';
                return `${c.name}\t${c.server}\t${last.trim()}`;
              })
              .join('\n'),
      );
    });

  cluster
    .command('remove <name>')
    .description('delete a cluster; its fetched resources are kept unless --remove-resources')
    .option('--remove-resources', 'also delete the resources fetched from it')
    .action(async (name: string, o: { removeResources?: boolean }) => {
      await unlockVault(ctx);
      const found = await findCluster(ctx, name);
      const result = await ctx.call('clusters:delete', {
        id: found.id,
        resources: o.removeResources ? 'remove' : 'keep',
      });
      ctx.print(result, () => result.message);
    });
}
