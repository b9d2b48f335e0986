// Holds the Secrets the agent last read, writes them atomically when they change, and keeps the health state.
import type { KeyObject } from 'node:crypto';
import { AtomicWriter } from './atomic-writer';
import type { AgentConfig } from './config';
import type { AgentSecret } from './kube';
import { type DecodedSecret, renderLayout } from './layout';
import type { AgentLog } from './log';
import { sendNotify } from './notify';
import { decodeSecret } from './secrets';

/** What the health endpoint reports; names and times only. */
export interface HealthState {
  lastRefresh?: string;
  lastError?: string;
  secrets: number;
  missing: string[];
}

export class Delivery {
  private readonly current = new Map<string, AgentSecret>();
  private readonly missing = new Set<string>();
  private readonly writer: AtomicWriter;
  private writes = 0;
  /** Flushes run one at a time: two writers swapping `..data` at once could remove each other's payload dir. */
  private queue: Promise<unknown> = Promise.resolve();
  readonly health: HealthState = { secrets: 0, missing: [] };

  constructor(
    private readonly config: AgentConfig,
    private readonly namespace: string,
    private readonly privateKey: KeyObject | undefined,
    private readonly log: AgentLog,
  ) {
    this.writer = new AtomicWriter(config.dir, { fileMode: config.fileMode, owner: config.owner });
  }

  /** Replaces the whole set (a list or an interval read). */
  replaceAll(secrets: AgentSecret[]): void {
    this.current.clear();
    this.missing.clear();
    for (const s of secrets) this.current.set(s.metadata.name, s);
  }

  upsert(secret: AgentSecret): void {
    this.current.set(secret.metadata.name, secret);
    this.missing.delete(secret.metadata.name);
  }

  /** A named Secret that vanished keeps its last files (the app keeps working) but marks the agent unhealthy. */
  markMissing(name: string): void {
    this.missing.add(name);
  }

  /** Drops a Secret that left a label selector's set. */
  remove(name: string): void {
    this.current.delete(name);
  }

  /** Decodes and writes the current set; notifies after a change that follows the first write. */
  flush(): Promise<boolean> {
    const run = this.queue.then(() => this.flushNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async flushNow(): Promise<boolean> {
    try {
      const decoded: DecodedSecret[] = [...this.current.values()].map((s) =>
        decodeSecret(s, this.namespace, this.privateKey),
      );
      const changed = await this.writer.write(renderLayout(decoded, this.config.layout));
      this.health.secrets = decoded.length;
      this.health.missing = [...this.missing];
      if (this.missing.size === 0) {
        this.health.lastRefresh = new Date().toISOString();
        this.health.lastError = undefined;
      } else this.health.lastError = `missing Secrets: ${[...this.missing].join(', ')}`;
      if (changed) {
        this.writes++;
        this.log.info('secrets written', {
          secrets: decoded.map((s) => s.name),
          files: decoded.reduce((n, s) => n + s.values.size, 0),
          layout: this.config.layout,
        });
        if (this.writes > 1 && this.config.notify) await this.notify();
      }
      return changed;
    } catch (error) {
      this.failed((error as Error).message);
      throw error;
    }
  }

  failed(reason: string): void {
    this.health.lastError = reason;
  }

  private async notify(): Promise<void> {
    if (!this.config.notify) return;
    try {
      await sendNotify(this.config.notify);
      this.log.info('application notified', { notify: this.config.notify.kind });
    } catch (error) {
      this.log.warn('notify failed', { reason: (error as Error).message });
    }
  }
}
