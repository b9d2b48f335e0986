// The audit log: the one helper every service records through, the chain head, and the pre-unlock journal.
import crypto from 'node:crypto';
import os from 'node:os';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditAction, AuditCatalog, AuditEvent, AuditSink } from '../../shared/audit-catalog';
import { isAppError } from '../../shared/errors';
import type {
  AuditExportResult,
  AuditFacets,
  AuditFilter,
  AuditPage,
  AuditQuery,
  AuditVerifyResult,
} from '../../shared/ipc/audit';
import type { Clock } from '../clock';
import type { ExportDestination } from '../ipc/export-destination';
import { type Logger, redact } from '../log';
import type { WritableDB } from '../vault/db';
import { type AuditCheckpoint, JOURNAL_LIMIT, type JournalEntry } from '../vault/keyfile';
import type { VaultService } from '../vault/service';
import {
  type ChainHead,
  canonicalJson,
  GENESIS,
  hashEvent,
  type RecordedHead,
  type StoredEvent,
  verifyChain,
} from './chain';
import { exportEvents } from './export';
import { isFailedUnlock, JOURNAL_SOURCE, screenJournal } from './journal';
import { facets, listEvents } from './query';

/** What a service says happened: an action of the catalog (src/shared/audit-catalog.ts) and its target. */
export type AuditRecord = AuditEvent;

export interface AuditOptions {
  vault: VaultService;
  clock: Clock;
  log: Logger;
  /** Defaults to the OS user name. */
  actor?: string;
}

const CHECKPOINT_PURPOSE = 'audit-checkpoint';
/** Least time between two checkpoint writes to keys.json while events keep coming. */
const CHECKPOINT_INTERVAL_MS = 1000;

export function osActor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/**
 * Where events go: into the chain while the vault is unlocked. While it is locked, a failed unlock
 * goes into a small journal in keys.json and is appended to the chain, marked as from the journal,
 * right after the next successful unlock. Nothing else is journaled: keys.json is not protected by
 * the vault key, so the journal is screened again when it is read (see ./journal).
 */
export class AuditLog implements AuditSink {
  readonly actor: string;
  private readonly vault: VaultService;
  private readonly log: Logger;
  private stmts:
    | { db: WritableDB; insert: Database.Statement; head: Database.Statement; setHead: Database.Statement }
    | undefined;
  /** The newest head this process appended and has not yet written to keys.json. */
  private pendingHead: ChainHead | undefined;
  private flushQueued = false;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  /**
   * False when the DB no longer holds the checkpointed event (rolled back or cut): the checkpoint
   * is then left as it is, so that verify keeps reporting the damage.
   */
  private checkpointTrusted = true;

  constructor(private readonly options: AuditOptions) {
    this.vault = options.vault;
    this.actor = options.actor ?? osActor();
    this.log = options.log.child({ svc: 'audit' });
    this.vault.addLifecycle({
      unlocked: () => {
        // The first checkpoint of a session waits its turn too: a short CLI command writes keys.json once, on lock.
        this.lastFlushAt = performance.now();
        this.checkpointTrusted = this.checkpointMatchesDb();
        if (!this.checkpointTrusted)
          this.log.error('the audit log does not contain its checkpointed head; run audit verify');
        this.drainJournal();
      },
      locking: (reason) => {
        this.record({ action: 'vault.lock', target: 'vault', outcome: 'ok', details: { reason } });
        this.flush();
      },
    });
  }

  /**
   * Records one event. Never throws for a locked vault: a failed unlock is journaled instead, and
   * any other event is only logged (without its details), since the journal takes failed unlocks only.
   */
  record<A extends AuditAction>(event: AuditEvent<A>): void {
    const details = (redact(event.details ?? {}) ?? {}) as Record<string, unknown>;
    const entry: JournalEntry = { time: this.options.clock.now(), actor: this.actor, ...event, details };
    if (this.vault.isUnlocked) this.append([entry]);
    else if (isFailedUnlock(entry)) this.journal(entry);
    else this.log.warn({ action: entry.action, outcome: entry.outcome }, 'vault locked; event not recorded');
  }

  /** Runs `fn` and records its outcome: `ok`, or the AppError code it failed with (`internal` for bugs). */
  async run<A extends AuditAction, T>(
    action: A,
    target: AuditCatalog[A],
    fn: () => T | Promise<T>,
    details?: Record<string, unknown>,
  ): Promise<T> {
    let value: T;
    try {
      value = await fn();
    } catch (error) {
      this.record({ action, target, outcome: isAppError(error) ? error.code : 'internal', details });
      throw error;
    }
    this.record({ action, target, outcome: 'ok', details });
    return value;
  }

  list(query: AuditQuery): AuditPage {
    return listEvents(this.vault.db(), query);
  }

  facets(): AuditFacets {
    return facets(this.vault.db());
  }

  verify(): AuditVerifyResult {
    this.flush();
    const db = this.vault.db();
    const heads: RecordedHead[] = [
      { name: 'chain head', head: this.dbHead(db) ?? { seq: 0, hash: GENESIS }, exact: true },
    ];
    const checkpoint = this.vault.keyFile.read().auditCheckpoint;
    if (checkpoint) {
      if (!this.checkpointMacOk(checkpoint)) {
        return {
          ok: false,
          checked: 0,
          firstBad: { seq: checkpoint.seq, reason: 'the checkpoint in keys.json was altered' },
        };
      }
      heads.push({ name: 'checkpoint in keys.json', head: checkpoint, exact: false });
    }
    const rows = db.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as IterableIterator<StoredEvent>;
    try {
      return verifyChain(rows, heads);
    } finally {
      rows.return?.(); // an early verdict must not leave the statement busy
    }
  }

