// The vault's table of registered agent public keys (schema 204).
import type { AgentKeySummary } from '../../shared/ipc/agent';
import type { ReadableDB, WritableDB } from '../vault/db';

interface Row {
  cluster_id: string;
  namespace: string;
  agent: string;
  public_key_pem: string;
  key_id: string;
  registered_at: number;
}

export interface AgentKeyRecord extends AgentKeySummary {
  publicKeyPem: string;
}

const toRecord = (r: Row): AgentKeyRecord => ({
  clusterId: r.cluster_id,
  namespace: r.namespace,
  agent: r.agent,
  keyId: r.key_id,
  registeredAt: r.registered_at,
  publicKeyPem: r.public_key_pem,
});

export function upsertKey(db: WritableDB, k: AgentKeyRecord): void {
  db.prepare(
    `INSERT INTO agent_keys (cluster_id, namespace, agent, public_key_pem, key_id, registered_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (cluster_id, namespace, agent) DO UPDATE SET
       public_key_pem = excluded.public_key_pem, key_id = excluded.key_id, registered_at = excluded.registered_at`,
  ).run(k.clusterId, k.namespace, k.agent, k.publicKeyPem, k.keyId, k.registeredAt);
}

export function listKeys(db: ReadableDB, clusterId?: string): AgentKeyRecord[] {
  const rows = clusterId
    ? db.prepare('SELECT * FROM agent_keys WHERE cluster_id = ? ORDER BY namespace, agent').all(clusterId)
    : db.prepare('SELECT * FROM agent_keys ORDER BY cluster_id, namespace, agent').all();
  return (rows as Row[]).map(toRecord);
}

export function keysIn(db: ReadableDB, clusterId: string, namespace: string): AgentKeyRecord[] {
  return (
    db
      .prepare('SELECT * FROM agent_keys WHERE cluster_id = ? AND namespace = ? ORDER BY agent')
      .all(clusterId, namespace) as Row[]
  ).map(toRecord);
}
