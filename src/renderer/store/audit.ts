// Audit view state: filters, the pages loaded so far (keyset paging), the selected event.
import { create } from 'zustand';
import type { AuditEvent, AuditFacets, AuditQuery } from '../../shared/ipc/audit';
import { call } from '../client';
import { useUi } from './ui';

export type AuditFilters = Omit<AuditQuery, 'before' | 'limit'>;

interface AuditStore {
  filters: AuditFilters;
  events: AuditEvent[];
  total: number;
  cursor: number | null;
  loading: boolean;
  facets: AuditFacets;
  selected: AuditEvent | undefined;
  setFilters(patch: Partial<AuditFilters>): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  loadFacets(): Promise<void>;
  select(event: AuditEvent | undefined): void;
}

const PAGE = 300;
let generation = 0;

function clean(filters: AuditFilters): AuditFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as AuditFilters;
}

export const useAudit = create<AuditStore>((set, get) => ({
  filters: {},
  events: [],
  total: 0,
  cursor: null,
  loading: false,
  facets: { actions: [], outcomes: [] },
  selected: undefined,
  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch } });
    void get().reload();
  },
  async reload() {
    const mine = ++generation;
    set({ loading: true });
    const result = await call('audit:list', { ...clean(get().filters), limit: PAGE });
    if (mine !== generation) return;
    set({ loading: false });
    if (!result.ok) return useUi.getState().notifyError(result.error);
    set({ events: result.value.events, total: result.value.total, cursor: result.value.nextCursor });
  },
  async loadMore() {
    const { cursor, loading } = get();
    if (cursor === null || loading) return;
    const mine = generation;
    set({ loading: true });
    const result = await call('audit:list', { ...clean(get().filters), before: cursor, limit: PAGE });
    if (mine !== generation) return;
    set({ loading: false });
    if (!result.ok) return useUi.getState().notifyError(result.error);
    set({ events: [...get().events, ...result.value.events], cursor: result.value.nextCursor });
  },
  async loadFacets() {
    const result = await call('audit:facets', {});
    if (result.ok) set({ facets: result.value });
  },
  select: (selected) => set({ selected }),
}));