  export(format: 'jsonl' | 'csv', where: ExportDestination, filter: AuditFilter = {}): AuditExportResult {
    return exportEvents(this.vault.db(), format, where, filter);
  }

  /**
   * Writes the head of what this process appended to keys.json now (otherwise once per burst).
   * It never copies the head from the DB: a tampered DB must not be able to move the checkpoint.
   */
  flush(): void {
    const head = this.pendingHead;
    this.pendingHead = undefined;
    if (!head || !this.vault.isUnlocked || !this.checkpointTrusted) return;
    // An event appended inside a caller's transaction (a fetch batch) is gone if that rolled back.
    if (this.storedHash(head.seq) !== head.hash) return;
    const checkpoint = { ...head, mac: this.mac(head) };
    this.vault.keyFile.update((d) => ({ ...d, auditCheckpoint: checkpoint }));
  }

  private append(entries: JournalEntry[]): void {
    const s = this.statements();
    s.db.transaction(() => {
      let head: ChainHead = (s.head.get() as ChainHead | undefined) ?? { seq: 0, hash: GENESIS };
      for (const e of entries) {
        const row = {
          seq: head.seq + 1,
          time: e.time,
          actor: e.actor,
          action: e.action,
          target: e.target,
          outcome: e.outcome,
          details: canonicalJson(e.details),
          prev: head.hash,
        };
        const hash = hashEvent(row);
        s.insert.run({ ...row, hash });
        head = { seq: row.seq, hash };
      }
      s.setHead.run(head);
      this.pendingHead = head;
    })();
    this.scheduleCheckpoint();
  }

  private journal(entry: JournalEntry): void {
    if (!this.vault.keyFile.exists()) {
      this.log.info({ action: entry.action, outcome: entry.outcome }, 'no vault yet; event not recorded');
      return;
    }
    this.vault.keyFile.update((d) => {
      const all = [...d.auditJournal, entry];
      const over = Math.max(0, all.length - JOURNAL_LIMIT);
      return { ...d, auditJournal: all.slice(over), auditJournalDropped: d.auditJournalDropped + over };
    });
  }

  private drainJournal(): void {
    const kf = this.vault.keyFile.read();
    if (kf.auditJournal.length === 0 && kf.auditJournalDropped === 0) return;
    const now = this.options.clock.now();
    const newest = this.vault.db().prepare('SELECT time FROM audit_events ORDER BY seq DESC LIMIT 1').pluck().get();
    // From the chain's newest event: the key file's checkpoint can be replayed, the encrypted chain cannot.
    const window = { from: typeof newest === 'number' ? newest : 0, to: now };
    const entries = screenJournal(kf.auditJournal, window, this.actor);
    if (kf.auditJournalDropped > 0) {
      entries.unshift({
        time: now,
        actor: this.actor,
        action: 'audit.journal_overflow',
        target: 'vault',
        outcome: 'ok',
        details: { dropped: kf.auditJournalDropped, ...JOURNAL_SOURCE },
      });
    }
    // Appended first, then cleared: a crash in between repeats these events rather than losing them.
    this.append(entries);
    this.vault.keyFile.update((d) => ({ ...d, auditJournal: [], auditJournalDropped: 0 }));
  }

  private statements() {
    const db = this.vault.db();
    if (this.stmts?.db !== db) {
      this.stmts = {
        db,
        insert: db.prepare(
          'INSERT INTO audit_events (seq, time, actor, action, target, outcome, details, prev, hash) VALUES (@seq, @time, @actor, @action, @target, @outcome, @details, @prev, @hash)',
        ),
        head: db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1'),
        setHead: db.prepare(
          'INSERT INTO audit_head (id, seq, hash) VALUES (1, @seq, @hash) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
        ),
      };
    }
    return this.stmts;
  }

  private dbHead(db: WritableDB): ChainHead | undefined {
    return db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as ChainHead | undefined;
  }

  /**
   * Coalesces checkpoint writes: one keys.json write (with its fsyncs) per burst of events, and at most
   * one per CHECKPOINT_INTERVAL_MS while events keep coming (a fetch records one per batch). Locking
   * writes the last head at once; a crash in between leaves a checkpoint that lags, which verify allows.
   */
  private scheduleCheckpoint(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    const run = () => {
      this.flushQueued = false;
      this.lastFlushAt = performance.now();
      try {
        this.flush();
      } catch (error) {
        this.log.error({ err: error }, 'could not write the audit checkpoint');
      }
    };
    const wait = this.lastFlushAt + CHECKPOINT_INTERVAL_MS - performance.now();
    if (wait <= 0) setImmediate(run);
    else setTimeout(run, wait).unref();
  }

  private checkpointMatchesDb(): boolean {
    const cp = this.vault.keyFile.read().auditCheckpoint;
    if (!cp || cp.seq === 0) return true;
    return this.storedHash(cp.seq) === cp.hash;
  }

  private storedHash(seq: number): unknown {
    return this.vault.db().prepare('SELECT hash FROM audit_events WHERE seq = ?').pluck().get(seq);
  }

  private mac(head: ChainHead): string {
    const key = this.vault.deriveKey(CHECKPOINT_PURPOSE);
    try {
      return crypto.createHmac('sha256', key).update(`${head.seq}:${head.hash}`).digest('hex');
    } finally {
      key.fill(0);
    }
  }

  private checkpointMacOk(c: AuditCheckpoint): boolean {
    const expected = Buffer.from(this.mac(c), 'hex');
    const actual = Buffer.from(c.mac, 'hex');
    return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
  }
}
