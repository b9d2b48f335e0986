// Turns decoded Secrets into the files the agent writes: DIR/SECRET/KEY, or one SECRET.json / SECRET.env per Secret.
import type { AgentLayout } from './config';

/** One Secret's name and decoded values, in memory only. */
export interface DecodedSecret {
  name: string;
  values: Map<string, Buffer>;
}

export class LayoutError extends Error {
  override readonly name = 'LayoutError';
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function text(secret: string, key: string, value: Buffer, layout: string): string {
  const s = value.toString('utf8');
  if (!Buffer.from(s, 'utf8').equals(value))
    throw new LayoutError(
      `${secret}/${key} is binary and cannot go into a ${layout} file; use STRONGROOM_AGENT_LAYOUT=files`,
    );
  return s;
}

/** Quotes a value for a POSIX shell / dotenv reader: single quotes, each ' written as '\''. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** Relative path to content; keys are sorted so the same Secrets always give the same bytes. */
export function renderLayout(secrets: DecodedSecret[], layout: AgentLayout): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const secret of [...secrets].sort((a, b) => a.name.localeCompare(b.name))) {
    const keys = [...secret.values.keys()].sort();
    if (layout === 'files') {
      for (const key of keys) files.set(`${secret.name}/${key}`, secret.values.get(key) as Buffer);
    } else if (layout === 'json') {
      const obj: Record<string, string> = {};
      for (const key of keys) obj[key] = text(secret.name, key, secret.values.get(key) as Buffer, 'json');
      files.set(`${secret.name}.json`, Buffer.from(`${JSON.stringify(obj, null, 2)}\n`));
    } else {
      const lines = keys.map((key) => {
        if (!ENV_NAME.test(key))
          throw new LayoutError(
            `${secret.name}/${key} is not a valid environment variable name; use layout files or json`,
          );
        return `${key}=${shellQuote(text(secret.name, key, secret.values.get(key) as Buffer, 'env'))}\n`;
      });
      files.set(`${secret.name}.env`, Buffer.from(lines.join('')));
    }
  }
  return files;
}
