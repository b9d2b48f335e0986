// Reads a docker config (`.dockerconfigjson` or legacy `.dockercfg`) into registries with masked passwords.
import type { DockerRegistryInfo } from '../../shared/secrets';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Decodes the `auth` field (`base64(user:password)`); undefined when it does not decode to that. */
function decodeAuth(auth: string): { user: string; passwordLength: number } | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(auth) || auth.length % 4 === 1) return undefined;
  let plain: string;
  try {
    plain = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(auth, 'base64'));
  } catch {
    return undefined;
  }
  const colon = plain.indexOf(':');
  if (colon < 0) return undefined;
  return { user: plain.slice(0, colon), passwordLength: [...plain.slice(colon + 1)].length };
}

function registryInfo(registry: string, entry: Json): DockerRegistryInfo {
  const info: DockerRegistryInfo = { registry, authDecoded: false, hasToken: false };
  const auth = str(entry.auth) ? decodeAuth(entry.auth as string) : undefined;
  const username = str(entry.username) ?? auth?.user;
  if (username !== undefined) info.username = username;
  const password = str(entry.password);
  if (password !== undefined) info.passwordLength = [...password].length;
  else if (auth) info.passwordLength = auth.passwordLength;
  const email = str(entry.email);
  if (email !== undefined) info.email = email;
  info.authDecoded = auth !== undefined;
  info.hasToken = str(entry.identitytoken) !== undefined || str(entry.registrytoken) !== undefined;
  return info;
}

/**
 * Reads a parsed docker config. `{ "auths": { registry: entry } }` is the current shape;
 * `{ registry: entry }` is the legacy `.dockercfg`. Undefined when it is neither.
 */
export function readDockerConfig(parsed: unknown, legacyAllowed: boolean): DockerRegistryInfo[] | undefined {
  if (!isObject(parsed)) return undefined;
  let map: Json;
  if (isObject(parsed.auths)) map = parsed.auths;
  else if (legacyAllowed) map = parsed;
  else return undefined;
  const entries = Object.entries(map);
  if (!entries.every(([, entry]) => isObject(entry))) return undefined;
  return entries.map(([registry, entry]) => registryInfo(registry, entry as Json));
}
