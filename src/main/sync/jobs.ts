// Running fetch/sync jobs by id, so that `sync:cancel` can abort one; plus a small bounded-concurrency map.
import crypto from 'node:crypto';
import { AppError } from '../../shared/errors';

export interface Job {
  id: string;
  signal: AbortSignal;
  /** Forgets the job; call once it has finished. */
  end(): void;
}

export class Jobs {
  private readonly running = new Map<string, AbortController>();

  start(id: string = crypto.randomUUID()): Job {
    if (this.running.has(id)) throw new AppError('conflict', 'A job with this id is already running.');
    const controller = new AbortController();
    this.running.set(id, controller);
    return { id, signal: controller.signal, end: () => this.running.delete(id) };
  }

  cancel(id: string): boolean {
    const controller = this.running.get(id);
    if (!controller) return false;
    controller.abort(new AppError('cancelled', 'Cancelled by the user.'));
    return true;
  }

  /** Cancels every job (the vault is locking: nothing may write after that). */
  cancelAll(): void {
    for (const id of [...this.running.keys()]) this.cancel(id);
  }

  get size(): number {
    return this.running.size;
  }
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
