// Finds Secret keys that hold an account's password: equal values (by keyed hash), conventional key names, PostgreSQL URLs.
import crypto from 'node:crypto';
import type { SuggestionEvidence } from '../../shared/ipc/mapping-assist';
import { renderMappedValue } from './mapping-store';

/** A fetched Secret's newest version; `data` is base64 as the API served it. Lives in main only. */
export interface SecretValues {
  accountId: number;
  kubeResource: string;
  clusterId: string | null;
  namespace: string | null;
  secret: string;
  data: Record<string, string>;
}

/** An account of a rotatable resource with the password the vault holds. Lives in main only. */
export interface PasswordAccount {
  id: number;
  resource: string;
  name: string;
  password: string;
}

export interface Candidate {
  secret: SecretValues;
  key: string;
  account: PasswordAccount;
  template: string | null;
  evidence: SuggestionEvidence[];
  reasons: string[];
  valueMatches: boolean;
  score: number;
  preferred: boolean;
}

/** Keys that conventionally hold a database user and its password, compared without case. */
const NAME_PAIRS: readonly (readonly [user: string, password: string])[] = [
  ['username', 'password'],
  ['user', 'password'],
  ['POSTGRES_USER', 'POSTGRES_PASSWORD'],
  ['PGUSER', 'PGPASSWORD'],
  ['DB_USER', 'DB_PASSWORD'],
  ['DATABASE_USER', 'DATABASE_PASSWORD'],
];

/** The official postgres image creates this superuser when POSTGRES_USER is not set. */
const POSTGRES_IMAGE_DEFAULT_USER = 'postgres';

