// `strongroom resource add-postgres …`: saves a PostgreSQL server and the admin account used to rotate its users.
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import { CHAR_CLASSES, type PasswordPolicyData } from '../../shared/ipc/rotation';
import type { CliContext } from '../context';
import { readPipedPassword, readUserFile } from '../input';
import { unlockVault } from '../unlock';

const SSL_MODES = ['disable', 'require', 'verify-full'] as const;
const MAX_CA_FILE_BYTES = 1024 * 1024;

interface AddPostgresOptions {
  name: string;
  host: string;
  port: string;
  adminUser: string;
  adminPasswordStdin?: boolean;
  database?: string;
  sslmode: string;
  ca?: string;
}

export function registerResourceCommand(program: Command, ctx: CliContext): void {
  const resource = program.command('resource').description('resources whose account passwords Strongroom rotates');
  resource
    .command('add-postgres')
    .description('save a PostgreSQL server; the admin password is read from stdin')
    .requiredOption('--name <name>', 'resource name (no "/")')
    .requiredOption('--host <host>', 'server host')
    .requiredOption('--port <port>', 'server port')
    .requiredOption('--admin-user <user>', "role that may change other roles' passwords")
    .option('--admin-password-stdin', 'read the admin password from stdin')
    .option('--database <db>', 'database to connect to (default postgres)')
    .option('--sslmode <mode>', `TLS mode: ${SSL_MODES.join(', ')}`, 'require')
    .option('--ca <file>', 'PEM of the CA that signed the server certificate (verify-full)')
    .action(async (options: AddPostgresOptions) => {
      const port = /^\d+$/.test(options.port) ? Number(options.port) : Number.NaN;
      if (!(port >= 1 && port <= 65535))
        throw new AppError('invalid_input', `--port "${options.port.slice(0, 20)}" is not a port number.`);
      if (!(SSL_MODES as readonly string[]).includes(options.sslmode))
        throw new AppError(
          'invalid_input',
          `--sslmode "${options.sslmode.slice(0, 40)}" is not known.`,
          `Use one of: ${SSL_MODES.join(', ')}.`,
        );
      if (options.name.includes('/'))
        throw new AppError('invalid_input', 'A resource name may not hold "/".', 'Choose another --name.');
      if (!options.adminPasswordStdin)
        throw new AppError(
          'invalid_input',
          'The admin password is read from stdin only.',
          'Add --admin-password-stdin and pipe it in.',
        );
      const adminPassword = await readPipedPassword(
        '--admin-password-stdin',
        'printf %s "$PW" | strongroom resource add-postgres … --admin-password-stdin',
      );
      const caPem = options.ca ? readUserFile(options.ca, 'CA file', MAX_CA_FILE_BYTES).toString('utf8') : undefined;
      await unlockVault(ctx);
      const saved = await ctx.call('targets:addPostgres', {
        name: options.name,
        host: options.host,
        port,
        tlsMode: options.sslmode as 'disable' | 'require' | 'verify-full',
        adminUser: options.adminUser,
        adminPassword,
        ...(options.database ? { database: options.database } : {}),
        ...(caPem ? { caPem } : {}),
      });
      ctx.print(
        saved,
        () => `saved PostgreSQL resource ${saved.name} (${saved.host}:${saved.port}, TLS ${saved.tlsMode})`,
      );
    });
  resource
    .command('policy <resource>')
    .description("show or set the password policy of a resource's accounts (options left out keep their value)")
    .option('--length <n>', 'password length, 12 to 256')
    .option('--classes <list>', `comma-separated character classes: ${CHAR_CLASSES.join(', ')}`)
    .option('--exclude <chars>', 'characters never used (give "" to allow all)')
    .action(async (name: string, options: { length?: string; classes?: string; exclude?: string }) => {
      const length =
        options.length === undefined ? undefined : /^\d+$/.test(options.length) ? Number(options.length) : Number.NaN;
      if (length !== undefined && !(length >= 12 && length <= 256))
        throw new AppError(
          'invalid_input',
          `--length "${String(options.length).slice(0, 20)}" is not a whole number from 12 to 256.`,
          'Give a password length such as --length 32.',
        );
      const classes = options.classes?.split(',').map((c) => c.trim());
      const unknown = classes?.find((c) => !(CHAR_CLASSES as readonly string[]).includes(c));
      if (unknown !== undefined)
        throw new AppError(
          'invalid_input',
          `"${unknown.slice(0, 40)}" is not a character class.`,
          `Use: ${CHAR_CLASSES.join(', ')}.`,
        );
      await unlockVault(ctx);
      const change = {
        ...(length !== undefined ? { length } : {}),
        ...(classes ? { classes: classes as PasswordPolicyData['classes'] } : {}),
        ...(options.exclude !== undefined ? { excluded: options.exclude } : {}),
      };
      const policy =
        Object.keys(change).length === 0
          ? await ctx.call('rotation:policy', { resource: name })
          : await ctx.call('rotation:setPolicy', { resource: name, policy: change });
      ctx.print(policy, () => policyText(name, policy));
    });
}

function policyText(name: string, p: PasswordPolicyData): string {
  const excluded = p.excluded ? `, excluding ${JSON.stringify(p.excluded)}` : '';
  return `${name}: ${p.length} characters of ${p.classes.join(', ')}${excluded}`;
}
