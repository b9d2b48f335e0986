// Gateway addresses: user@host[:port] parsed and written back, and list labels that never show a proxy password.
import { expect, it } from 'vitest';
import { formatSshAddress, gatewayLabel, parseSshAddress } from './gateway-address';

it('parses user@host[:port], IPv6 in brackets, and refuses anything else', () => {
  expect(parseSshAddress('ops@bastion.example.com')).toEqual({
    username: 'ops',
    host: 'bastion.example.com',
    port: 22,
  });
  expect(parseSshAddress(' ops@[::1]:2222 ')).toEqual({ username: 'ops', host: '::1', port: 2222 });
  for (const bad of ['bastion:22', 'ops@', 'ops@host:0', 'ops@host:70000', 'ops@host:22x', 'a b@host', 'ops@ho st'])
    expect(parseSshAddress(bad)).toBeUndefined();
  expect(formatSshAddress({ username: 'ops', host: '::1', port: 2222 })).toBe('ops@[::1]:2222');
});

it('labels a gateway for the cluster list without the proxy credentials', () => {
  expect(gatewayLabel({ kind: 'http-connect', url: 'http://me:secret@proxy.local:3128' })).toBe(
    'HTTP CONNECT proxy.local:3128',
  );
  expect(
    gatewayLabel({ kind: 'ssh', username: 'ops', host: 'jump', port: 22, knownHosts: 'x', hasPrivateKey: false }),
  ).toBe('SSH ops@jump:22 (ssh-agent)');
});
