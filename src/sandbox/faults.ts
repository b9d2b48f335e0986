// Fault injection for tests: latency, per-verb failure rates, dropped lists, forced 410 and 429 with Retry-After.

export interface FaultSettings {
  /** Added to every API request, in milliseconds. */
  latencyMs: number;
  /** Probability (0..1) that a request with this verb (get, list, watch, create, update, patch, delete) fails with 500. */
  failRate: Record<string, number>;
  /** The next N list responses are cut off: the connection is destroyed after half the body. */
  dropNextLists: number;
  /** The next N requests that carry a continue token get 410 Expired. */
  expireNextContinues: number;
  /** The next N API requests get 429 TooManyRequests with this Retry-After. */
  throttleNext: number;
  retryAfterSeconds: number;
}

const DEFAULTS: FaultSettings = {
  latencyMs: 0,
  failRate: {},
  dropNextLists: 0,
  expireNextContinues: 0,
  throttleNext: 0,
  retryAfterSeconds: 1,
};

/** Mutable fault settings shared by the server; tests set fields directly or through `set`. */
export class Faults implements FaultSettings {
  latencyMs = 0;
  failRate: Record<string, number> = {};
  dropNextLists = 0;
  expireNextContinues = 0;
  throttleNext = 0;
  retryAfterSeconds = 1;

  constructor(private readonly random: () => number = Math.random) {}

  set(settings: Partial<FaultSettings>): void {
    Object.assign(this, settings);
  }

  reset(): void {
    this.set({ ...DEFAULTS, failRate: {} });
  }

  snapshot(): FaultSettings {
    const { latencyMs, failRate, dropNextLists, expireNextContinues, throttleNext, retryAfterSeconds } = this;
    return { latencyMs, failRate, dropNextLists, expireNextContinues, throttleNext, retryAfterSeconds };
  }

  /** Consumes one throttle; true when this request must get 429. */
  takeThrottle(): boolean {
    if (this.throttleNext <= 0) return false;
    this.throttleNext--;
    return true;
  }

  shouldFail(verb: string): boolean {
    const rate = this.failRate[verb] ?? 0;
    return rate > 0 && this.random() < rate;
  }

  takeExpire(): boolean {
    if (this.expireNextContinues <= 0) return false;
    this.expireNextContinues--;
    return true;
  }

  takeDrop(): boolean {
    if (this.dropNextLists <= 0) return false;
    this.dropNextLists--;
    return true;
  }
}
