// What sync derives from a Secret without decoding it: byte sizes, who changed it, and what is hidden by default.
import { expect, it } from 'vitest';
import { LAST_APPLIED_ANNOTATION } from '../../shared/secrets';
import { base64Size, changedBy, isHidden, looksHidden, visibleAnnotations } from './secret';

it('computes the decoded size of base64 without decoding, for every padding', () => {
  for (const n of [0, 1, 2, 3, 4, 5, 100, 281]) expect(base64Size(Buffer.alloc(n, 7).toString('base64'))).toBe(n);
});

it('names the manager of the newest managedFields entry as the author of a change', () => {
  const meta = {
    managedFields: [
      { manager: 'helm', time: '2026-01-01T00:00:00Z' },
      { manager: 'kubectl-client-side-apply', time: '2026-02-01T00:00:00Z' },
    ],
  };
  expect(changedBy(meta)).toBe('kubectl-client-side-apply');
  expect(changedBy({})).toBeNull();
});

it('hides Helm releases and service-account tokens by default, not other types', () => {
  expect(isHidden('helm.sh/release.v1')).toBe(true);
  expect(isHidden('kubernetes.io/service-account-token')).toBe(true);
  expect(isHidden('Opaque')).toBe(false);
});

it('never shows kubectl’s last-applied annotation, which repeats the values in clear', () => {
  const shown = visibleAnnotations({ [LAST_APPLIED_ANNOTATION]: '{"data":{"password":"c2VjcmV0"}}', team: 'a' });
  expect(shown.team).toBe('a');
  expect(shown[LAST_APPLIED_ANNOTATION]).not.toContain('c2VjcmV0');
});

it('judges Helm releases and token Secrets from metadata alone when a list carries no type', () => {
  expect(looksHidden({ metadata: { name: 'sh.helm.release.v1.web.v3' }, type: undefined })).toBe(true);
  expect(
    looksHidden({
      metadata: { name: 't', annotations: { 'kubernetes.io/service-account.name': 'sa' } },
      type: undefined,
    }),
  ).toBe(true);
  expect(looksHidden({ metadata: { name: 'db' }, type: undefined })).toBe(false);
  expect(looksHidden({ metadata: { name: 'sh.helm.release.v1.x.v1' }, type: 'Opaque' })).toBe(false);
});
