// The gateway flags: user@host:port parsing, known_hosts required, one gateway at a time, --no-gateway.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { gatewayFrom } from './gateway-flags';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-gwflags-'));
const knownHosts = path.join(dir, 'known_hosts');
fs.writeFileSync(knownHosts, 'bastion.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample\n');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('reads an SSH gateway with its known_hosts file, port 22 by default, ssh-agent without --ssh-key', () => {
  expect(gatewayFrom({ sshGateway: 'ops@bastion.example.com', sshKnownHosts: knownHosts })).toEqual({
    kind: 'ssh',
    username: 'ops',
    host: 'bastion.example.com',
    port: 22,
    knownHosts: fs.readFileSync(knownHosts, 'utf8'),
  });
  expect(gatewayFrom({ sshGateway: 'ops@[::1]:2222', sshKnownHosts: knownHosts })).toMatchObject({
    host: '::1',
    port: 2222,
  });
});

it('refuses an SSH gateway without known_hosts, a malformed one, and two gateways at once', () => {
  expect(() => gatewayFrom({ sshGateway: 'ops@bastion' })).toThrow(/--ssh-known-hosts/);
  expect(() => gatewayFrom({ sshGateway: 'bastion:22', sshKnownHosts: knownHosts })).toThrow(/user@host/);
  expect(() => gatewayFrom({ sshGateway: 'ops@b', httpGateway: 'http://p:3128' })).toThrow(/only one/);
  expect(() => gatewayFrom({ sshKey: 'k' })).toThrow(/need --ssh-gateway/);
});

it('maps --http-gateway and --no-gateway, and nothing when no flag is given', () => {
  expect(gatewayFrom({ httpGateway: 'http://p:3128' })).toEqual({ kind: 'http-connect', url: 'http://p:3128' });
  expect(gatewayFrom({ gateway: false })).toEqual({ kind: 'none' });
  expect(gatewayFrom({ gateway: true })).toBeUndefined();
});
