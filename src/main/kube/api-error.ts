// Typed Kubernetes API errors: HTTP status, Status reason and cluster, mapped to AppError codes with a fix for the user.
import { AppError, type ErrorCode } from '../../shared/errors';

/** An API call that failed: an AppError (code, message, fix) that also says what the server answered. */
export class KubeApiError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    fix: string | undefined,
    /** The HTTP status, when the server answered at all. */
    readonly status: number | undefined,
    /** The Status body's `reason` (`Forbidden`, `Conflict`, `Expired`…), when it has one. */
    readonly reason: string | undefined,
    /** The cluster's name, when the caller gave it. */
    readonly cluster: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(code, message, fix, options);
  }
}

/** The HTTP status of a client-node ApiException (or a watch's failed response), if that is what this is. */
export function httpStatus(error: unknown): number | undefined {
  const e = error as { code?: unknown; statusCode?: unknown } | undefined;
  const code = e?.code ?? e?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

function statusBody(error: unknown): { message?: unknown; reason?: unknown } | undefined {
  const body = (error as { body?: unknown })?.body;
  if (body && typeof body === 'object') return body as { message?: unknown; reason?: unknown };
  try {
    return JSON.parse(typeof body === 'string' ? body : '') as { message?: unknown; reason?: unknown };
  } catch {
    return undefined;
  }
}

/** The `message` of a Kubernetes Status body, shortened; it never holds the token. */
export function statusMessage(error: unknown): string | undefined {
  const message = statusBody(error)?.message;
  return typeof message === 'string' ? message.slice(0, 300) : undefined;
}

/** The `reason` of a Kubernetes Status body (`NotFound`, `Conflict`, `Expired`…). */
export function statusReason(error: unknown): string | undefined {
  const reason = statusBody(error)?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

export function isTimeout(error: unknown): boolean {
  const e = error as { name?: unknown; cause?: { name?: unknown } } | undefined;
  return e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError' || e?.name === 'AbortError';
}

export function timeoutError(timeoutMs: number, what: string): AppError {
  return new AppError(
    'timeout',
    `${what} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
    'The API server is overloaded or the network is slow. Test again, or raise the request timeout in the cluster options.',
  );
}

/** Where an error happened, for the message and the typed fields. */
export interface ErrorScope {
  signal?: AbortSignal;
  cluster?: string;
}

/** Maps a client-node failure to a KubeApiError whose message names what failed, never a value or token. */
export function kubeError(error: unknown, what: string, scope: AbortSignal | ErrorScope = {}): AppError {
  if (error instanceof AppError) return error;
  const { signal, cluster } = scope instanceof AbortSignal ? { signal: scope, cluster: undefined } : scope;
  const status = httpStatus(error);
  const reason = statusReason(error);
  const detail = statusMessage(error);
  const typed = (code: ErrorCode, message: string, fix?: string) =>
    new KubeApiError(code, message, fix, status, reason, cluster, { cause: error });
  if (signal?.aborted && (signal.reason as { name?: string })?.name !== 'TimeoutError') {
    return typed('cancelled', `${what} was cancelled.`);
  }
  if (status === 403) {
    return typed(
      'forbidden',
      `Not allowed: ${what}.${detail ? ` (${detail})` : ''}`,
      'Grant the cluster\'s service account "list" and "get" on secrets there, or exclude the namespace in the cluster options.',
    );
  }
  if (status === 401)
    return typed(
      'unauthorized',
      `The cluster refused the token while ${what}.`,
      'Edit the cluster and paste a fresh token.',
    );
  if (status === 404) return typed('not_found', `Not found: ${what}.`);
  if (status === 409)
    return typed(
      'conflict',
      `Someone else changed it while ${what}.`,
      'Review the current version in the cluster, then try again.',
    );
  if (status === 410)
    return typed('expired', `The list kept expiring while ${what}.`, 'Try again; the cluster is busy.');
  if (status === 429)
    return typed('rate_limited', `The cluster asked us to slow down while ${what}.`, 'Try again in a minute.');
  const name = (error as { name?: string; cause?: { name?: string } })?.name;
  if (
    name === 'TimeoutError' ||
    (error as { cause?: { name?: string } })?.cause?.name === 'TimeoutError' ||
    signal?.aborted
  ) {
    return typed(
      'timeout',
      `The cluster did not answer in time while ${what}.`,
      'Check the network, or raise the timeout in the cluster options.',
    );
  }
  if (status === 422)
    return typed('invalid_input', `The cluster refused the change while ${what}.${detail ? ` (${detail})` : ''}`);
  if (status !== undefined)
    return typed('internal', `The cluster answered ${status} while ${what}.${detail ? ` (${detail})` : ''}`);
  return typed(
    'unreachable',
    `The cluster could not be reached while ${what}.`,
    'Check that the API server is up and reachable from this machine.',
  );
}
