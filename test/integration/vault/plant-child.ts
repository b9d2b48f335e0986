// Child process for the no-plaintext test: plants secret names and values in the vault, then (optionally) writes until killed.
import { createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { rollbackJournal } from '../../../src/main/sync/bulk';
import { valueCall } from '../../support/app-call';

const { PLANT_NAME = '', PLANT_VALUE = '', TEST_VAULT_PASSPHRASE = '' } = process.env;

async function main(): Promise<void> {
  const [dataDir, phase] = process.argv.slice(2);
  if (!dataDir || !PLANT_NAME || !PLANT_VALUE) throw new Error('usage: plant-child <dataDir> seed|forever|rollback');
  const app = await createApp({ dataDir, shell: 'test', log: silentLogger() });
  const call = valueCall(app);
  if (phase === 'seed') await call('vault:init', { passphrase: TEST_VAULT_PASSPHRASE, useKeychain: false });
  else await call('vault:unlock', { method: 'passphrase', passphrase: TEST_VAULT_PASSPHRASE });
  const db = () => app.vault.db();
  db().exec(
    'CREATE TABLE IF NOT EXISTS planted (id INTEGER PRIMARY KEY, name TEXT NOT NULL, value TEXT NOT NULL, b64 TEXT NOT NULL)',
  );
  const insert = db().prepare('INSERT INTO planted (name, value, b64) VALUES (?, ?, ?)');
  const plant = (i: number) => {
    insert.run(`${PLANT_NAME}-${i}`, `${PLANT_VALUE}-${i}`, Buffer.from(PLANT_VALUE).toString('base64'));
    app.audit.record({ action: 'secret.reveal', target: `prod/${PLANT_NAME}-${i}`, outcome: 'ok' });
  };
  if (phase === 'seed') {
    for (let i = 0; i < 50; i++) plant(i);
    db().pragma('wal_checkpoint(TRUNCATE)');
    for (let i = 50; i < 100; i++) plant(i); // left in the WAL, not checkpointed
    process.stdout.write('seeded\n');
    await app.close();
    return;
  }
  // Writes forever; each line is printed only after its transaction committed.
  const count = () => db().prepare('SELECT count(*) FROM planted').pluck().get() as number;
  if (phase === 'rollback') {
    // As a cluster-wide fetch writes: through a rollback journal, which then holds the old pages' images.
    rollbackJournal(app.vault, silentLogger());
    const touch = db().prepare("UPDATE planted SET b64 = b64 || '' WHERE id % 3 = ?");
    for (let i = 2000; ; i++) {
      db().transaction(() => {
        touch.run(i % 3);
        for (let j = 0; j < 200; j++) plant(i * 1000 + j);
      })();
      process.stdout.write(`committed ${count()}\n`);
      await new Promise((r) => setImmediate(r));
    }
  }
  for (let i = 1000; ; i++) {
    db().transaction(() => {
      for (let j = 0; j < 20; j++) plant(i * 100 + j);
    })();
    process.stdout.write(`committed ${count()}\n`);
    if (i % 10 === 0) await new Promise((r) => setImmediate(r));
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(3);
});
