// The audit catalog: every action the audit log records, each with the format of its target, and the port that records them.
import type { ErrorCode } from './errors';

/** A cluster as audit targets name it: by its name when known, else by its id. */
type ClusterTarget = `cluster ${string}`;
/** What an export or a copy read from: an account, a resource, a cluster or an offline file. */
type SourceTarget = `account ${string}` | `resource ${string}` | ClusterTarget | `file ${string}`;

/**
 * Each audited action and the format of its target. Adding an action is one line here; the
 * compiler then checks every `record` and `run` of it. Names are `domain.verb` in snake case.
 */
export interface AuditCatalog {
  'vault.init': 'vault';
  'vault.unlock': 'vault';
  'vault.lock': 'vault';
  'vault.change_passphrase': 'vault';
  'vault.set_keychain': 'vault';
  'vault.set_auto_lock': 'vault';
  /** Failed unlocks journaled while locked that did not fit in the journal. */
  'audit.journal_overflow': 'vault';
  /** A journal entry that was not a failed unlock; details carry only its claimed action and actor. */
  'audit.journal_rejected': 'vault';
  'audit.verify': 'audit';
  /** Target: the file written. */
  'audit.export': string;
  /** Target (for every `cluster.*`): the cluster's name. */
  'cluster.add': string;
  'cluster.update': string;
  'cluster.delete': string;
  'cluster.test': string;
  'cluster.save_anyway': string;
  'sync.browse': ClusterTarget | `${ClusterTarget} namespace ${string}`;
  'sync.fetch': ClusterTarget;
  'sync.sync': ClusterTarget;
  /** Written when a fetch or sync starts, and once per committed batch in the batch's transaction. */
  'sync.fetch_started': ClusterTarget;
  'sync.fetch_batch': ClusterTarget;
  'sync.sync_started': ClusterTarget;
  'sync.sync_batch': ClusterTarget;
  'sync.cancel': `job ${string}`;
  'sync.schedule': ClusterTarget;
  'jobs.cancel': `job ${string}`;
  'jobs.resume': `job ${string}`;
  'jobs.dismiss': `job ${string}`;
  /** Settings: the overview's stale threshold changed (details: staleDays). */
  'overview.settings': 'overview';
  /** Target: the cluster id, or `N accounts` for a purge of picked accounts. */
  'sync.purge_deleted': string;
  /**
   * Target: `<resource>/<account>` for a stored Secret, on success and on failure alike
   * (`account <id>` only when no such account exists); `<file>: <namespace>/<name> [<key>]` for
   * an offline file.
   */
  'secret.reveal': string;
  /** Target: what the renderer says it copied (a key of an account or of a file). */
  'secret.copy': string;
  'secret.export': SourceTarget;
  /** Target (for every `offline.*`): the file's name. */
  'offline.open': string;
  'offline.import': string;
  /** Target: `resource <name>` of a rotation target such as a PostgreSQL server. */
  'targets.add': `resource ${string}`;
  'targets.account_add': `account ${string}/${string}`;
  /** Target: the Secret key, `<kubernetes resource>/<secret>:<key>`. */
  'mapping.add': `${string}/${string}:${string}`;
  'mapping.remove': `${string}/${string}:${string}`;
  /** A suggestion accepted (one, or each of Accept all); details say why it was offered. */
  'mapping.accept': `${string}/${string}:${string}`;
  'mapping.dismiss': `${string}/${string}:${string}`;
  /** A key mapped by a rule at a fetch, a sync or when the rule was added; details name the rule. */
  'mapping.rule_map': `${string}/${string}:${string}`;
  /** Target: `rule <id>`. */
  'mapping.rule_add': `rule ${string}`;
  'mapping.rule_remove': `rule ${string}`;
  'rotation.rotate': `account ${string}/${string}`;
  /** Details carry the rotation id (and for a roll back whether consumers restart); never a password. */
  'rotation.resume': `account ${string}/${string}`;
  'rotation.rollback': `account ${string}/${string}`;
  /** Target: the rotatable resource; details: length, classes, excluded characters. */
  'rotation.policy': `resource ${string}`;
  'rotation.schedule': `account ${string}/${string}`;
  /** Target (for `access.*` and `session.*`): `<cluster name>/<access account>`. */
  'access.account_add': `${string}/${string}`;
  'session.start': `${string}/${string}`;
  'session.end': `${string}/${string}`;
  /** A session whose process died: its bound Secret deleted at the next unlock, or why not (details). */
  'session.revoke': `${string}/${string}`;
  /** Target: `cluster <id> <Kind> <namespace>/<name>` of the workload. */
  'agent.apply': `cluster ${string}`;
  /** Target: `cluster <id> <namespace>/<agent>`. */
  'agent.register_key': `cluster ${string}`;
  /** Target: the sealed Secret, `cluster <id> Secret <namespace>/<name>`. */
  'agent.seal': `cluster ${string}`;
}

export type AuditAction = keyof AuditCatalog;

/** One audited event. `details` never holds a secret value (keys that look secret are redacted anyway). */
export interface AuditEvent<A extends AuditAction = AuditAction> {
  action: A;
  target: AuditCatalog[A];
  outcome: 'ok' | ErrorCode;
  details?: Record<string, unknown>;
}

/** What code that audits needs from the audit log; the audit log implements it. */
export interface AuditSink {
  record<A extends AuditAction>(event: AuditEvent<A>): void;
  /** Runs `fn` and records its outcome: `ok`, or the AppError code it failed with (`internal` for bugs). */
  run<A extends AuditAction, T>(
    action: A,
    target: AuditCatalog[A],
    fn: () => T | Promise<T>,
    details?: Record<string, unknown>,
  ): Promise<T>;
}
