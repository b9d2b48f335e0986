// Gateway settings are checked before they are saved: readable known_hosts lines, an unencrypted key, an http:// proxy.
import ssh2 from 'ssh2';
import { expect, it } from 'vitest';
import { checkGatewayConfig } from './gateway-for';

const KNOWN = 'jump ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBx7i0Wn2aZ3vKq1Yd4QdNf1Yv5hN7bq3x0s8QkT1m2b';
const ssh = (patch: Record<string, string>) => ({
  kind: 'ssh' as const,
  host: 'jump',
  port: 22,
  username: 'ops',
  knownHosts: KNOWN,
  ...patch,
});

function messageOf(config: Parameters<typeof checkGatewayConfig>[0]): string | undefined {
  try {
    checkGatewayConfig(config);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

it('accepts known_hosts lines with comments, markers and hashed names, and an unencrypted key', () => {
  const key = ssh2.utils.generateKeyPairSync('ed25519').private;
  const text = `# jump\n|1|c2FsdA==|aGFzaA== ${KNOWN.split(' ').slice(1).join(' ')}\n@cert-authority *.corp ${KNOWN.split(' ').slice(1).join(' ')}\n${KNOWN}`;
  expect(messageOf(ssh({ knownHosts: text, privateKey: key }))).toBeUndefined();
});

it('names the known_hosts line that is not one', () => {
  expect(messageOf(ssh({ knownHosts: `${KNOWN}\njump AAAA` }))).toBe(
    'Line 2 of the known_hosts text is not a known_hosts line.',
  );
  expect(messageOf(ssh({ knownHosts: '# only a comment' }))).toMatch(/no known_hosts line/);
});

it('tells an encrypted key apart from an unreadable one', () => {
  const locked = ssh2.utils.generateKeyPairSync('ed25519', {
    passphrase: 'pw',
    cipher: 'aes256-ctr',
    rounds: 2,
  }).private;
  expect(messageOf(ssh({ privateKey: locked }))).toBe('The SSH private key is protected by a passphrase.');
  expect(messageOf(ssh({ privateKey: KNOWN }))).toBe('The SSH private key could not be read.');
});

it('wants an http:// proxy URL', () => {
  expect(messageOf({ kind: 'http-connect', url: 'proxy:3128' })).toMatch(/http:\/\/ URL/);
  expect(messageOf({ kind: 'http-connect', url: 'http://proxy:3128' })).toBeUndefined();
});
