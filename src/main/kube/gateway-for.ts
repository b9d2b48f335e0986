// Turns a stored gateway setting into the client factory's Gateway; an SSH jump host connects on first use and closes when idle.
import type { Duplex } from 'node:stream';
import { AppError } from '../../shared/errors';
import type { Gateway } from './gateway';
import type { GatewayConfig } from './gateway-config';
import { httpConnectGateway } from './gateway-http';
import { openSshTunnel, type SshTunnel, ssh2 } from './gateway-ssh';

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
  const lines = config.knownHosts.split('\n').map((line) => line.trim());
  if (!lines.some((line) => line && !line.startsWith('#')))
    throw new AppError(
      'invalid_input',
      `The SSH gateway ${config.host} has no known_hosts line.`,
      'Give the jump host key as a known_hosts line (ssh-keyscan -p PORT HOST, checked with its administrator).',
    );
  const bad = lines.findIndex((line) => line && !line.startsWith('#') && !isKnownHostsLine(line));
  if (bad >= 0)
    throw new AppError(
      'invalid_input',
      `Line ${bad + 1} of the known_hosts text is not a known_hosts line.`,
      'Each line reads `host[,host…] key-type base64-key`, as ssh-keyscan prints it.',
    );
  const key = config.privateKey ? ssh2().utils.parseKey(config.privateKey) : undefined;
  if (key instanceof Error && /encrypted/i.test(key.message))
    throw new AppError(
      'invalid_input',
      'The SSH private key is protected by a passphrase.',
      "Strongroom keeps the key encrypted in its vault: give a copy without a passphrase (ssh-keygen -p -N '' -f COPY), or leave the key out to use ssh-agent.",
    );
  if (key instanceof Error)
    throw new AppError(
      'invalid_input',
      'The SSH private key could not be read.',
      'Give an OpenSSH or PEM private key (not the .pub file), or leave the key out to use ssh-agent.',
    );
}

/** `[marker] names key-type base64`: what sshd's known_hosts parser would accept, roughly. */
function isKnownHostsLine(line: string): boolean {
  const fields = line.replace(/^@(cert-authority|revoked)\s+/, '').split(/\s+/);
  const [names, type, blob] = fields;
  return (
    Boolean(names && type && blob) && /^(ssh|ecdsa|sk)-/.test(type ?? '') && /^[A-Za-z0-9+/]+={0,2}$/.test(blob ?? '')
  );
}
