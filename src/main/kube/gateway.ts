// The gateway hook: a tunnel (an SSH jump host, an agent) that opens the byte stream to the API server; TLS stays end to end.
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { KubeConfig, type RequestContext } from '@kubernetes/client-node';
import { Agent, type Dispatcher } from 'undici';

/**
 * Opens a raw byte stream to `host:port` (the API server's address as the URL names it), for example an
 * SSH `direct-tcpip` channel. The API server's TLS runs inside it, checked against the cluster's CA, so
 * the gateway never sees the token or a Secret in clear.
 */
export interface Gateway {
  /** A short label for logs and errors, such as `ssh bastion.example.com`. */
  readonly label: string;
  open(host: string, port: number): Promise<Duplex>;
}

/** A KubeConfig whose every request (API calls and watches) goes through `gateway` instead of a direct TCP connection. */
export class GatewayKubeConfig extends KubeConfig {
  private dispatcher: Dispatcher | undefined;

  constructor(private readonly gateway: Gateway) {
    super();
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    this.dispatcher ??= this.tunnelled();
    context.setDispatcher(this.dispatcher);
  }

  private tunnelled(): Dispatcher {
    const cluster = this.getCurrentCluster();
    const ca = cluster?.caData ? Buffer.from(cluster.caData, 'base64') : undefined;
    return new Agent({
      connect: (options, callback) => {
        const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
        this.gateway.open(options.hostname, port).then(
          (stream) => {
            if (options.protocol !== 'https:') {
              callback(new Error('A gateway carries only https:// API servers.'), null);
              return;
            }
            // The name the certificate must carry; SNI only for a DNS name (RFC 6066 forbids an IP there).
            const name = cluster?.tlsServerName || options.hostname;
            const socket = tls.connect({
              socket: stream,
              ca,
              servername: net.isIP(name) ? undefined : name,
              checkServerIdentity: (_host, cert) => tls.checkServerIdentity(name, cert),
              rejectUnauthorized: true,
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
      },
    });
  }
}
