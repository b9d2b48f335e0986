// The Content Security Policy of the renderer, one definition for the Electron header, index.html's <meta> and the browser harness.

/** Only our own bundle: no remote scripts, frames or objects. `connect` adds origins the page may call (the harness WebSocket). */
export function contentSecurityPolicy(connect: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const CSP_META = /(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/;

/**
 * index.html with its CSP `<meta>` set to `policy`. A packaged app loads `file://` pages, where only the
 * `<meta>` surely applies, so the build writes the Electron policy there (see electron.vite.config.ts).
 */
export function withCspMeta(html: string, policy: string): string {
  if (!CSP_META.test(html)) throw new Error('index.html has no Content-Security-Policy <meta> to fill');
  return html.replace(CSP_META, (_match, open: string, close: string) => `${open}${policy}${close}`);
}

/** The policy in an HTML page's CSP `<meta>`, if it has one. */
export function cspMetaOf(html: string): string | undefined {
  return html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1];
}
