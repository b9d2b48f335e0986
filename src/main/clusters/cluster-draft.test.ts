// Gateway proxy credentials: split from the URL as URL parsing does, kept in main, redacted in summaries, kept or replaced on edit.
import { describe, expect, it } from 'vitest';
import type { ClusterId, ClusterOptions } from '../../shared/clusters';
import { normalizeOptions, splitCredentials, toSummary } from './cluster-draft';

const saved = normalizeOptions({ gateway: { kind: 'http-connect', url: 'http://ops:s3cr%40t@proxy.internal:3128' } });

const summaryOf = (options: ClusterOptions) =>
  toSummary({
    id: 'c' as ClusterId,
    name: 'c',
    server: 'https://k:6443',
    caPem: '',
    token: 't',
    options,
    createdAt: 0,
    updatedAt: 0,
  });

describe('splitCredentials', () => {
  it('takes the user info up to the last @ of the authority, as WHATWG URL parsing does', () => {
    expect(splitCredentials('http://u:p@proxy:3128')).toEqual({ url: 'http://proxy:3128', credentials: 'u:p' });
    const odd = 'http://u:p@ss@proxy:3128/x@y';
    expect(splitCredentials(odd)).toEqual({ url: 'http://proxy:3128/x@y', credentials: 'u:p@ss' });
    expect(new URL(odd).host).toBe('proxy:3128');
    expect(splitCredentials('http://proxy:3128/a@b')).toEqual({ url: 'http://proxy:3128/a@b' });
    expect(splitCredentials('http://@proxy:3128')).toEqual({ url: 'http://proxy:3128' });
    expect(splitCredentials('proxy:3128')).toEqual({ url: 'proxy:3128' });
  });
});

describe('an HTTP CONNECT gateway with a user and password', () => {
  it('is summarised without them: host and port, and that they are stored', () => {
    const summary = summaryOf(saved);
    expect(summary.options.gateway).toEqual({
      kind: 'http-connect',
      url: 'http://proxy.internal:3128',
      hasCredentials: true,
    });
    expect(JSON.stringify(summary)).not.toMatch(/s3cr|ops:/);
  });

  const edit = (
    gateway: NonNullable<Parameters<typeof normalizeOptions>[0]>['gateway'],
    base: ClusterOptions = saved,
  ) => normalizeOptions({ gateway }, base).gateway;

  it('keeps the stored ones when an edit sends the redacted URL back, even with a new address', () => {
    expect(edit({ kind: 'http-connect', url: 'http://proxy.internal:3128', hasCredentials: true })).toEqual({
      kind: 'http-connect',
      url: 'http://ops:s3cr%40t@proxy.internal:3128',
    });
    expect(edit({ kind: 'http-connect', url: 'http://proxy2.internal:8080', hasCredentials: true })).toEqual({
      kind: 'http-connect',
      url: 'http://ops:s3cr%40t@proxy2.internal:8080',
    });
  });

  it('replaces them with the ones typed, and drops them when the edit does not ask to keep them', () => {
    expect(edit({ kind: 'http-connect', url: 'http://new:pw@proxy.internal:3128', hasCredentials: true })).toEqual({
      kind: 'http-connect',
      url: 'http://new:pw@proxy.internal:3128',
    });
    expect(edit({ kind: 'http-connect', url: 'http://proxy.internal:3128' })).toEqual({
      kind: 'http-connect',
      url: 'http://proxy.internal:3128',
    });
    // Nothing stored to keep: a claim of credentials adds none.
    const bare = normalizeOptions({ gateway: { kind: 'http-connect', url: 'http://proxy.internal:3128' } });
    expect(edit({ kind: 'http-connect', url: 'http://proxy.internal:3128', hasCredentials: true }, bare)).toEqual({
      kind: 'http-connect',
      url: 'http://proxy.internal:3128',
    });
  });
});

describe('a proxy URL (options.proxyUrl) with a user and password', () => {
  const base = normalizeOptions({ proxyUrl: 'http://ops:pw@proxy.internal:3128' });

  it('is summarised without them, and an edit keeps, replaces or drops them as the gateway does', () => {
    const summary = summaryOf(base);
    expect(summary.options).toMatchObject({ proxyUrl: 'http://proxy.internal:3128', proxyHasCredentials: true });
    expect(JSON.stringify(summary)).not.toContain('ops:pw');
    const edit = (proxyUrl: string, proxyHasCredentials?: boolean) =>
      normalizeOptions({ proxyUrl, ...(proxyHasCredentials ? { proxyHasCredentials } : {}) }, base);
    expect(edit('http://proxy.internal:3128', true)).toMatchObject({ proxyUrl: 'http://ops:pw@proxy.internal:3128' });
    expect(edit('http://proxy.internal:3128', true)).not.toHaveProperty('proxyHasCredentials');
    expect(edit('http://new:pw2@proxy.internal:3128', true).proxyUrl).toBe('http://new:pw2@proxy.internal:3128');
    expect(edit('http://proxy.internal:3128').proxyUrl).toBe('http://proxy.internal:3128');
    expect(edit('', true)).not.toHaveProperty('proxyUrl');
    // Options the edit does not touch keep the stored URL whole.
    expect(normalizeOptions({ timeoutMs: 20_000 }, base).proxyUrl).toBe('http://ops:pw@proxy.internal:3128');
  });
});
