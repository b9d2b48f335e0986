// The CSP <meta> of index.html is the Electron header policy, from one definition; the harness serves both alike.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../electron.vite.config';
import { contentSecurityPolicy, cspMetaOf, withCspMeta } from './csp';
import { CONTENT_SECURITY_POLICY } from './electron/security';

const source = fs.readFileSync(path.resolve(import.meta.dirname, '../renderer/index.html'), 'utf8');

describe('CSP <meta> and header from one source', () => {
  it("the renderer build writes the Electron header policy into index.html's <meta>", async () => {
    const plugins = (viteConfig as { renderer: { plugins: unknown[] } }).renderer.plugins.flat() as {
      name?: string;
      transformIndexHtml?: (html: string) => string;
    }[];
    const plugin = plugins.find((p) => p?.name === 'strongroom-csp-meta');
    const built = plugin?.transformIndexHtml?.(source) ?? '';
    expect(cspMetaOf(built)).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(contentSecurityPolicy());
  });

  it('the source page holds exactly one CSP <meta> and no policy of its own', () => {
    expect(source.match(/http-equiv="Content-Security-Policy"/g)).toHaveLength(1);
    expect(cspMetaOf(source)).not.toContain('src');
  });

  it('refuses a page without a CSP <meta> rather than shipping it without one', () => {
    expect(() => withCspMeta('<!doctype html><title>t</title>', contentSecurityPolicy())).toThrow(
      /no Content-Security-Policy/,
    );
  });
});
