// Resume secrets of the browser harness: one per connection, usable once after it ends, for a limited time.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock';

interface Entry {
  /** Whether the connection that holds this secret is still open (not closing: a reload closes first). */
  isOpen: () => boolean;
  /** When a closed connection's secret stops working; unset until the connection has ended. */
  expiresAt?: number;
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A reload of the page reconnects with the secret its previous connection got. So a secret is
 * refused while its connection is open (one live connection per secret), is consumed when used
 * (the new connection gets a new one), and expires `ttlMs` after its connection closed.
 */
export class ResumeSecrets {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  /** A new secret for a connection that has just opened; `isOpen` says whether it still is. */
  issue(isOpen: () => boolean): string {
    this.prune();
    const secret = randomBytes(32).toString('base64url');
    this.entries.set(secret, { isOpen });
    return secret;
  }

  /** The connection holding `secret` has ended: the secret may resume once, until it expires. */
  release(secret: string): void {
    const entry = this.entries.get(secret);
    if (entry) this.entries.set(secret, { isOpen: () => false, expiresAt: this.clock.now() + this.ttlMs });
  }

  /** Consumes `offered` if it belongs to an ended connection and has not expired. */
  redeem(offered: string): boolean {
    this.prune();
    for (const [secret, entry] of this.entries) {
      if (!entry.isOpen() && sameSecret(offered, secret)) {
        this.entries.delete(secret);
        return true;
      }
    }
    return false;
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [secret, entry] of this.entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.entries.delete(secret);
    }
  }
}
