// In-memory object storage with a global resourceVersion counter (like etcd), sorted snapshots for paging,
// an event log for watch resumption and optional JSON persistence.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { KubeObject, ResourceDef } from './types';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  rv: number;
  table: string;
  object: KubeObject;
  /** The object before the change (for MODIFIED/DELETED), so watchers can compute selector transitions. */
  previous?: KubeObject;
}

export interface Entry {
  key: string;
  object: KubeObject;
}

interface Table {
  objects: Map<string, KubeObject>;
  sorted: Entry[] | null;
}

export function tableOf(def: Pick<ResourceDef, 'group' | 'plural'>): string {
  return `${def.group}/${def.plural}`;
}

export function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

const serialized = new WeakMap<KubeObject, string>();

/** The object's JSON, computed once: stored objects are never mutated, so lists join cached strings. */
export function jsonOf(obj: KubeObject): string {
  let text = serialized.get(obj);
  if (text === undefined) {
    text = JSON.stringify(obj);
    serialized.set(obj, text);
  }
  return text;
}

export class Store {
  private tables = new Map<string, Table>();
  private rv = 1;
  private events: StoreEvent[] = [];
  private listeners = new Set<(event: StoreEvent) => void>();
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stateFile?: string,
    /** How many events watch can resume from; older resourceVersions get 410 Gone. */
    private readonly eventWindow = 20_000,
  ) {
    if (stateFile && existsSync(stateFile)) this.load(stateFile);
  }

  get resourceVersion(): number {
    return this.rv;
  }

  /** The oldest resourceVersion a watch may resume from. */
  get oldestResumableRv(): number {
    return this.events.length === this.eventWindow ? (this.events[0]?.rv ?? this.rv) : 0;
  }

  private table(name: string): Table {
    let t = this.tables.get(name);
    if (!t) {
      t = { objects: new Map(), sorted: null };
      this.tables.set(name, t);
    }
    return t;
  }

  get(table: string, key: string): KubeObject | undefined {
    return this.tables.get(table)?.objects.get(key);
  }

  /** Entries sorted by key (namespace/name, as etcd orders them); the array is immutable and can be kept. */
  sorted(table: string): Entry[] {
    const t = this.table(table);
    if (!t.sorted) {
      const keys = [...t.objects.keys()].sort();
      t.sorted = keys.map((key) => ({ key, object: t.objects.get(key) as KubeObject }));
    }
    return t.sorted;
  }

  count(table: string): number {
    return this.tables.get(table)?.objects.size ?? 0;
  }

  nextRv(): number {
    this.rv += 1;
    return this.rv;
  }

  /** Stores `object` (whose metadata.resourceVersion the caller set from nextRv) and emits the event. */
  put(table: string, key: string, object: KubeObject, type: EventType): void {
    const t = this.table(table);
    const previous = t.objects.get(key);
    if (type === 'DELETED') t.objects.delete(key);
    else t.objects.set(key, object);
    t.sorted = null;
    this.emit({ type, rv: Number(object.metadata.resourceVersion), table, object, previous });
  }

  private emit(event: StoreEvent): void {
    this.events.push(event);
    if (this.events.length > this.eventWindow) this.events.splice(0, this.events.length - this.eventWindow);
    for (const listener of this.listeners) listener(event);
    this.scheduleSave();
  }

  /** Events after `rv` for a table, or undefined if the log no longer reaches back that far. */
  eventsSince(table: string, rv: number): StoreEvent[] | undefined {
    if (rv < this.oldestResumableRv) return undefined;
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.events[mid]?.rv ?? 0) <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(lo).filter((e) => e.table === table);
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private scheduleSave(): void {
    if (!this.stateFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.save();
    }, 200);
    this.saveTimer.unref();
  }

  save(): void {
    if (!this.stateFile) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const tables: Record<string, KubeObject[]> = {};
    for (const [name, t] of this.tables) tables[name] = [...t.objects.values()];
    const tmp = `${this.stateFile}.tmp`;
    writeFileSync(tmp, JSON.stringify({ resourceVersion: this.rv, tables }), { mode: 0o600 });
    renameSync(tmp, this.stateFile);
  }

  private load(file: string): void {
    const state = JSON.parse(readFileSync(file, 'utf8')) as {
      resourceVersion: number;
      tables: Record<string, KubeObject[]>;
    };
    this.rv = state.resourceVersion;
    for (const [name, objects] of Object.entries(state.tables)) {
      const t = this.table(name);
      for (const obj of objects) t.objects.set(keyOf(obj.metadata.namespace, obj.metadata.name ?? ''), obj);
    }
  }

  isEmpty(): boolean {
    for (const t of this.tables.values()) if (t.objects.size > 0) return false;
    return true;
  }
}

const itemSerialized = new WeakMap<KubeObject, string>();

/** The object's JSON as a list item: kube-apiserver omits apiVersion/kind on items of typed lists. */
export function itemJsonOf(obj: KubeObject): string {
  let text = itemSerialized.get(obj);
  if (text === undefined) {
    const { apiVersion: _a, kind: _k, ...rest } = obj;
    text = JSON.stringify(rest);
    itemSerialized.set(obj, text);
  }
  return text;
}
