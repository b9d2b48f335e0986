// Schema 204: one registered key per (cluster, namespace, agent).
import { afterEach, expect, it } from 'vitest';
import { migratedTo, type TestDb } from '../../../../test/support/migrated-db';

let t: TestDb | undefined;
afterEach(() => t?.dispose());

it('schema 204 keeps one agent key per cluster, namespace and agent', () => {
  t = migratedTo(204);
  const insert = t.db.prepare(
    'INSERT INTO agent_keys (cluster_id, namespace, agent, public_key_pem, key_id, registered_at) VALUES (?, ?, ?, ?, ?, 1)',
  );
  insert.run('c', 'team', 'web', 'pem', 'k1');
  insert.run('c', 'other', 'web', 'pem', 'k2');
  expect(() => insert.run('c', 'team', 'web', 'pem', 'k3')).toThrow(/UNIQUE/);
  expect(t.db.prepare('SELECT count(*) AS n FROM agent_keys').get()).toEqual({ n: 2 });
});
