// The gateway hook: a tunnel (an SSH jump host, an agent) that opens the byte stream to the API server; TLS stays end to end.
import type { Duplex } from 'node:stream';
import { KubeConfig, type RequestContext } from '@kubernetes/client-node';
import { Agent, type Dispatcher } from 'undici';
import { gatewayConnector } from './gateway-connector';

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
    return new Agent({ connect: gatewayConnector(this.gateway, { ca, tlsServerName: cluster?.tlsServerName }) });
  }
}
