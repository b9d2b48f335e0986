// `strongroom setup-yaml`: print or save the ServiceAccount + RBAC YAML, and the kubectl commands that go with it.
import { type Command, Option } from 'commander';
import { renderSetupYaml } from '../../main/clusters/setup-yaml';
import type { SetupVariant } from '../../shared/clusters';
import { AppError } from '../../shared/errors';
import { BUILT_IN_ACCESS_ACCOUNTS, type BuiltInAccessAccount } from '../../shared/ipc/access';
import type { CliContext } from '../context';
import { refuseToReplace, writeOutputFile } from '../output-file';

interface SetupYamlOptions {
  variant: SetupVariant;
  namespace?: string[];
  saNamespace?: string;
  serviceAccount?: string;
  createNamespace: boolean;
  access?: 'read-only' | 'read-write';
  output?: string;
  force?: boolean;
  accessAccounts?: string;
  sessionSecrets?: boolean;
}

function parseAccessAccounts(text: string): BuiltInAccessAccount[] {
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const wrong = names.filter((n) => !(BUILT_IN_ACCESS_ACCOUNTS as readonly string[]).includes(n));
  if (names.length === 0 || wrong.length > 0)
    throw new AppError(
      'invalid_input',
      `Unknown access account${wrong.length > 1 ? 's' : ''}: ${wrong.join(', ') || '(none given)'}.`,
      `Choose among ${BUILT_IN_ACCESS_ACCOUNTS.join(', ')}; add custom ones later with strongroom access-account add.`,
    );
  return names as BuiltInAccessAccount[];
}

export function registerSetupYamlCommand(program: Command, ctx: CliContext): void {
  program
    .command('setup-yaml')
    .description('generate the setup YAML (ServiceAccount, token Secret, RBAC) to apply on a cluster; needs no vault')
    .addOption(
      new Option('--variant <variant>', 'what Strongroom may do')
        .choices(['read-only', 'read-write', 'namespaced'])
        .makeOptionMandatory(),
    )
    .option('--namespace <ns...>', 'namespaced variant: the namespaces Strongroom may work in')
    .option('--sa-namespace <ns>', 'namespace of the ServiceAccount (default strongroom)')
    .option('--service-account <name>', 'ServiceAccount name (default strongroom)')
    .option('--no-create-namespace', 'leave the Namespace object out (it exists already)')
    .addOption(
      new Option('--access <access>', 'namespaced variant: rights in each namespace').choices([
        'read-only',
        'read-write',
      ]),
    )
    .option(
      '--access-accounts <names>',
      'read-write variant: just-in-time access accounts to create, comma-separated (view,edit,admin)',
    )
    .option(
      '--session-secrets',
      'with --access-accounts: also allow the per-session Secrets that tokens are bound to, so ending a session revokes its token at once',
    )
    .option('-o, --output <file>', 'write the YAML to this file instead of stdout (an existing file only with --force)')
    .option('--force', 'replace the output file if it exists')
    .action((o: SetupYamlOptions) => {
      if (o.output) refuseToReplace(o.output, o.force);
      const out = renderSetupYaml({
        variant: o.variant,
        targetNamespaces: o.namespace,
        namespace: o.saNamespace,
        serviceAccount: o.serviceAccount,
        createNamespace: o.createNamespace,
        access: o.access,
        accessAccounts: o.accessAccounts === undefined ? undefined : parseAccessAccounts(o.accessAccounts),
        sessionSecrets: o.sessionSecrets,
      });
      const commands = [
        `apply it:         ${o.output ? `kubectl apply -f ${o.output}` : out.commands.apply}`,
        `print the token:  ${out.commands.printToken}`,
        `print the CA:     ${out.commands.printCa}`,
      ].join('\n');
      if (ctx.json) {
        ctx.print(out, () => '');
        return;
      }
      if (o.output) {
        // No secret in it: readable by others, as kubectl apply may run as another user.
        writeOutputFile(o.output, out.yaml, o.force, 0o644);
        process.stdout.write(`wrote ${o.output}\n${commands}\n`);
        return;
      }
      // YAML on stdout so it can be piped to kubectl; the commands on stderr.
      process.stdout.write(out.yaml);
      process.stderr.write(`\n${commands}\n`);
    });
}
