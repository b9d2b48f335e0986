// Maps client-node failures to typed API errors: each status to its AppError code, with status, reason and cluster kept.
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { KubeApiError, kubeError, statusReason } from './api-error';

const apiException = (code: number, reason: string, message = 'refused') => ({
  code,
  body: JSON.stringify({ kind: 'Status', status: 'Failure', reason, message, code }),
});

describe('kubeError', () => {
  it.each([
    [403, 'Forbidden', 'forbidden'],
    [401, 'Unauthorized', 'unauthorized'],
    [404, 'NotFound', 'not_found'],
    [409, 'Conflict', 'conflict'],
    [410, 'Expired', 'expired'],
    [429, 'TooManyRequests', 'rate_limited'],
    [422, 'Invalid', 'invalid_input'],
    [500, 'InternalError', 'internal'],
  ] as const)('maps HTTP %i (%s) to %s and keeps status, reason and cluster', (status, reason, code) => {
    const error = kubeError(apiException(status, reason), 'listing Secrets in prod', { cluster: 'east' });
    expect(isAppError(error)).toBe(true);
    expect(error).toBeInstanceOf(KubeApiError);
    expect(error).toMatchObject({ code, status, reason, cluster: 'east' });
  });

  it('names what failed and gives a fix, never echoing a token from the request', () => {
    const error = kubeError(apiException(403, 'Forbidden', 'secrets is forbidden'), 'listing Secrets in prod');
    expect(error.message).toContain('listing Secrets in prod');
    expect(error.fix).toBeTruthy();
  });

  it('tells a cancel from a timeout', () => {
    const cancelled = new AbortController();
    cancelled.abort();
    expect(kubeError(new Error('aborted'), 'listing', cancelled.signal).code).toBe('cancelled');
    const timedOut = AbortSignal.abort(new DOMException('t', 'TimeoutError'));
    expect(kubeError(new Error('aborted'), 'listing', timedOut).code).toBe('timeout');
  });

  it('reports a failure without an answer as unreachable, and keeps an AppError as it is', () => {
    expect(kubeError(Object.assign(new Error('x'), { cause: { code: 'ECONNREFUSED' } }), 'listing').code).toBe(
      'unreachable',
    );
    const own = kubeError(apiException(404, 'NotFound'), 'x');
    expect(kubeError(own, 'y')).toBe(own);
  });

  it('reads the reason from a Status body given as an object or as text', () => {
    expect(statusReason({ body: { reason: 'Expired' } })).toBe('Expired');
    expect(statusReason({ body: '{"reason":"Conflict"}' })).toBe('Conflict');
    expect(statusReason({ body: 'not json' })).toBeUndefined();
  });
});
