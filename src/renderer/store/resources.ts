// Resources view state: table filters and sort, a page cache over main's paged account list, the selection.
import { create } from 'zustand';
import type { AccountRow, ResourceSummary } from '../../shared/ipc/resources';
import { call } from '../client';
import { useUi } from './ui';

export type SortBy = 'name' | 'resource' | 'namespace' | 'type' | 'keys' | 'size' | 'state' | 'lastSynced';

export interface AccountFilter {
  text?: string;
  clusterId?: string;
  resourceId?: number;
  state?: 'present' | 'deleted_in_cluster';
}

export const PAGE_SIZE = 200;

interface ResourcesStore {
  resources: ResourceSummary[];
  filter: AccountFilter;
  sort: { by: SortBy; dir: 'asc' | 'desc' };
  total: number;
  /** Rows by index; pages arrive as the table scrolls. */
  rows: Map<number, AccountRow>;
  /** Bumped on every reload so late pages of an old query are dropped. */
  generation: number;
  selectedId: number | undefined;
  loadResources(): Promise<void>;
  setFilter(patch: Partial<AccountFilter>): void;
  setSort(by: SortBy): void;
  reload(): Promise<void>;
  ensurePage(offset: number): Promise<void>;
  select(id: number | undefined): void;
}

const inFlight = new Set<string>();

function cleanFilter(filter: AccountFilter): AccountFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as AccountFilter;
}

export const useResources = create<ResourcesStore>((set, get) => ({
  resources: [],
  filter: {},
  sort: { by: 'name', dir: 'asc' },
  total: 0,
  rows: new Map(),
  generation: 0,
  selectedId: undefined,
  async loadResources() {
    const result = await call('resources:resources', {});
    if (result.ok) set({ resources: result.value });
    else useUi.getState().notifyError(result.error);
  },
  setFilter(patch) {
    set({ filter: { ...get().filter, ...patch } });
    void get().reload();
  },
  setSort(by) {
    const { sort } = get();
    set({ sort: { by, dir: sort.by === by && sort.dir === 'asc' ? 'desc' : 'asc' } });
    void get().reload();
  },
  async reload() {
    set({ rows: new Map(), generation: get().generation + 1, total: 0 });
    inFlight.clear();
    await get().ensurePage(0);
  },
  async ensurePage(offset) {
    const start = Math.floor(offset / PAGE_SIZE) * PAGE_SIZE;
    const { generation, rows, filter, sort } = get();
    const key = `${generation}:${start}`;
    if (rows.has(start) || inFlight.has(key)) return;
    inFlight.add(key);
    const result = await call('resources:list', { offset: start, limit: PAGE_SIZE, sort, filter: cleanFilter(filter) });
    inFlight.delete(key);
    if (get().generation !== generation) return;
    if (!result.ok) return useUi.getState().notifyError(result.error);
    const next = new Map(get().rows);
    for (const [i, row] of result.value.rows.entries()) next.set(start + i, row);
    set({ rows: next, total: result.value.total });
  },
  select: (selectedId) => set({ selectedId }),
}));
