// Stable error codes and the error shape that crosses every boundary (IPC, harness, CLI).

/**
 * Every error a user can see has one of these codes. Code compares by string, never by
 * `instanceof`, because errors cross process and transport boundaries as plain data.
 */
export const ERROR_CODES = [
  'invalid_input',
  'vault_locked',
  'not_initialized',
  'already_exists',
  'not_found',
  'conflict',
  'forbidden',
  'unauthorized',
  'expired',
  'gone',
  'unreachable',
  'tls',
  'timeout',
  'cancelled',
  'job_running',
  'rate_limited',
  'wrong_passphrase',
  'keychain_unavailable',
  'bad_file',
  'unsupported',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error as data: what went wrong and, where we know it, what the user can do about it. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
  fix?: string;
}

/** The result of every IPC call: a value, or an error as data. Never a thrown class instance. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/**
 * An expected failure caused by input, state or the outside world. Its message and fix are
 * shown to the user, so they must never contain a secret value or a token.
 * A broken invariant is a plain Error (a bug), not an AppError.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly fix: string | undefined;

  constructor(code: ErrorCode, message: string, fix?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.fix = fix;
  }

  toData(): ErrorData {
    return this.fix === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, fix: this.fix };
  }
}

/** Recognises an AppError by shape, so that copies from another realm or bundle still count. */
export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'AppError' &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as { code: string }).code)
  );
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(error: ErrorData): Result<never> {
  return { ok: false, error };
}
