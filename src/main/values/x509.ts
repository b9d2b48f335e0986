// The one entry to @peculiar/x509, loaded on first use: with the Reflect metadata polyfill it needs, it costs tens of ms to load, and a fetch or sync never touches it.
import { createRequire } from 'node:module';
import type * as X509 from '@peculiar/x509';

let loaded: typeof X509 | undefined;

/** The library. The first call loads it synchronously, so the certificate parsers built on it stay synchronous. */
export function x509(): typeof X509 {
  if (!loaded) {
    const load = createRequire(import.meta.url);
    load('reflect-metadata');
    loaded = load('@peculiar/x509') as typeof X509;
  }
  return loaded;
}
