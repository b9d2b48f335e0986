// How a cluster is reached when it is not directly routable: an SSH jump host or an HTTP CONNECT proxy, as an https.Agent.
import type http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

/** A cluster's gateway, as stored with the cluster. Keys and passwords come from the vault, never a file. */
export type GatewayConfig =
  | {
      kind: 'ssh';
      host: string;
      port: number;
      username: string;
      /** OpenSSH known_hosts lines; the jump host's key must be one of them. */
      knownHosts: string;
      /** A private key from the vault (OpenSSH or PEM); without it, the ssh-agent at `agentSocket`. */
      privateKey?: string;
      passphrase?: string;
      agentSocket?: string;
    }
  | {
      kind: 'http-connect';
      /** http://host:port of the proxy (user:password@ for Basic auth). */
      url: string;
    };

/** Opens a raw byte stream to host:port through the gateway. */
export type StreamOpener = (host: string, port: number) => Promise<Duplex>;

/** An https.Agent whose connections go through `open`; TLS to the API server runs inside the tunnel. */
export class GatewayAgent extends https.Agent {
  constructor(
    private readonly open: StreamOpener,
    options: https.AgentOptions,
  ) {
    super({ keepAlive: true, ...options });
  }

  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): undefined {
    const { host, port, ...rest } = options as tls.ConnectionOptions & { host?: string; port?: number };
    this.open(host ?? 'localhost', Number(port ?? 443)).then(
      (stream) => callback?.(null, tls.connect({ ...rest, host, socket: stream as Socket })),
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}
