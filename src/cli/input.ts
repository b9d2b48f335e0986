// Checks what a user gives the CLI (files, tokens, numbers) before it reaches a channel, with a fix for each mistake.
import fs from 'node:fs';
import { AppError } from '../shared/errors';

export function mebibytes(n: number): string {
  return `${(n / 1048576).toFixed(1)} MiB`;
}

/**
 * Reads a file the user named, refusing a missing path, a folder and anything above `maxBytes`
 * before reading it, so that a huge file never reaches memory.
 */
export function readUserFile(file: string, what: string, maxBytes: number): Buffer {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new AppError('not_found', `There is no file "${file}".`, `Check the path of the ${what}.`);
  if (!stat.isFile()) throw new AppError('invalid_input', `"${file}" is not a file.`, `Give the path of the ${what}.`);
  if (stat.size > maxBytes) {
    throw new AppError(
      'invalid_input',
      `"${file}" is ${mebibytes(stat.size)}; a ${what} may be at most ${mebibytes(maxBytes).replace('.0 ', ' ')}.`,
      `Check that this is the right file${what === 'Secrets file' ? ', or split it, for example one namespace per file' : ''}.`,
    );
  }
  return fs.readFileSync(file);
}

/** `--timeout <ms>`: whole milliseconds within the bounds a cluster accepts. */
export function parseTimeoutMs(text: string, min: number, max: number): number {
  const ms = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < min || ms > max) {
    throw new AppError(
      'invalid_input',
      `--timeout "${text.slice(0, 40)}" is not a number of milliseconds between ${min} and ${max}.`,
      'Give whole milliseconds, for example --timeout 15000.',
    );
  }
  return ms;
}

/** A token read from stdin: present, and of a size a token can have. Never echoed. */
export function requireToken(token: string, maxLength: number): string {
  if (token.length === 0) {
    throw new AppError(
      'invalid_input',
      'The token read from stdin is empty.',
      'Pipe the ServiceAccount token in, e.g. kubectl … | base64 -d | strongroom cluster add … --token-stdin',
    );
  }
  if (token.length > maxLength || /\s/.test(token)) {
    throw new AppError(
      'invalid_input',
      `The text read from stdin is not a token (${token.length > maxLength ? 'too long' : 'it holds spaces or line breaks'}).`,
      'Pipe only the token itself, decoded from base64.',
    );
  }
  return token;
}

/** A password piped to `--…-stdin`: one trailing line break dropped, nothing else touched. Never echoed. */
export async function readPipedPassword(flag: string, example: string): Promise<string> {
  if (process.stdin.isTTY)
    throw new AppError('invalid_input', `${flag} needs the password piped in.`, `e.g. ${example}`);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password.length === 0 || password.length > 1024) {
    throw new AppError(
      'invalid_input',
      `The password read for ${flag} is ${password.length === 0 ? 'empty' : 'longer than 1024 characters'}.`,
      `e.g. ${example}`,
    );
  }
  return password;
}
