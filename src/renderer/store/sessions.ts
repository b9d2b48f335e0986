// Sessions view state: the session list, the selected session's timeline, and live updates from main.
import { create } from 'zustand';
import type { SessionDetail, SessionSummary, StartedSession } from '../../shared/ipc/access';
import { call, subscribe } from '../client';
import { useUi } from './ui';

interface SessionsStore {
  sessions: SessionSummary[];
  selected: SessionDetail | undefined;
  /** The kubeconfig of the session this window started last. */
  started: StartedSession | undefined;
  refresh(): Promise<void>;
  select(id: string | undefined): Promise<void>;
  setStarted(started: StartedSession): void;
  end(id: string): Promise<void>;
}

export const useSessions = create<SessionsStore>((set, get) => ({
  sessions: [],
  selected: undefined,
  started: undefined,
  async refresh() {
    const result = await call('access:sessions', { limit: 200 });
    if (!result.ok) return useUi.getState().notifyError(result.error);
    set({ sessions: result.value });
  },
  async select(id) {
    if (!id) return set({ selected: undefined });
    const result = await call('access:session', { id });
    if (!result.ok) return useUi.getState().notifyError(result.error);
    set({ selected: result.value });
  },
  setStarted(started) {
    set({ started });
    void get().refresh();
    void get().select(started.session.id);
  },
  async end(id) {
    const result = await call('access:end', { id });
    if (!result.ok) return useUi.getState().notifyError(result.error);
    await get().refresh();
    if (get().selected?.id === id) await get().select(id);
  },
}));

/** Keeps the list and the open timeline current while the view is shown; returns the unsubscribe. */
export function followSessions(): () => void {
  let queued = false;
  return subscribe('access:session-updated', ({ id }) => {
    // Requests arrive in batches; one refresh per animation frame is enough.
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      const store = useSessions.getState();
      void store.refresh();
      if (store.selected?.id === id) void store.select(id);
    }, 200);
  });
}
