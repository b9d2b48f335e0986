// Storage of cluster records behind a small interface; the SQLite version reads the vault's current handle.
import type { ClusterId, ClusterOptions } from '../../shared/clusters';
import type { WritableDB } from '../vault/db';

/** A cluster as stored, token included. Never crosses the IPC bridge as is. */
export interface ClusterRecord {
  id: ClusterId;
  name: string;
  server: string;
  caPem: string;
  token: string;
  options: ClusterOptions;
  lastTest?: { at: number; ok: boolean; serverVersion?: string };
  createdAt: number;
  updatedAt: number;
}

export interface ClusterRepo {
  list(): ClusterRecord[];
  get(id: ClusterId): ClusterRecord | undefined;
  findByName(name: string): ClusterRecord | undefined;
  insert(record: ClusterRecord): void;
  update(record: ClusterRecord): void;
  delete(id: ClusterId): void;
}

interface Row {
  id: string;
  name: string;
  server: string;
  ca_pem: string;
  token: string;
  options: string;
  last_test: string | null;
  created_at: number;
  updated_at: number;
}

function fromRow(row: Row): ClusterRecord {
  const record: ClusterRecord = {
    id: row.id as ClusterId,
    name: row.name,
    server: row.server,
    caPem: row.ca_pem,
    token: row.token,
    options: JSON.parse(row.options) as ClusterOptions,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.last_test) record.lastTest = JSON.parse(row.last_test) as ClusterRecord['lastTest'];
  return record;
}

function params(r: ClusterRecord) {
  return {
    id: r.id,
    name: r.name,
    server: r.server,
    ca_pem: r.caPem,
    token: r.token,
    options: JSON.stringify(r.options),
    last_test: r.lastTest ? JSON.stringify(r.lastTest) : null,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

/** Asks for the DB on every call: the vault hands out a handle only while unlocked. */
export class SqliteClusterRepo implements ClusterRepo {
  constructor(private readonly db: () => WritableDB) {}

  list(): ClusterRecord[] {
    return (this.db().prepare('SELECT * FROM clusters ORDER BY name COLLATE NOCASE').all() as Row[]).map(fromRow);
  }

  get(id: ClusterId): ClusterRecord | undefined {
    const row = this.db().prepare('SELECT * FROM clusters WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  findByName(name: string): ClusterRecord | undefined {
    const row = this.db().prepare('SELECT * FROM clusters WHERE name = ? COLLATE NOCASE').get(name) as Row | undefined;
    return row && fromRow(row);
  }

  insert(record: ClusterRecord): void {
    this.db()
      .prepare(
        `INSERT INTO clusters (id, name, server, ca_pem, token, options, last_test, created_at, updated_at)
         VALUES (@id, @name, @server, @ca_pem, @token, @options, @last_test, @created_at, @updated_at)`,
      )
      .run(params(record));
  }

  update(record: ClusterRecord): void {
    this.db()
      .prepare(
        `UPDATE clusters SET name = @name, server = @server, ca_pem = @ca_pem, token = @token, options = @options,
         last_test = @last_test, updated_at = @updated_at WHERE id = @id`,
      )
      .run(params(record));
  }

  delete(id: ClusterId): void {
    this.db().prepare('DELETE FROM clusters WHERE id = ?').run(id);
  }
}

/** In-memory repository for tests that do not need the vault. */
export class MemoryClusterRepo implements ClusterRepo {
  private readonly rows = new Map<string, ClusterRecord>();
  list = () => [...this.rows.values()].sort((a, b) => a.name.localeCompare(b.name)).map((r) => structuredClone(r));
  get = (id: ClusterId) => structuredClone(this.rows.get(id));
  findByName = (name: string) => this.list().find((r) => r.name.toLowerCase() === name.toLowerCase());
  insert = (r: ClusterRecord) => void this.rows.set(r.id, structuredClone(r));
  update = (r: ClusterRecord) => void this.rows.set(r.id, structuredClone(r));
  delete = (id: ClusterId) => void this.rows.delete(id);
}
