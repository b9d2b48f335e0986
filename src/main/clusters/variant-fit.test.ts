// The connection test's verdict on an account's rights, against the setup variant the user chose.
import { describe, expect, it } from 'vitest';
import { judgeVariantFit } from './variant-fit';

const none = { missing: [], excessive: [], beyondVariant: [] };

describe('judgeVariantFit', () => {
  it('passes an account with exactly the chosen variant’s rights', () => {
    expect(judgeVariantFit('read-write', none)).toEqual({
      status: 'pass',
      detail: ['It has exactly what the read-write setup needs.'],
    });
  });

  it('calls only rights no setup grants an admin account', () => {
    const fit = judgeVariantFit('read-write', { ...none, excessive: ['delete Secrets'] });
    expect(fit.status).toBe('warn');
    expect(fit.fix).toMatch(/instead of an admin account/);
    expect(fit.detail.join(' ')).toContain('More than Strongroom needs: delete Secrets.');
  });

  it('names the read-write variant for the read-write setup’s rights under a read-only choice, without the admin warning', () => {
    const fit = judgeVariantFit('read-only', { ...none, beyondVariant: ['update secrets', 'patch deployments'] });
    expect(fit.status).toBe('warn');
    expect(fit.fix).not.toMatch(/admin/);
    expect(fit.fix).toMatch(/choose the read-write variant/);
    expect(fit.detail).toEqual(['More than the read-only setup needs: update secrets; patch deployments.']);
  });

  it('names the cluster-wide read-only variant for a namespaced account that lists Secrets everywhere', () => {
    const fit = judgeVariantFit('namespaced', { ...none, beyondVariant: ['list Secrets in all namespaces'] });
    expect(fit.fix).toMatch(/choose the read-only variant/);
  });

  it('lets the admin warning win when an account holds both kinds of extra rights', () => {
    const fit = judgeVariantFit('read-only', {
      ...none,
      excessive: ['impersonate users'],
      beyondVariant: ['update secrets'],
    });
    expect(fit.fix).toMatch(/admin account/);
  });

  it('asks to re-apply the variant when rights are only missing', () => {
    const fit = judgeVariantFit('read-write', { ...none, missing: ['patch deployments (all namespaces)'] });
    expect(fit).toMatchObject({ status: 'warn', fix: expect.stringMatching(/Apply the read-write setup YAML again/) });
  });
});
