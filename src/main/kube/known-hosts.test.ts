// known_hosts matching: plain and hashed names, [host]:port, markers, and a different key.
import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { isKnownHostKey } from './known-hosts';

const key = Buffer.from('a host key blob');
const other = Buffer.from('another key blob');
const b64 = key.toString('base64');

it('matches plain and hashed host names for port 22 and [host]:port, and nothing else', () => {
  expect(isKnownHostKey(`jump.example,10.0.0.1 ssh-ed25519 ${b64}\n`, '10.0.0.1', 22, key)).toBe(true);
  expect(isKnownHostKey(`[jump.example]:2222 ssh-ed25519 ${b64}`, 'jump.example', 2222, key)).toBe(true);
  expect(isKnownHostKey(`jump.example ssh-ed25519 ${b64}`, 'jump.example', 2222, key)).toBe(false);
  expect(isKnownHostKey(`jump.example ssh-ed25519 ${b64}`, 'jump.example', 22, other)).toBe(false);
  const salt = Buffer.from('0123456789abcdefghij');
  const hash = createHmac('sha1', salt).update('[jump]:2200').digest('base64');
  expect(isKnownHostKey(`|1|${salt.toString('base64')}|${hash} ssh-ed25519 ${b64}`, 'jump', 2200, key)).toBe(true);
  expect(isKnownHostKey(`|1|${salt.toString('base64')}|${hash} ssh-ed25519 ${b64}`, 'jump', 22, key)).toBe(false);
  expect(isKnownHostKey(`@revoked jump ssh-ed25519 ${b64}\n# jump ssh-ed25519 ${b64}`, 'jump', 22, key)).toBe(false);
});
