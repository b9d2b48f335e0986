// Turns a stored gateway setting into the client factory's Gateway; an SSH jump host connects on first use and closes when idle.
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import { AppError } from '../../shared/errors';
import type { Gateway } from './gateway';
import type { GatewayConfig } from './gateway-config';
import { httpConnectGateway } from './gateway-http';
import { openSshTunnel, type SshTunnel } from './gateway-ssh';

/** How long an SSH connection with no open channel stays up for the next request. */
const IDLE_CLOSE_MS = 2_000;

/** One SSH connection shared by the channels opened close together; reconnects after an idle close or a failure. */
function lazySshGateway(config: Extract<GatewayConfig, { kind: 'ssh' }>, timeoutMs: number): Gateway {
  let tunnel: Promise<SshTunnel> | undefined;
  let channels = 0;
  let idle: NodeJS.Timeout | undefined;
  const release = () => {
    channels--;
    if (channels > 0 || !tunnel) return;
    const current = tunnel;
    idle = setTimeout(() => {
      if (tunnel !== current || channels > 0) return;
      tunnel = undefined;
      current.then(
        (t) => t.close(),
        () => undefined,
      );
    }, IDLE_CLOSE_MS);
    idle.unref();
  };
  return {
    label: `ssh ${config.username}@${config.host}:${config.port}`,
    async open(host: string, port: number): Promise<Duplex> {
      clearTimeout(idle);
      tunnel ??= openSshTunnel(config, timeoutMs);
      const current = tunnel;
      let stream: Duplex;
      try {
        stream = await (await current).open(host, port);
      } catch (error) {
        if (tunnel === current) tunnel = undefined;
        current.then(
          (t) => t.close(),
          () => undefined,
        );
        throw error;
      }
      channels++;
      stream.once('close', release);
      return stream;
    },
  };
}

export function gatewayFor(config: GatewayConfig, timeoutMs: number): Gateway {
  return config.kind === 'ssh' ? lazySshGateway(config, timeoutMs) : httpConnectGateway(config, timeoutMs);
}

/** Checks a gateway before it is saved: a readable private key, at least one known_hosts line, an http:// proxy. */
export function checkGatewayConfig(config: GatewayConfig): void {
  if (config.kind === 'http-connect') {
    if (!/^http:\/\/[^/]+/.test(config.url))
      throw new AppError(
        'invalid_input',
        'The HTTP CONNECT gateway must be an http:// URL.',
        'e.g. http://proxy.internal:3128',
      );
    return;
  }
  if (!config.knownHosts.split('\n').some((line) => line.trim() && !line.trim().startsWith('#')))
    throw new AppError(
      'invalid_input',
      `The SSH gateway ${config.host} has no known_hosts line.`,
      'Give the jump host key as a known_hosts line (ssh-keyscan -p PORT HOST, checked with its administrator).',
    );
  if (config.privateKey && ssh2.utils.parseKey(config.privateKey) instanceof Error)
    throw new AppError(
      'invalid_input',
      'The SSH private key could not be read (or it is protected by a passphrase).',
      'Give an unencrypted OpenSSH or PEM key, or leave the key out to use ssh-agent.',
    );
}
