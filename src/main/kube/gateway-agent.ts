// An https.Agent whose sockets go through a gateway, for plain Node HTTPS clients (the session proxy's upstream).
import type http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { Gateway } from './gateway';

/** TLS to the API server runs inside the tunnel, checked with the agent's `ca`, as on a direct connection. */
export class GatewayAgent extends https.Agent {
  constructor(
    private readonly gateway: Gateway,
    options: https.AgentOptions,
  ) {
    super({ keepAlive: true, ...options });
  }

  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): undefined {
    const { host, port, ...rest } = options as tls.ConnectionOptions & { host?: string; port?: number };
    this.gateway.open(host ?? 'localhost', Number(port ?? 443)).then(
      (stream) => callback?.(null, tls.connect({ ...rest, host, socket: stream as Socket })),
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}
