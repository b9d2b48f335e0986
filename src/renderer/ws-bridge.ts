// The browser harness transport: window.strongroom over a loopback WebSocket, same shape as the preload's.
import type { HarnessServerMessage, StrongroomBridge } from '../shared/bridge';
import type { Result } from '../shared/errors';

const RESUME_KEY = 'strongroom.harness.resume';

/** Reads the one-time token from the URL fragment (never sent to a server) and forgets it. */
function takeCredential(): string {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get('token');
  if (token) {
    window.history.replaceState(null, '', window.location.pathname);
    return `token=${encodeURIComponent(token)}`;
  }
  const resume = window.sessionStorage.getItem(RESUME_KEY);
  if (resume) return `resume=${encodeURIComponent(resume)}`;
  throw new Error('This page needs the link printed by "npm run start:browser" (it carries a one-time token).');
}

export function connectWsBridge(): Promise<StrongroomBridge> {
  const credential = takeCredential();
  const socket = new WebSocket(`ws://${window.location.host}/ws?${credential}`);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;

  const bridge: StrongroomBridge = {
    invoke(channel, payload) {
      if (socket.readyState !== WebSocket.OPEN) {
        return Promise.resolve({
          ok: false,
          error: {
            code: 'unreachable',
            message: 'Lost the connection to Strongroom.',
            fix: 'Restart "npm run start:browser" and open the new link.',
          },
        });
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener('message', (frame) => {
      const message = JSON.parse(String(frame.data)) as HarnessServerMessage;
      if (message.type === 'hello') {
        window.sessionStorage.setItem(RESUME_KEY, message.resume);
        resolve(bridge);
      } else if (message.type === 'result') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else if (message.type === 'event') {
        for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
      }
    });
    socket.addEventListener('close', () => {
      for (const resolvePending of pending.values()) {
        resolvePending({ ok: false, error: { code: 'unreachable', message: 'Lost the connection to Strongroom.' } });
      }
      pending.clear();
      reject(
        new Error(
          'Strongroom refused this link. It may have been used already: restart "npm run start:browser" and open the new link.',
        ),
      );
    });
  });
}
