// Rotates one account: generate → change at the target → verify → write mapped keys → restart consumers, journalled as a job.
import type { AuditLog } from '../audit/service';
import type { Clock } from '../clock';
import type { JobRunner } from '../jobs/runner';
import type { ClusterAccess } from '../sync/access';
import type { VaultService } from '../vault/service';
import { type Consumer, findConsumers, restartAndWait } from './consumers';
import { listMappings } from './mapping-store';
import { generatePassword } from './password-policy';
import { postgresRotator } from './postgres-rotator';
import type { Rotator } from './rotator';
import { rotationSubject } from './target-store';
import {
  groupBySecret,
  type SecretGroup,
  type SecretWriteOutcome,
  writeBackError,
  writeSecretGroup,
} from './write-back';

export interface RotationPlan {
  resource: string;
  account: string;
  keys: { clusterId: string; namespace: string; secret: string; key: string }[];
  /** Workloads that will be restarted (agent-sidecar ones are listed with `agentSidecar: true` and skipped). */
  consumers: (Consumer & { clusterId: string })[];
}

export interface RotationResult extends RotationPlan {
  jobId: string;
  writes: SecretWriteOutcome[];
  restarts: { kind: string; namespace: string; name: string; outcome: 'complete' | 'timeout' | 'skipped' }[];
}

export interface RotationDeps {
  vault: VaultService;
  audit: AuditLog;
  clusters: ClusterAccess;
  jobs: JobRunner;
  clock: Clock;
  rotators?: Rotator[];
  /** How long to wait for each rollout; default 5 minutes. */
  rolloutTimeoutMs?: number;
}

const WRITE_TIMEOUT_MS = 30_000;

export class RotationService {
  private readonly rotators: Map<string, Rotator>;

  constructor(private readonly d: RotationDeps) {
    this.rotators = new Map((d.rotators ?? [postgresRotator]).map((r) => [r.kind, r]));
  }

  private groups(resource: string, account: string): SecretGroup[] {
    return groupBySecret(listMappings(this.d.vault.db(), { account: { resource, account } }));
  }

  /** What a rotation would write and restart; changes nothing. */
  async plan(resource: string, account: string): Promise<RotationPlan> {
    rotationSubject(this.d.vault.db(), resource, account);
    const groups = this.groups(resource, account);
    const consumers: RotationPlan['consumers'] = [];
    for (const g of groups) {
      const kc = await this.d.clusters.kubeConfig(g.clusterId);
      const found = await findConsumers(kc, g.namespace, g.secret, g.clusterId);
      consumers.push(...found.map((c) => ({ ...c, clusterId: g.clusterId })));
    }
    const unique = [
      ...new Map(consumers.map((c) => [`${c.clusterId}/${c.kind}/${c.namespace}/${c.name}`, c])).values(),
    ];
    const keys = groups.flatMap((g) =>
      g.mappings.map((m) => ({ clusterId: g.clusterId, namespace: g.namespace, secret: g.secret, key: m.key })),
    );
    return { resource, account, keys, consumers: unique };
  }

  /** Runs the whole rotation as a job; every step is journalled before and after. */
  rotate(resource: string, account: string, options: { restart: boolean }): Promise<RotationResult> {
    return this.d.audit.run('rotation.rotate', `account ${resource}/${account}`, () =>
      this.d.jobs.run(
        {
          kind: 'rotation',
          label: `rotation of ${resource}/${account}`,
          params: { resource, account, restart: options.restart },
        },
        async (job) => {
          const db = () => this.d.vault.db();
          const subject = rotationSubject(db(), resource, account);
          const rotator = this.rotators.get('postgresql') as Rotator;
          await job.step('generate', () => {
            const fresh = generatePassword(subject.policy);
            db().prepare('UPDATE target_accounts SET pending_password = ? WHERE id = ?').run(fresh, subject.accountId);
          });
          const pending = () =>
            (
              db().prepare('SELECT pending_password AS p FROM target_accounts WHERE id = ?').get(subject.accountId) as {
                p: string;
              }
            ).p;
          await job.step('change', () => rotator.changePassword(subject.target, account, pending()));
          await job.step('verify', async () => {
            await rotator.verifyLogin(subject.target, account, pending());
            db()
              .prepare(
                'UPDATE target_accounts SET previous_password = password, password = pending_password, pending_password = NULL, rotated_at = ? WHERE id = ?',
              )
              .run(this.d.clock.now(), subject.accountId);
          });
          return this.finish(job, resource, account, options.restart);
        },
      ),
    );
  }

  /** Steps 4 and 5: write every mapped key, then restart the consumers. Re-runnable: keys already current are left alone. */
  private async finish(
    job: { id: string; step<T>(name: string, run: () => Promise<T> | T, params?: Record<string, unknown>): Promise<T> },
    resource: string,
    account: string,
    restart: boolean,
  ): Promise<RotationResult> {
    const row = this.d.vault
      .db()
      .prepare('SELECT password, previous_password FROM target_accounts WHERE id = ?')
      .get(rotationSubject(this.d.vault.db(), resource, account).accountId) as {
      password: string;
      previous_password: string;
    };
    const passwords = { user: account, old: row.previous_password, new: row.password };
    const plan = await this.plan(resource, account);
    const writes: SecretWriteOutcome[] = [];
    for (const g of this.groups(resource, account)) {
      const outcome = await job.step(
        'write',
        async () =>
          writeSecretGroup(await this.d.clusters.kubeConfig(g.clusterId), g, passwords, {
            timeoutMs: WRITE_TIMEOUT_MS,
            cluster: g.clusterId,
          }),
        { clusterId: g.clusterId, namespace: g.namespace, secret: g.secret },
      );
      writes.push(outcome);
    }
    const failed = writes.filter((w) => w.outcome === 'failed');
    if (failed.length > 0) throw Object.assign(writeBackError(failed), { writes });
    const restarts: RotationResult['restarts'] = [];
    for (const c of plan.consumers) {
      if (!restart || c.agentSidecar) {
        restarts.push({ kind: c.kind, namespace: c.namespace, name: c.name, outcome: 'skipped' });
        continue;
      }
      const outcome = await job.step(
        'restart',
        async () =>
          restartAndWait(await this.d.clusters.kubeConfig(c.clusterId), c, {
            at: new Date(this.d.clock.now()),
            timeoutMs: this.d.rolloutTimeoutMs ?? 300_000,
            cluster: c.clusterId,
          }),
        { kind: c.kind, namespace: c.namespace, name: c.name },
      );
      restarts.push({ kind: c.kind, namespace: c.namespace, name: c.name, outcome });
    }
    return { ...plan, jobId: job.id, writes, restarts };
  }
}
