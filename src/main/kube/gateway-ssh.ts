// An SSH jump host as a gateway (ssh2): one connection, host key checked against known_hosts, a forwarded channel per socket.
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import type * as Ssh2 from 'ssh2';
import { AppError } from '../../shared/errors';
import type { Gateway } from './gateway';
import type { GatewayConfig } from './gateway-config';
import { isKnownHostKey } from './known-hosts';

type SshGateway = Extract<GatewayConfig, { kind: 'ssh' }>;

let loaded: typeof Ssh2 | undefined;

/** ssh2, loaded on first use: only a cluster behind an SSH jump host needs it, and it costs tens of ms to load. */
export function ssh2(): typeof Ssh2 {
  loaded ??= createRequire(import.meta.url)('ssh2') as typeof Ssh2;
  return loaded;
}

/** A connected jump host: a Gateway for the client factory, closed with the cluster's clients. */
export interface SshTunnel extends Gateway {
  close(): void;
}

function authOptions(g: SshGateway): { privateKey?: string; passphrase?: string; agent?: string } {
  if (g.privateKey) return { privateKey: g.privateKey, passphrase: g.passphrase };
  const agent = g.agentSocket ?? process.env.SSH_AUTH_SOCK;
  if (!agent)
    throw new AppError(
      'invalid_input',
      `The SSH gateway ${g.host} has no key, and no ssh-agent is running.`,
      'Store a private key for the gateway in the vault, or start ssh-agent (SSH_AUTH_SOCK).',
    );
  return { agent };
}

/** Connects to the jump host; refuses an unknown host key before any credential is sent. */
export function openSshTunnel(g: SshGateway, timeoutMs = 15_000): Promise<SshTunnel> {
  const client = new (ssh2().Client)();
  let hostKeyRefused = false;
  return new Promise((resolve, reject) => {
    client.once('ready', () =>
      resolve({
        label: `ssh ${g.username}@${g.host}:${g.port}`,
        open: (host, port) =>
          new Promise<Duplex>((ok, fail) =>
            client.forwardOut('127.0.0.1', 0, host, port, (error, channel) =>
              error
                ? fail(
                    new AppError(
                      'unreachable',
                      `The SSH gateway ${g.host} could not reach ${host}:${port}: ${error.message}`,
                      'Check that the jump host can reach the API server and allows TCP forwarding.',
                    ),
                  )
                : ok(channel),
            ),
          ),
        close: () => client.end(),
      }),
    );
    client.once('error', (error: Error & { level?: string }) => {
      if (hostKeyRefused)
        return reject(
          new AppError(
            'tls',
            `The SSH host key of ${g.host}:${g.port} is not in the gateway's known_hosts.`,
            'Check the key with the jump host administrator, then add its known_hosts line to the gateway settings.',
          ),
        );
      const auth = error.level === 'client-authentication';
      reject(
        new AppError(
          auth ? 'unauthorized' : 'unreachable',
          auth
            ? `The SSH gateway ${g.host} refused the key for ${g.username}.`
            : `Could not connect to the SSH gateway ${g.host}:${g.port} (${error.message}).`,
          auth ? 'Check the user name and that the key is authorized on the jump host.' : 'Check the host and port.',
        ),
      );
    });
    client.connect({
      host: g.host,
      port: g.port,
      username: g.username,
      readyTimeout: timeoutMs,
      ...authOptions(g),
      hostVerifier: (key: Buffer) => {
        const known = isKnownHostKey(g.knownHosts, g.host, g.port, key);
        hostKeyRefused = !known;
        return known;
      },
    });
  });
}
