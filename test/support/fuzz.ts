// Test helper: a seeded PRNG and input mutators for the importers' fuzz tests.

/** mulberry32: small, fast and reproducible, so a failing case can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomBytes(next: () => number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(next() * 256);
  return out;
}

/** Flips 1–4 random bits. */
export function flipBits(next: () => number, input: Uint8Array): Uint8Array {
  const out = new Uint8Array(input);
  const flips = 1 + Math.floor(next() * 4);
  for (let i = 0; i < flips && out.length > 0; i++) {
    const at = Math.floor(next() * out.length);
    out[at] = (out[at] ?? 0) ^ (1 << Math.floor(next() * 8));
  }
  return out;
}

/** Cuts the input at a random point. */
export function truncate(next: () => number, input: Uint8Array): Uint8Array {
  return input.slice(0, Math.floor(next() * input.length));
}

/** Copies a random slice of the input over another random place. */
export function splice(next: () => number, input: Uint8Array): Uint8Array {
  const out = new Uint8Array(input);
  const from = Math.floor(next() * out.length);
  const to = Math.floor(next() * out.length);
  const len = Math.floor(next() * 32);
  out.set(input.slice(from, from + len).slice(0, Math.max(0, out.length - to)), to);
  return out;
}

export const MUTATORS = [flipBits, truncate, splice] as const;
