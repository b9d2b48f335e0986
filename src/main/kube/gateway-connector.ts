// Opens undici's connections through a gateway: the tunnel first, then TLS to the API server inside it, checked end to end.
import net from 'node:net';
import tls from 'node:tls';
import type { buildConnector } from 'undici';
import type { Gateway } from './gateway';

export interface GatewayTls {
  /** The cluster's CA; the Node default roots when absent. */
  ca?: string | Buffer;
  /** The name the API server's certificate must carry, when it is not the URL's host. */
  tlsServerName?: string;
}

/** A `connect` option for an undici Agent, Pool or Client whose every connection goes through `gateway`. */
export function gatewayConnector(gateway: Gateway, { ca, tlsServerName }: GatewayTls): buildConnector.connector {
  return (options, callback) => {
    if (options.protocol !== 'https:') {
      callback(new Error('A gateway carries only https:// API servers.'), null);
      return;
    }
    const port = Number(options.port) || 443;
    gateway.open(options.hostname, port).then(
      (stream) => {
        // The name the certificate must carry; SNI only for a DNS name (RFC 6066 forbids an IP there).
        const name = tlsServerName || options.hostname;
        const socket = tls.connect({
          socket: stream,
          ca,
          servername: net.isIP(name) ? undefined : name,
          checkServerIdentity: (_host, cert) => tls.checkServerIdentity(name, cert),
          rejectUnauthorized: true,
          ALPNProtocols: ['http/1.1'],
        });
        const fail = (error: Error) => callback(error, null);
        socket.once('error', fail);
        socket.once('secureConnect', () => {
          socket.off('error', fail);
          callback(null, socket);
        });
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
}
