// Reads a passphrase for the CLI: STRONGROOM_PASSPHRASE (automation only) or a TTY prompt without echo. Never an argument.
import { AppError } from '../shared/errors';

/**
 * `STRONGROOM_PASSPHRASE` exists for scripts and CI only: environment variables can leak through
 * /proc, crash reports and child processes. People should type the passphrase at the prompt.
 */
export const PASSPHRASE_ENV = 'STRONGROOM_PASSPHRASE';

export interface PassphraseSource {
  /** Returns the passphrase, or throws `invalid_input` when there is neither a TTY nor the env variable. */
  read(prompt: string): Promise<string>;
  /** True when asking again makes sense (a person at a terminal, not a fixed env value). */
  readonly interactive: boolean;
}

export function passphraseSource(env: NodeJS.ProcessEnv = process.env): PassphraseSource {
  const fromEnv = env[PASSPHRASE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    return { interactive: false, read: async () => fromEnv };
  }
  if (process.stdin.isTTY) return { interactive: true, read: promptHidden };
  return {
    interactive: false,
    read: async () => {
      throw new AppError(
        'invalid_input',
        'A passphrase is needed, but there is no terminal to ask it on.',
        `Run the command in a terminal, or for automation set ${PASSPHRASE_ENV}.`,
      );
    },
  };
}

/** Prompts on stderr and reads one line from the TTY in raw mode, echoing nothing. */
export function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new AppError('cancelled', 'Cancelled.'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch === '\u0015')
          typed = ''; // Ctrl+U clears the line, as in a shell
        else if (ch >= ' ') typed += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
