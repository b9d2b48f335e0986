// Test helpers: a loopback port nobody listens on, and the message of an expected AppError.
import net from 'node:net';
import { type ErrorCode, isAppError } from '../../src/shared/errors';

/** A loopback port that was free a moment ago: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Runs `fn` and returns the message of the AppError with `code` it throws; anything else fails the test. */
export function appErrorMessage(code: ErrorCode, fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isAppError(error) && error.code === code) return error.message;
    throw error;
  }
  throw new Error(`expected an AppError ${code}`);
}
