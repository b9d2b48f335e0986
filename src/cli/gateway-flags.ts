// CLI flags for a cluster's gateway: --ssh-gateway user@host:port with --ssh-known-hosts and --ssh-key, --http-gateway, --no-gateway.
import path from 'node:path';
import type { Command } from 'commander';
import type { ClusterOptionsPatch } from '../shared/clusters';
import { AppError } from '../shared/errors';
import { parseSshAddress } from '../shared/gateway-address';
import { readUserFile } from './input';

const MAX_SSH_FILE_BYTES = 64 * 1024;

export interface GatewayFlags {
  sshGateway?: string;
  sshKey?: string;
  sshKnownHosts?: string;
  httpGateway?: string;
  /** false when --no-gateway is given. */
  gateway?: boolean;
}

export function gatewayOptions(cmd: Command): Command {
  return cmd
    .option('--ssh-gateway <user@host:port>', 'reach the API server through this SSH jump host (port 22 by default)')
    .option('--ssh-known-hosts <file>', "known_hosts line(s) with the jump host's key (required with --ssh-gateway)")
    .option('--ssh-key <file>', 'private key for the jump host, kept encrypted in the vault (default: ssh-agent)')
    .option('--http-gateway <url>', 'reach the API server through this HTTP CONNECT proxy, http://[user:pw@]host:port')
    .option('--no-gateway', 'remove the cluster’s gateway (connect directly)');
}

/** The gateway setting the flags ask for, or undefined when they name none. */
export function gatewayFrom(o: GatewayFlags): ClusterOptionsPatch['gateway'] {
  const chosen = [o.sshGateway, o.httpGateway, o.gateway === false ? 'none' : undefined].filter(Boolean);
  if (chosen.length > 1)
    throw new AppError(
      'invalid_input',
      'Give only one of --ssh-gateway, --http-gateway and --no-gateway.',
      'Pick the one way this cluster is reached.',
    );
  if (o.gateway === false) return { kind: 'none' };
  if (o.httpGateway) return { kind: 'http-connect', url: o.httpGateway };
  if (!o.sshGateway) {
    if (o.sshKey || o.sshKnownHosts)
      throw new AppError(
        'invalid_input',
        '--ssh-key and --ssh-known-hosts need --ssh-gateway.',
        'Add --ssh-gateway user@host:port.',
      );
    return undefined;
  }
  const address = parseSshAddress(o.sshGateway);
  if (!address)
    throw new AppError(
      'invalid_input',
      `"${o.sshGateway}" is not user@host[:port].`,
      'e.g. --ssh-gateway ops@bastion.example.com:22',
    );
  if (!o.sshKnownHosts)
    throw new AppError(
      'invalid_input',
      'An SSH gateway needs --ssh-known-hosts, so its host key can be checked.',
      'Save the jump host key with `ssh-keyscan -p PORT HOST > FILE`, check it with its administrator, and pass the file.',
    );
  const read = (file: string, what: string) =>
    readUserFile(path.resolve(file), what, MAX_SSH_FILE_BYTES).toString('utf8');
  return {
    kind: 'ssh',
    ...address,
    knownHosts: read(o.sshKnownHosts, 'known_hosts file'),
    ...(o.sshKey ? { privateKey: read(o.sshKey, 'SSH private key file') } : {}),
  };
}
