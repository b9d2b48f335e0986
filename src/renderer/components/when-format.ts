// The one date format of the app: relative words ("3 minutes ago", "in 5 days") and the absolute time in the user's locale.

/** A moment as the app's data carries it: ms since the epoch, an ISO string, or a Date. */
export type Moment = number | string | Date;

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** The moment as a Date, or undefined when it is no valid time. */
export function toDate(at: Moment): Date | undefined {
  const date = at instanceof Date ? at : new Date(at);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "3 minutes ago", "in 5 days", "now": the largest unit that fits, rounded, in the given locale. */
export function relativeTime(at: Date, now: number, locale?: string): string {
  const diff = at.getTime() - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size || unit === 'second') return format.format(Math.round(diff / size), unit);
  }
  return format.format(0, 'second');
}

/** A calendar day the user picked (a date filter), in the user's locale: days have no useful relative form. */
export function calendarDay(at: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(at);
}

/** The full date and time in the user's locale, for the hover title. */
export function absoluteTime(at: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(at);
}
