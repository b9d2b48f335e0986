// A cluster's gateway settings: an SSH jump host or an HTTP CONNECT proxy. Keys and passwords come from the vault.

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
