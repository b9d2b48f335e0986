// What every CLI subcommand gets: global options, output helpers and a lazily built app.
import type { Command } from 'commander';
import type { App } from '../main/app';
import { defaultDataDir } from '../main/paths';
import { AppError, isAppError } from '../shared/errors';
import type { ChannelInput, ChannelName, ChannelOutput } from '../shared/ipc';
import { escapeForTerminal } from './terminal';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
}

/** `usage` is for a command line that does not parse; a user's wrong input is a `failure` with a fix. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export class CliContext {
  private app: App | undefined;

  constructor(private readonly program: Command) {}

  get options(): GlobalOptions {
    return this.program.opts<GlobalOptions>();
  }

  get json(): boolean {
    return Boolean(this.options.json);
  }

  get dataDir(): string {
    return this.options.dataDir ?? defaultDataDir();
  }

  /** Builds the same service graph as the desktop app, logging to the data dir. */
  async openApp(): Promise<App> {
    // Loaded here, not at start-up: `--version`, help and `setup-yaml` never need the service graph.
    const [{ createApp }, { createLogger }] = await Promise.all([import('../main/app'), import('../main/log')]);
    this.app ??= await createApp({
      dataDir: this.dataDir,
      shell: 'cli',
      log: createLogger({ dir: this.dataDir, level: process.env.STRONGROOM_LOG_LEVEL === 'debug' ? 'debug' : 'info' }),
    });
    return this.app;
  }

  /** Calls a channel and returns its value, or throws its error as an AppError. */
  async call<N extends ChannelName>(name: N, payload: ChannelInput<N>): Promise<ChannelOutput<N>> {
    const app = await this.openApp();
    const result = await app.call(name, payload);
    if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.fix);
    return result.value;
  }

  /**
   * Prints a value: JSON with --json, else the given human text with control characters escaped.
   * Never follow this with process.exit: a pipe takes the output asynchronously.
   */
  print(value: unknown, human: () => string): void {
    process.stdout.write(this.json ? `${JSON.stringify(value, null, 2)}\n` : `${escapeForTerminal(human())}\n`);
  }

  /** Writes a line for the person at the terminal (progress, notes, warnings) to stderr, escaped like `print`. */
  note(text: string): void {
    process.stderr.write(`${escapeForTerminal(text)}\n`);
  }

  async close(): Promise<void> {
    await this.app?.close();
    // Sessions a dead process left live, closed when this run unlocked the vault (and what became of their tokens).
    for (const notice of this.app?.access.orphanNotices ?? []) this.note(`strongroom: ${notice}`);
  }
}

/** Reports an error in the CLI's format and returns the exit code. */
export function reportError(error: unknown, json: boolean): number {
  if (isAppError(error)) {
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: error.toData() })}\n`);
    else {
      process.stderr.write(escapeForTerminal(`error: ${error.message}\n`));
      if (error.fix) process.stderr.write(escapeForTerminal(`fix: ${error.fix}\n`));
    }
    return EXIT.failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'internal', message } })}\n`);
  else process.stderr.write(escapeForTerminal(`error: ${message}\n`));
  return EXIT.failure;
}
