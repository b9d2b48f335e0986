// Bearer-token authentication: the admin token, ServiceAccount token Secrets and TokenRequest tokens (ES256 JWTs).
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  randomUUID,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject, SandboxClock, UserInfo } from './types';

export const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const LEGACY_ISSUER = 'kubernetes/serviceaccount';

interface Claims {
  iss: string;
  sub: string;
  aud?: string[];
  exp?: number;
  iat?: number;
  nbf?: number;
  jti?: string;
  'kubernetes.io/serviceaccount/namespace'?: string;
  'kubernetes.io/serviceaccount/secret.name'?: string;
  'kubernetes.io/serviceaccount/service-account.name'?: string;
  'kubernetes.io/serviceaccount/service-account.uid'?: string;
  'kubernetes.io'?: {
    namespace: string;
    serviceaccount: { name: string; uid: string };
    secret?: { name: string; uid: string };
  };
}

/** Looks objects up in the cluster state: (plural, namespace, name). */
export type Lookup = (plural: 'secrets' | 'serviceaccounts', namespace: string, name: string) => KubeObject | undefined;

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  return {
    username: `system:serviceaccount:${namespace}:${name}`,
    ...(uid ? { uid } : {}),
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

export class TokenAuthority {
  readonly adminToken: string;
  private readonly key: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly kid: string;

  constructor(
    private readonly clock: SandboxClock,
    private readonly lookup: Lookup,
    keyDir?: string,
  ) {
    const keyFile = keyDir ? join(keyDir, 'sa.key') : '';
    if (keyFile && existsSync(keyFile)) this.key = createPrivateKey(readFileSync(keyFile, 'utf8'));
    else {
      this.key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
      if (keyFile) writeFileSync(keyFile, this.key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    }
    this.publicKey = createPublicKey(this.key);
    this.kid = b64(this.publicKey.export({ type: 'spki', format: 'der' }).subarray(-16));
    const tokenFile = keyDir ? join(keyDir, 'admin.token') : '';
    if (tokenFile && existsSync(tokenFile)) this.adminToken = readFileSync(tokenFile, 'utf8').trim();
    else {
      this.adminToken = `sandbox-admin.${randomBytes(24).toString('base64url')}`;
      if (tokenFile) writeFileSync(tokenFile, this.adminToken, { mode: 0o600 });
    }
  }

  private signJwt(claims: Claims): string {
    const head = b64(JSON.stringify({ alg: 'ES256', kid: this.kid }));
    const body = b64(JSON.stringify(claims));
    const sig = sign('sha256', Buffer.from(`${head}.${body}`), { key: this.key, dsaEncoding: 'ieee-p1363' });
    return `${head}.${body}.${b64(sig)}`;
  }

  private verifyJwt(token: string): Claims | undefined {
    const [head, body, sig] = token.split('.');
    if (!head || !body || !sig) return undefined;
    const ok = verify(
      'sha256',
      Buffer.from(`${head}.${body}`),
      { key: this.publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(sig, 'base64url'),
    );
    if (!ok) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims;
    } catch {
      return undefined;
    }
  }

  /** The never-expiring token the legacy token controller writes into a service-account-token Secret. */
  legacyToken(namespace: string, secret: KubeObject, sa: KubeObject): string {
    return this.signJwt({
      iss: LEGACY_ISSUER,
      'kubernetes.io/serviceaccount/namespace': namespace,
      'kubernetes.io/serviceaccount/secret.name': secret.metadata.name ?? '',
      'kubernetes.io/serviceaccount/service-account.name': sa.metadata.name ?? '',
      'kubernetes.io/serviceaccount/service-account.uid': sa.metadata.uid ?? '',
      sub: `system:serviceaccount:${namespace}:${sa.metadata.name}`,
    });
  }

  /**
   * A TokenRequest token bound to the ServiceAccount's uid (and to a Secret's, when `secret` is
   * given), expiring after `seconds`.
   */
  boundToken(
    namespace: string,
    sa: KubeObject,
    seconds: number,
    audiences: string[],
    secret?: KubeObject,
  ): { token: string; expiresAt: number } {
    const now = Math.floor(this.clock.now() / 1000);
    const exp = now + seconds;
    const token = this.signJwt({
      aud: audiences,
      exp,
      iat: now,
      iss: ISSUER,
      jti: randomUUID(),
      'kubernetes.io': {
        namespace,
        serviceaccount: { name: sa.metadata.name ?? '', uid: sa.metadata.uid ?? '' },
        ...(secret ? { secret: { name: secret.metadata.name ?? '', uid: secret.metadata.uid ?? '' } } : {}),
      },
      nbf: now,
      sub: `system:serviceaccount:${namespace}:${sa.metadata.name}`,
    });
    return { token, expiresAt: exp * 1000 };
  }

  /** The user a bearer token stands for, or undefined when it is unknown, expired or revoked. */
  authenticate(token: string): UserInfo | undefined {
    if (token === this.adminToken)
      return { username: 'sandbox-admin', groups: ['system:masters', 'system:authenticated'] };
    const claims = this.verifyJwt(token);
    if (!claims) return undefined;
    const bound = claims['kubernetes.io'];
    if (bound) {
      if (claims.exp !== undefined && this.clock.now() >= claims.exp * 1000) return undefined;
      const sa = this.lookup('serviceaccounts', bound.namespace, bound.serviceaccount.name);
      if (!sa || sa.metadata.uid !== bound.serviceaccount.uid) return undefined;
      // As kube-apiserver's claim validation: a token bound to a Secret dies with it (or with its uid).
      if (bound.secret && this.lookup('secrets', bound.namespace, bound.secret.name)?.metadata.uid !== bound.secret.uid)
        return undefined;
      const user = serviceAccountUser(bound.namespace, bound.serviceaccount.name, sa.metadata.uid);
      user.extra = { 'authentication.kubernetes.io/credential-id': [`JTI=${claims.jti}`] };
      return user;
    }
    const ns = claims['kubernetes.io/serviceaccount/namespace'];
    const secretName = claims['kubernetes.io/serviceaccount/secret.name'];
    const saName = claims['kubernetes.io/serviceaccount/service-account.name'];
    if (!ns || !secretName || !saName) return undefined;
    const secret = this.lookup('secrets', ns, secretName);
    const stored = (secret?.data as Record<string, string> | undefined)?.token;
    if (!stored || Buffer.from(stored, 'base64').toString('utf8') !== token) return undefined;
    const sa = this.lookup('serviceaccounts', ns, saName);
    if (!sa || sa.metadata.uid !== claims['kubernetes.io/serviceaccount/service-account.uid']) return undefined;
    return serviceAccountUser(ns, saName, sa.metadata.uid);
  }
}
