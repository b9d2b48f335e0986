// Checks an SSH host key against OpenSSH known_hosts text (plain and hashed host names, [host]:port).
import { createHmac } from 'node:crypto';

/** The names known_hosts uses for a host: `host` on port 22, `[host]:port` otherwise. */
function hostPattern(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function nameMatches(field: string, pattern: string): boolean {
  return field.split(',').some((name) => {
    if (!name.startsWith('|1|')) return name === pattern;
    const [, , salt = '', hash = ''] = name.split('|');
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(pattern).digest('base64') === hash;
  });
}

/** True when a line of `knownHosts` names this host and holds exactly this key (the raw key blob). */
export function isKnownHostKey(knownHosts: string, host: string, port: number, key: Buffer): boolean {
  const pattern = hostPattern(host, port);
  const blob = key.toString('base64');
  for (const raw of knownHosts.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('@revoked')) continue;
    const fields = line.replace(/^@cert-authority\s+/, '').split(/\s+/);
    if (line.startsWith('@cert-authority')) continue;
    const [names = '', , keyB64 = ''] = fields;
    if (nameMatches(names, pattern) && keyB64 === blob) return true;
  }
  return false;
}
