// Asserts the Electron security checklist from the real options and handlers, without the Electron binary.
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { isTrustedSender } from './ipc';
import {
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  isAllowedExternal,
  ownUrlMatcher,
  windowOptions,
} from './security';

type Listener = (...args: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    id: 7,
    on: (name: string, fn: Listener) => listeners.set(name, fn),
    setWindowOpenHandler: (fn: typeof openHandler) => {
      openHandler = fn;
    },
  };
  return { contents: contents as unknown as WebContents, listeners, open: (url: string) => openHandler?.({ url }) };
}

describe('window options', () => {
  const prefs = windowOptions('/app/out/preload/index.cjs').webPreferences ?? {};
  it('isolates the renderer: contextIsolation, sandbox, no Node, webSecurity, no webview', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toMatch(/\.cjs$/);
  });
});

describe('content security policy', () => {
  it('allows only our own origin and no remote content', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-eval/);
  });
});

describe('session hardening', () => {
  it('denies every permission request and check, and sets the CSP header', () => {
    let requestHandler: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let checkHandler: (() => boolean) | undefined;
    let headers: ((d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | undefined;
    const session = {
      setPermissionRequestHandler: (fn: typeof requestHandler) => {
        requestHandler = fn;
      },
      setPermissionCheckHandler: (fn: typeof checkHandler) => {
        checkHandler = fn;
      },
      webRequest: {
        onHeadersReceived: (fn: typeof headers) => {
          headers = fn;
        },
      },
    } as unknown as Session;
    hardenSession(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      requestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(checkHandler?.()).toBe(false);
    const cb = vi.fn();
    headers?.({ responseHeaders: {} }, cb);
    expect(cb.mock.calls[0]?.[0].responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});

describe('web contents hardening', () => {
  const own = 'file:///app/out/renderer/index.html';

  it('blocks navigation and redirects away from our page, and webviews', () => {
    const { contents, listeners } = fakeContents();
    hardenWebContents(contents, ownUrlMatcher(own), { openExternal: vi.fn() });
    for (const event of ['will-navigate', 'will-redirect']) {
      const away = { preventDefault: vi.fn() };
      listeners.get(event)?.(away, 'https://evil.example/');
      expect(away.preventDefault).toHaveBeenCalled();
      const home = { preventDefault: vi.fn() };
      listeners.get(event)?.(home, own);
      expect(home.preventDefault).not.toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies window.open, and opens only allow-listed https links externally', () => {
    const openExternal = vi.fn(async () => undefined);
    const { contents, open } = fakeContents();
    hardenWebContents(contents, ownUrlMatcher(own), { openExternal });
    expect(open('https://kubernetes.io/docs/')).toEqual({ action: 'deny' });
    expect(open('http://kubernetes.io/')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://kubernetes.io/docs/']]);
  });

  it('allow-lists https hosts only, without credentials or look-alike hosts', () => {
    expect(isAllowedExternal('https://github.com/x')).toBe(true);
    expect(isAllowedExternal('https://docs.github.com/x')).toBe(true);
    expect(isAllowedExternal('https://github.com.evil.example/')).toBe(false);
    expect(isAllowedExternal('https://user:pw@github.com/')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternal('not a url')).toBe(false);
  });
});

describe('IPC sender check', () => {
  const own = 'file:///app/out/renderer/index.html';
  const contents = { id: 7 } as WebContents;
  const policy = { contents: () => contents, isOwnUrl: ownUrlMatcher(own) };

  it('accepts our window on our page only', () => {
    expect(isTrustedSender({ sender: contents, senderFrame: { url: own } } as never, policy)).toBe(true);
    expect(isTrustedSender({ sender: { id: 8 }, senderFrame: { url: own } } as never, policy)).toBe(false);
    expect(isTrustedSender({ sender: contents, senderFrame: { url: 'https://evil.example/' } } as never, policy)).toBe(
      false,
    );
    expect(isTrustedSender({ sender: contents, senderFrame: null } as never, policy)).toBe(false);
  });
});
