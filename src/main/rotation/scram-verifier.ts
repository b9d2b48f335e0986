// Builds a PostgreSQL SCRAM-SHA-256 password verifier, so a new password never travels or gets logged in clear.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

const ITERATIONS = 4096;

function hmac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

/**
 * The verifier PostgreSQL stores in pg_authid (`SCRAM-SHA-256$iter:salt$StoredKey:ServerKey`,
 * RFC 5802/7677), computed the way libpq's PQencryptPasswordConn does. The password is normalised
 * with NFKC, the core of SASLprep, which leaves the ASCII passwords our generator makes unchanged.
 */
export function scramSha256Verifier(password: string, salt: Buffer = randomBytes(16)): string {
  const salted = pbkdf2Sync(Buffer.from(password.normalize('NFKC'), 'utf8'), salt, ITERATIONS, 32, 'sha256');
  const storedKey = createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return `SCRAM-SHA-256$${ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
