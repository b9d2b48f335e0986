// The Electron security checklist as code: window options, CSP, session and web-contents guards.
import type { BrowserWindowConstructorOptions, Session, Shell, WebContents } from 'electron';
import { contentSecurityPolicy } from '../csp';

/** Renderer content comes only from our own bundle; no remote scripts, frames or objects. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** https hosts that Help links may open in the user's browser. Nothing else is ever opened. */
export const EXTERNAL_ALLOWLIST: readonly string[] = ['kubernetes.io', 'github.com'];

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Strongroom',
    backgroundColor: '#14161a',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Whether a URL may be handed to the OS browser: https and an allow-listed host only. */
export function isAllowedExternal(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  return EXTERNAL_ALLOWLIST.some((host) => parsed.hostname === host || parsed.hostname.endsWith(`.${host}`));
}

/** Denies every permission request (camera, notifications, clipboard-read, …) and sets the CSP header. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** Keeps a window on our own page: no navigation, no new windows, no webviews. */
export function hardenWebContents(
  contents: WebContents,
  isOwnUrl: (url: string) => boolean,
  shell: Pick<Shell, 'openExternal'>,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Builds the check that a URL (or an IPC sender's frame URL) is our own renderer page. */
export function ownUrlMatcher(rendererUrl: string): (url: string) => boolean {
  const own = new URL(rendererUrl);
  return (url: string) => {
    try {
      const candidate = new URL(url);
      if (own.protocol === 'file:') return candidate.protocol === 'file:' && candidate.pathname === own.pathname;
      return candidate.origin === own.origin;
    } catch {
      return false;
    }
  };
}
