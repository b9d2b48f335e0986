// Parses CLI durations such as 30m, 1h, 90s or 1h30m into milliseconds.
import { AppError } from '../shared/errors';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3600_000 };

export function parseDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+)([smh])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text)
    throw new AppError('invalid_input', `"${text.slice(0, 40)}" is not a duration.`, 'Write it like 30m, 1h or 1h30m.');
  return parts.reduce((ms, p) => ms + Number(p[1]) * (UNIT_MS[p[2] ?? 's'] ?? 0), 0);
}
