// Files the CLI writes with -o: an existing file is replaced only with --force, and refused before any work or prompt.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../main/vault/atomic';
import { AppError } from '../shared/errors';

const FORCE_FIX = 'Add --force to replace it, or choose another -o path.';

export function alreadyExists(file: string, fix = FORCE_FIX): AppError {
  return new AppError('already_exists', `${file} already exists; nothing was written.`, fix);
}

/** Says so before any work or passphrase prompt; the write itself refuses again (no window between check and write). */
export function refuseToReplace(output: string, force: boolean | undefined): void {
  const file = path.resolve(output);
  if (!force && fs.existsSync(file)) throw alreadyExists(file);
}

/**
 * Writes `text` atomically; without `force`, an existing file (even one made meanwhile) is left as it
 * was and the error says `fix` (a command without --force names its own way out).
 */
export function writeOutputFile(
  output: string,
  text: string,
  force: boolean | undefined,
  mode = 0o600,
  fix = FORCE_FIX,
): void {
  const file = path.resolve(output);
  try {
    writeFileAtomic(file, text, { replace: Boolean(force) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyExists(file, fix);
    throw error;
  }
  if (mode !== 0o600) fs.chmodSync(file, mode);
}
