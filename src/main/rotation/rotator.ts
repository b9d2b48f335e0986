// The small interface every password rotator implements (PostgreSQL now; MySQL, LDAP, SSH later).

/** A TLS mode as PostgreSQL's libpq names it; other rotators map their own modes onto these. */
export type TlsMode = 'disable' | 'require' | 'verify-full';

/** Where a rotator connects and the admin account it uses to change other accounts' passwords. */
export interface RotationTarget {
  host: string;
  port: number;
  /** Database (or equivalent) to connect to; the rotator's default when absent. */
  database?: string;
  tlsMode: TlsMode;
  /** PEM of the CA to trust for `verify-full`. */
  caPem?: string;
  adminUser: string;
  adminPassword: string;
}

/**
 * Changes and checks one account's password at a target. Implementations throw AppError
 * (`unreachable`, `unauthorized`, `forbidden`, `not_found`, `tls`, `timeout`) and never put a
 * password in a message.
 */
export interface Rotator {
  /** The resource type this rotator serves, e.g. `postgresql`. */
  readonly kind: string;
  /** Sets `account`'s password to `newPassword`, acting as the target's admin account. */
  changePassword(target: RotationTarget, account: string, newPassword: string): Promise<void>;
  /** Logs in as `account` with `password`; resolves when the login works, throws `unauthorized` when refused. */
  verifyLogin(target: RotationTarget, account: string, password: string): Promise<void>;
}