const SCORE: Record<SuggestionEvidence, number> = { url: 3, value: 2, names: 1 };
const URL_PATTERN = /^(postgres(?:ql)?:\/\/)([^:@/?#\s]+):([^@/?#\s]*)@(\S*)$/i;
const MAX_URL_B64 = 5464; // 4 KiB of URL

interface IndexedAccount extends PasswordAccount {
  hash: string;
}

/** Base64 of "postgr" and "POSTGR": a value starting so may be a PostgreSQL URL and is decoded; others never are. */
const URL_PREFIXES_B64 = ['cG9zdGdy', 'UE9TVEdS'];
const PAIR_KEYS = new Set(NAME_PAIRS.flat().map((k) => k.toLowerCase()));

/**
 * The accounts, indexed by a keyed hash of their password and by name. Values are matched as the API
 * serves them, canonical base64, so a key is decoded only when it may be a URL or a user name.
 */
export class SuggestionIndex {
  /** A random key made per run and never stored. */
  private readonly hashKey = crypto.randomBytes(32).toString('base64');
  private readonly byHash = new Map<string, IndexedAccount[]>();
  private readonly byName = new Map<string, IndexedAccount[]>();
  /** Base64 lengths of the passwords: a value of another length is not hashed at all. */
  private readonly lengths = new Set<number>();

  constructor(accounts: readonly PasswordAccount[]) {
    for (const account of accounts) {
      const b64 = Buffer.from(account.password, 'utf8').toString('base64');
      const indexed = { ...account, hash: this.hash(b64) };
      this.lengths.add(b64.length);
      push(this.byHash, indexed.hash, indexed);
      push(this.byName, account.name, indexed);
    }
  }

  /**
   * SHA-256 over the run's key and the base64 value: keyed, so equal values are found without keeping or
   * comparing the values themselves. Only equality is asked of it (length extension does not matter), and
   * it costs a thirtieth of createHmac, which sets a key up on every call (bench:suggest).
   */
  private hash(b64: string): string {
    return crypto.hash('sha256', this.hashKey + b64, 'base64');
  }

  private matches(b64: string, account: IndexedAccount): boolean {
    return this.lengths.has(b64.length) && this.hash(b64) === account.hash;
  }

  /**
   * Every candidate account for each key of `secret` that `open(key)` allows (not mapped, not dismissed
   * for that account). What is decoded here is dropped when this returns.
   */
  candidates(secret: SecretValues, open: (key: string, accountId: number) => boolean): Candidate[] {
    const add = new Collector(secret, open);
    let pairKeys: Map<string, string> | undefined;
    for (const key in secret.data) {
      const b64 = secret.data[key] as string;
      if (this.lengths.has(b64.length)) {
        for (const account of this.byHash.get(this.hash(b64)) ?? [])
          add.add(key, account, 'value', `value equals the current password of ${account.resource}/${account.name}`);
      }
      if (b64.length <= MAX_URL_B64 && URL_PREFIXES_B64.some((p) => b64.startsWith(p)))
        this.urlCandidates(key, Buffer.from(b64, 'base64'), add);
      const lower = key.toLowerCase();
      if (PAIR_KEYS.has(lower)) {
        pairKeys ??= new Map();
        pairKeys.set(lower, key);
      }
    }
    if (pairKeys) this.nameCandidates(secret, pairKeys, add);
    return add.found();
  }

  /** `username`/`password`-style pairs whose user is an account's name, whatever the password key holds. */
  private nameCandidates(secret: SecretValues, keysByLower: Map<string, string>, add: Collector): void {
    for (const [userName, passwordName] of NAME_PAIRS) {
      const passwordKey = keysByLower.get(passwordName.toLowerCase());
      if (passwordKey === undefined) continue;
      const userKey = keysByLower.get(userName.toLowerCase());
      let user: string;
      let reason: string;
      if (userKey !== undefined) {
        user = Buffer.from(secret.data[userKey] ?? '', 'base64').toString('utf8');
        reason = `key ${passwordKey} in a Secret whose ${userKey} is ${user}`;
      } else if (passwordName === 'POSTGRES_PASSWORD') {
        user = POSTGRES_IMAGE_DEFAULT_USER;
        reason = `key ${passwordKey} in a Secret without POSTGRES_USER (the postgres image then uses ${user})`;
      } else continue;
      for (const account of this.byName.get(user) ?? []) {
        const same = this.matches(secret.data[passwordKey] ?? '', account);
        add.add(
          passwordKey,
          account,
          'names',
          same ? reason : `${reason}; its value is not the password Strongroom holds`,
        );
      }
    }
  }

  /** A `postgres://user:pass@…` value whose user is an account and whose password is that account's. */
  private urlCandidates(key: string, bytes: Buffer, add: Collector): void {
    const text = bytes.toString('utf8');
    const m = URL_PATTERN.exec(text);
    if (!m) return;
    const [, scheme, rawUser, rawPassword, rest] = m as unknown as [string, string, string, string, string];
    let user: string;
    let password: string;
    try {
      user = decodeURIComponent(rawUser);
      password = decodeURIComponent(rawPassword);
    } catch {
      return; // not valid percent-encoding: not a URL a driver would read either
    }
    const template = `${scheme}{user}:{password}@${rest}`;
    // Rotation rebuilds the key from the template; a URL written another way would read as a conflict then.
    if (renderMappedValue(template, user, password) !== text) return;
    for (const account of this.byName.get(user) ?? []) {
      if (!this.matches(Buffer.from(password, 'utf8').toString('base64'), account)) continue;
      add.add(
        key,
        account,
        'url',
        `key ${key} is a PostgreSQL URL for user ${user} with the current password of ${account.resource}/${account.name}`,
        template,
      );
    }
  }
}

/** Gathers one Secret's candidates, merging the evidence for the same key and account. Allocates only on a hit. */
class Collector {
  private byId: Map<string, Candidate> | undefined;

  constructor(
    private readonly secret: SecretValues,
    private readonly open: (key: string, accountId: number) => boolean,
  ) {}

  add(key: string, account: PasswordAccount, evidence: SuggestionEvidence, reason: string, template?: string): void {
    if (!this.open(key, account.id)) return;
    this.byId ??= new Map();
    const id = `${key}\0${account.id}`;
    let c = this.byId.get(id);
    if (!c) {
      c = {
        secret: this.secret,
        key,
        account,
        template: null,
        evidence: [],
        reasons: [],
        valueMatches: false,
        score: 0,
        preferred: false,
      };
      this.byId.set(id, c);
    }
    if (c.evidence.includes(evidence)) return;
    if (template !== undefined) c.template = template;
    c.evidence.push(evidence);
    c.reasons.push(reason);
    c.score += SCORE[evidence];
    if (evidence !== 'names') c.valueMatches = true;
  }

  found(): Candidate[] {
    return this.byId ? [...this.byId.values()] : [];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Marks, for each key, the one candidate Accept all takes: the highest score, when no other account ties it. */
export function markPreferred(candidates: Candidate[]): Candidate[] {
  const best = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const id = `${c.secret.accountId}\0${c.key}`;
    const top = best.get(id);
    if (!top || c.score > (top[0]?.score ?? 0)) best.set(id, [c]);
    else if (c.score === top[0]?.score) top.push(c);
  }
  for (const top of best.values()) if (top.length === 1 && top[0]) top[0].preferred = true;
  return candidates;
}
