// The rotation journal in the vault: one row per rotation with its state, last step and the passwords a resume or roll back needs.
import { AppError } from '../../shared/errors';
import type { RotationState, RotationSummary } from '../../shared/ipc/rotation';
import type { ReadableDB, WritableDB } from '../vault/db';

/** A rotation as stored, passwords included; never leaves main. */
export interface RotationRecord {
  id: string;
  accountId: number;
  resource: string;
  account: string;
  state: Exclude<RotationState, 'interrupted'>;
  step: string | null;
  restart: boolean;
  oldPassword: string | null;
  newPassword: string | null;
  errorCode: string | null;
  jobId: string;
  /** The state of its last job in the job journal (null once pruned). */
  jobState: string | null;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

interface Row {
  id: string;
  target_account_id: number;
  resource: string;
  account: string;
  state: RotationRecord['state'];
  step: string | null;
  restart: number;
  old_password: string | null;
  new_password: string | null;
  error_code: string | null;
  job_id: string;
  job_state: string | null;
  started_at: number;
  updated_at: number;
  finished_at: number | null;
}

const SELECT = `SELECT r.*, tr.name AS resource, ta.name AS account, j.state AS job_state
  FROM rotations r
  JOIN target_accounts ta ON ta.id = r.target_account_id
  JOIN resources tr ON tr.id = ta.resource_id
  LEFT JOIN jobs j ON j.id = r.job_id`;

function record(row: Row): RotationRecord {
  return {
    id: row.id,
    accountId: row.target_account_id,
    resource: row.resource,
    account: row.account,
    state: row.state,
    step: row.step,
    restart: row.restart === 1,
    oldPassword: row.old_password,
    newPassword: row.new_password,
    errorCode: row.error_code,
    jobId: row.job_id,
    jobState: row.job_state,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** Whether the rotation's job still runs (in this or another live process). */
export function isRunning(r: RotationRecord): boolean {
  return r.state === 'in_progress' && (r.jobState === 'running' || r.jobState === 'pausing');
}

/** The state shown to users: an in-progress rotation whose job no longer runs was interrupted. */
export function shownState(r: RotationRecord): RotationState {
  return r.state === 'in_progress' && !isRunning(r) ? 'interrupted' : r.state;
}

export function rotationSummary(r: RotationRecord): RotationSummary {
  const state = shownState(r);
  return {
    id: r.id,
    resource: r.resource,
    account: r.account,
    state,
    step: r.step,
    restart: r.restart,
    errorCode: r.errorCode,
    jobId: r.jobId,
    startedAt: r.startedAt,
    updatedAt: r.updatedAt,
    finishedAt: r.finishedAt,
    resumable: state === 'interrupted' || state === 'failed',
    rollbackable: state !== 'in_progress' && state !== 'rolled_back' && r.oldPassword !== null,
  };
}

export function getRotation(db: ReadableDB, id: string): RotationRecord {
  const row = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as Row | undefined;
  if (!row) {
    throw new AppError(
      'not_found',
      `There is no rotation "${id.slice(0, 100)}" in the journal.`,
      'See `strongroom rotation list` for the ids.',
    );
  }
  return record(row);
}

export function listRotations(db: ReadableDB, accountId?: number, limit = 200): RotationRecord[] {
  const rows = (
    accountId === undefined
      ? db.prepare(`${SELECT} ORDER BY r.started_at DESC, r.rowid DESC LIMIT ?`).all(limit)
      : db
          .prepare(`${SELECT} WHERE r.target_account_id = ? ORDER BY r.started_at DESC, r.rowid DESC LIMIT ?`)
          .all(accountId, limit)
  ) as Row[];
  return rows.map(record);
}

/** The account's rotation that has not ended (in progress, interrupted or failed), if any. */
export function unfinishedRotation(db: ReadableDB, accountId: number): RotationRecord | undefined {
  return listRotations(db, accountId).find((r) => r.state === 'in_progress' || r.state === 'failed');
}

/**
 * Starts a rotation with its new password saved before the target is touched, so a crash never
 * loses it. Older rotations of the account forget their passwords: only the newest can roll back.
 */
export function beginRotation(
  db: WritableDB,
  r: { id: string; accountId: number; restart: boolean; oldPassword: string; newPassword: string; at: number },
): void {
  db.transaction(() => {
    db.prepare('UPDATE rotations SET old_password = NULL, new_password = NULL WHERE target_account_id = ?').run(
      r.accountId,
    );
    db.prepare(
      `INSERT INTO rotations (id, target_account_id, state, step, restart, old_password, new_password, job_id, started_at, updated_at)
       VALUES (?, ?, 'in_progress', 'generate', ?, ?, ?, ?, ?, ?)`,
    ).run(r.id, r.accountId, r.restart ? 1 : 0, r.oldPassword, r.newPassword, r.id, r.at, r.at);
  })();
}

/** Records that `jobId` now runs the rotation (a resume or a roll back). */
export function claimRotation(db: WritableDB, id: string, jobId: string, at: number): void {
  db.prepare(
    "UPDATE rotations SET state = 'in_progress', job_id = ?, error_code = NULL, updated_at = ?, finished_at = NULL WHERE id = ?",
  ).run(jobId, at, id);
}

export function setRotationStep(db: WritableDB, id: string, step: string, at: number): void {
  db.prepare('UPDATE rotations SET step = ?, updated_at = ? WHERE id = ?').run(step, at, id);
}

/** Ends a run of the rotation; a roll back also forgets both passwords. */
export function endRotation(
  db: WritableDB,
  id: string,
  state: 'failed' | 'completed' | 'rolled_back',
  at: number,
  errorCode: string | null = null,
): void {
  const forget = state === 'rolled_back' ? ', old_password = NULL, new_password = NULL' : '';
  db.prepare(
    `UPDATE rotations SET state = ?, error_code = ?, updated_at = ?, finished_at = ?${forget} WHERE id = ?`,
  ).run(state, errorCode, at, state === 'failed' ? null : at, id);
}
