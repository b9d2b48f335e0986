// Proves that what reaches the log file holds no tokens, passwords or Secret data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, redact, redactString } from './log';

const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJlLXBhcnQtbG9uZw';

describe('log redaction', () => {
  it('replaces secret-named fields at any depth', () => {
    const out = redact({ cluster: 'prod', token: 'abc', nested: { password: 'p', data: { k: 'v' }, ok: 1 } });
    expect(out).toEqual({
      cluster: 'prod',
      token: '[redacted]',
      nested: { password: '[redacted]', data: '[redacted]', ok: 1 },
    });
  });

  it('scrubs tokens and private keys inside free text', () => {
    const text = `request failed with Bearer ${JWT} and -----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----`;
    const out = redactString(text);
    expect(out).not.toContain(JWT);
    expect(out).not.toContain('MIIE');
    expect(out).toContain('request failed with');
  });

  it('writes a log file that never contains the planted secrets', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-log-'));
    try {
      const log = createLogger({ dir, level: 'debug' });
      log.info({ token: 'planted-token-value-123', secret: { data: { password: 'planted-pw-456' } } }, 'connect');
      log.warn(`auth header Bearer ${JWT}`);
      log.child({ op: 'fetch' }).error({ err: new Error(`bad token ${JWT}`) }, 'failed');
      log.flush();
      const written = fs.readFileSync(path.join(dir, 'strongroom.log'), 'utf8');
      expect(written).toContain('connect');
      expect(written).toContain('"op":"fetch"');
      for (const planted of ['planted-token-value-123', 'planted-pw-456', JWT]) expect(written).not.toContain(planted);
      expect(fs.statSync(path.join(dir, 'strongroom.log')).mode & 0o077).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
