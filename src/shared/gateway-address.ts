// How a gateway is written and shown: `user@host[:port]` for an SSH jump host, and a one-line label for either kind.
import type { ClusterGateway } from './clusters';

/** The parts of `user@host[:port]` (IPv6 in brackets); undefined when the text is not that. */
export function parseSshAddress(text: string): { username: string; host: string; port: number } | undefined {
  const match = /^([^@\s]+)@(\[[^\]\s]+\]|[^:@\s[\]]+)(?::(\d{1,5}))?$/.exec(text.trim());
  if (!match) return undefined;
  const port = Number(match[3] ?? 22);
  if (port < 1 || port > 65535) return undefined;
  return { username: match[1] ?? '', host: (match[2] ?? '').replace(/^\[|\]$/g, ''), port };
}

/** `ops@bastion:22` back from its parts. */
export function formatSshAddress(g: { username: string; host: string; port: number }): string {
  return `${g.username}@${g.host.includes(':') ? `[${g.host}]` : g.host}:${g.port}`;
}

/** What the cluster list says about a gateway; an HTTP proxy's credentials are never shown. */
export function gatewayLabel(g: ClusterGateway): string {
  if (g.kind === 'ssh') return `SSH ${formatSshAddress(g)}${g.hasPrivateKey ? '' : ' (ssh-agent)'}`;
  const host = /^[a-z]+:\/\/(?:[^@/]*@)?([^/?#]+)/i.exec(g.url)?.[1];
  return host ? `HTTP CONNECT ${host}` : 'HTTP CONNECT';
}
