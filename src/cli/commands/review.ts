// `strongroom review FILE`: the decoded view of a Secrets file or bundle, values masked unless --reveal.
import path from 'node:path';
import { type Command, Option } from 'commander';
import { AppError, isAppError } from '../../shared/errors';
import { MAX_OFFLINE_FILE_BYTES, type OfflineReview, type ReviewSecret } from '../../shared/ipc/transfer';
import { type DecodedValue, type DecodeView, segmentText, type TextFlags } from '../../shared/secrets';
import type { CliContext } from '../context';
import { readUserFile } from '../input';
import { promptHidden } from '../passphrase';
import { unlockVault } from '../unlock';

/** For scripts only, like STRONGROOM_PASSPHRASE: people type the passphrase at the prompt. */
export const BUNDLE_PASSPHRASE_ENV = 'STRONGROOM_BUNDLE_PASSPHRASE';

/** A bundle passphrase from the named environment variable, else a hidden TTY prompt. Never an argument. */
export async function bundlePassphrase(envName: string, prompt: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new AppError(
      'invalid_input',
      'This needs a bundle passphrase, but there is no terminal to ask it on.',
      `Run the command in a terminal, or for automation set ${envName}.`,
    );
  }
  return promptHidden(prompt);
}

/** Opens a file through `transfer:openOffline`, asking for a bundle passphrase when the file needs one. */
export async function openFile(ctx: CliContext, file: string, passphraseEnv: string): Promise<OfflineReview> {
  const content = {
    encoding: 'base64' as const,
    base64: readUserFile(file, 'Secrets file', MAX_OFFLINE_FILE_BYTES).toString('base64'),
  };
  const fileName = path.basename(file);
  try {
    return await ctx.call('transfer:openOffline', { fileName, content });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'wrong_passphrase') throw error;
    const passphrase = await bundlePassphrase(passphraseEnv, `Passphrase for ${fileName}: `);
    return ctx.call('transfer:openOffline', { fileName, content, passphrase });
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function bytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`;
}

const CONTROL_PICTURE = (c: string) => (c === '\u007f' ? '␡' : String.fromCharCode(0x2400 + c.charCodeAt(0)));

/** Text with what a terminal hides made visible: ⏎ line ends, · and → trailing blanks, ␀-style controls. */
export function markText(text: string): string {
  return segmentText(text)
    .map((s) => {
      if (s.t === 'newline') return `${s.v === '\r\n' ? '␍⏎' : s.v === '\r' ? '␍' : '⏎'}\n`;
      if (s.t === 'trailing-space') return s.v.replaceAll(' ', '·').replaceAll('\t', '→');
      if (s.t === 'control') return CONTROL_PICTURE(s.v);
      return s.v;
    })
    .join('');
}

function describeFlags(f: TextFlags): string {
  const notes = [
    f.trailingNewlines > 0
      ? `${f.trailingNewlines} trailing newline${f.trailingNewlines > 1 ? 's' : ''}`
      : 'no final newline',
    f.trailingWhitespace ? 'trailing whitespace' : '',
    f.leadingWhitespace ? 'leading whitespace' : '',
    f.crlf ? 'CRLF line ends' : '',
    f.bom ? 'byte order mark' : '',
    f.controlChars ? 'control characters' : '',
  ];
  return notes.filter(Boolean).join(', ');
}

function block(text: string): string[] {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return body.split('\n').map((line) => `      │ ${line}`);
}

/** The lines that show one decoded value under its key. */
export function renderValue(value: DecodedValue): string[] {
  switch (value.kind) {
    case 'text':
      return [`      text (${describeFlags(value.flags)})`, ...block(markText(value.text))];
    case 'json':
      return [`      JSON (${describeFlags(value.flags)}; shown re-indented)`, ...block(value.pretty)];
    case 'pem-certificate':
      return value.certificates.flatMap((c, i) => [
        `      certificate ${i + 1}: ${c.subject}`,
        `        issuer ${c.issuer}${c.selfIssued ? ' (self-issued)' : ''}${c.isCA ? ', CA' : ''}`,
        `        SANs ${c.sans.join(', ') || '(none)'}`,
        `        valid ${c.notBefore} to ${c.notAfter}: ${c.status.toUpperCase()} (${c.daysLeft} days left)`,
        `        SHA-256 ${c.fingerprintSha256}`,
      ]);
    case 'pem-private-key': {
      const detail = [value.algorithm, value.bits && `${value.bits} bits`, value.curve].filter(Boolean).join(' ');
      return [
        `      private key, ${value.format}${detail ? ` (${detail})` : ''}: not shown (use --view text to show it)`,
      ];
    }
    case 'dockerconfigjson':
      return value.registries.map(
        (r) =>
          `      ${r.registry}: user ${r.username ?? '(none)'}, password ${r.passwordLength ? '•'.repeat(Math.min(r.passwordLength, 12)) : '(none)'}${r.email ? `, ${r.email}` : ''}${r.hasToken ? ', token set' : ''}`,
      );
    case 'binary':
      return [`      binary, ${bytes(value.size)}`, ...value.hexLines.map((l) => `      │ ${l}`)];
  }
}

function header(s: ReviewSecret): string[] {
  const where = s.namespace ? `${s.namespace}/${s.name}` : `${s.name} (no namespace)`;
  const lines = [
    `${where}  ${s.type}  ${count(s.keys.length, 'key')}, ${bytes(s.size)}${s.resourceVersion ? `  rv ${s.resourceVersion}` : ''}`,
  ];
  const labels = Object.entries(s.labels).map(([k, v]) => `${k}=${v}`);
  if (labels.length > 0) lines.push(`  labels: ${labels.join(', ')}`);
  for (const [k, v] of Object.entries(s.annotations))
    lines.push(`  annotation ${k}: ${v.length > 100 ? `${v.slice(0, 97)}…` : v}`);
  return lines;
}

interface ReviewOptions {
  reveal?: boolean;
  secret?: string;
  key?: string;
  view: DecodeView;
  passphraseEnv: string;
}

function selected(s: ReviewSecret, options: ReviewOptions): boolean {
  return !options.secret || options.secret === `${s.namespace}/${s.name}` || options.secret === s.name;
}

export function registerReviewCommand(program: Command, ctx: CliContext): void {
  program
    .command('review')
    .description(
      'show the Secrets of a .json/.yaml file or an encrypted bundle, decoded; values masked unless --reveal',
    )
    .argument('<file>', 'kubectl output (Secret, List, multi-document YAML), a Strongroom export or bundle')
    .option('--reveal', 'show the decoded values (each reveal is audited)')
    .option('--secret <ns/name>', 'only this Secret')
    .option('--key <key>', 'only this data key')
    .addOption(
      new Option('--view <view>', 'force a view of revealed values').choices(['auto', 'text', 'hex']).default('auto'),
    )
    .option('--passphrase-env <var>', 'environment variable holding the bundle passphrase', BUNDLE_PASSPHRASE_ENV)
    .action(async (file: string, options: ReviewOptions) => {
      await unlockVault(ctx);
      const review = await openFile(ctx, file, options.passphraseEnv);
      try {
        const secrets = review.secrets.filter((s) => selected(s, options));
        const values: Record<string, Record<string, DecodedValue>> = {};
        const lines = [`${review.fileName} (${review.format}): ${count(review.secrets.length, 'Secret')}`];
        for (const w of review.warnings) lines.push(`warning: ${w}`);
        for (const s of secrets) {
          lines.push('', ...header(s));
          for (const k of s.keys.filter((k) => !options.key || k.name === options.key)) {
            if (!options.reveal) {
              lines.push(`    ${k.name}  ${bytes(k.size)}  ${'•'.repeat(Math.min(k.size, 8)) || '(empty)'}`);
              continue;
            }
            const payload = { sessionId: review.sessionId, secretIndex: s.index, key: k.name, view: options.view };
            const value = await ctx.call('transfer:revealOffline', payload);
            values[s.index] = { ...values[s.index], [k.name]: value };
            lines.push(`    ${k.name}  ${bytes(k.size)}`, ...renderValue(value));
          }
        }
        if (!options.reveal) lines.push('', 'Values are hidden; add --reveal to show them (each reveal is audited).');
        ctx.print(options.reveal ? { ...review, secrets, values } : { ...review, secrets }, () => lines.join('\n'));
      } finally {
        await ctx.call('transfer:closeOffline', { sessionId: review.sessionId });
      }
    });
}
