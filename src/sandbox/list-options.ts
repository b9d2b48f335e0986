// ListOptions as kube-apiserver validates and serves them: resourceVersion / resourceVersionMatch / sendInitialEvents.
import { ApiError, errors } from './status';
import type { Cause } from './validation';

const NOT_OLDER = 'NotOlderThan';
const EXACT = 'Exact';

function invalid(causes: Cause[]): ApiError {
  return errors.invalid('ListOptions', 'meta.k8s.io', '', causes);
}

/** ValidateListOptions (apimachinery internalversion/validation), for a list or a watch. */
export function validateListOptions(query: URLSearchParams, watch: boolean): void {
  const rv = query.get('resourceVersion') ?? '';
  const match = query.get('resourceVersionMatch') ?? '';
  const initial = query.get('sendInitialEvents');
  const causes: Cause[] = [];
  const forbid = (field: string, why: string) => causes.push({ field, message: `Forbidden: ${why}` });
  if (watch) {
    if (initial !== null && match !== NOT_OLDER)
      forbid('resourceVersionMatch', `sendInitialEvents requires setting resourceVersionMatch to ${NOT_OLDER}`);
    if (match) {
      if (initial === null)
        forbid(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
        );
      if (match !== NOT_OLDER)
        causes.push({
          field: 'resourceVersionMatch',
          message: `Unsupported value: "${match}": supported values: "${NOT_OLDER}"`,
        });
    }
    if (initial === 'true' && query.get('allowWatchBookmarks') !== 'true')
      forbid('allowWatchBookmarks', 'allowWatchBookmarks must be set to true when sendInitialEvents is true');
  } else {
    if (match) {
      if (!rv) forbid('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided');
      if (query.get('continue'))
        forbid('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided');
      if (match !== EXACT && match !== NOT_OLDER)
        causes.push({
          field: 'resourceVersionMatch',
          message: `Unsupported value: "${match}": supported values: "${EXACT}", "${NOT_OLDER}", ""`,
        });
      if (match === EXACT && rv === '0')
        forbid('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
    }
    if (initial !== null) forbid('sendInitialEvents', 'sendInitialEvents is forbidden for list');
  }
  if (causes.length) throw invalid(causes);
}

/**
 * A list's resourceVersion against the store's: newer than the store is 504 "Too large resource version"; Exact
 * asks for a past state, which the sandbox keeps no history of, so anything but the current one is 410 Expired.
 */
export function checkListResourceVersion(query: URLSearchParams, current: number): void {
  const raw = query.get('resourceVersion');
  if (!raw || raw === '0' || query.get('continue')) return;
  const rv = Number(raw);
  if (!Number.isInteger(rv) || rv < 0)
    throw errors.badRequest(`invalid resource version: strconv.ParseUint: parsing "${raw}": invalid syntax`);
  if (rv > current) {
    throw new ApiError(
      504,
      'Timeout',
      `Timeout: Too large resource version: ${rv}, current: ${current}`,
      { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
      { 'Retry-After': '1' },
    );
  }
  if (query.get('resourceVersionMatch') === EXACT && rv !== current)
    throw errors.expired('The resourceVersion for the provided list is too old.');
}
