// The one date format: relative words, absolute locale time, and the <time> element the When component renders.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { When } from './When';
import { absoluteTime, calendarDay, relativeTime, toDate } from './when-format';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

describe('relativeTime', () => {
  it('says minutes ago for a moment a few minutes back', () => {
    expect(relativeTime(new Date(NOW - 3 * 60_000), NOW, 'en')).toBe('3 minutes ago');
  });

  it('says in N days for a moment days ahead', () => {
    expect(relativeTime(new Date(NOW + 5 * 86_400_000 + 1000), NOW, 'en')).toBe('in 5 days');
  });

  it('says now for the present moment, and uses the largest unit that fits', () => {
    expect(relativeTime(new Date(NOW), NOW, 'en')).toBe('now');
    expect(relativeTime(new Date(NOW - 2 * 3_600_000), NOW, 'en')).toBe('2 hours ago');
    expect(relativeTime(new Date(NOW - 400 * 86_400_000), NOW, 'en')).toBe('last year');
  });

  it('speaks the given locale', () => {
    expect(relativeTime(new Date(NOW - 3 * 60_000), NOW, 'de')).toBe('vor 3 Minuten');
  });
});

describe('absoluteTime and toDate', () => {
  it('formats the full date and time in the locale', () => {
    const text = absoluteTime(new Date(NOW), 'en-GB');
    expect(text).toContain('2026');
    expect(text).toMatch(/Dec/);
  });

  it('names a picked calendar day without a time', () => {
    expect(calendarDay(new Date(NOW), 'en-US')).toBe('Dec 1, 2026');
  });

  it('accepts ms, ISO strings and Dates, and refuses garbage', () => {
    expect(toDate(NOW)?.getTime()).toBe(NOW);
    expect(toDate(new Date(NOW).toISOString())?.getTime()).toBe(NOW);
    expect(toDate('not a date')).toBeUndefined();
  });
});

describe('When', () => {
  it('renders a <time> with the ISO dateTime and the absolute time as its title', () => {
    const at = Date.now() - 3 * 60_000;
    const html = renderToStaticMarkup(createElement(When, { at }));
    expect(html).toContain(`dateTime="${new Date(at).toISOString()}"`);
    expect(html).toContain(`title="${absoluteTime(new Date(at))}"`);
    expect(html).toMatch(/>3 minutes ago<\/time>/);
  });

  it('renders the fallback, not a time, when there is no moment', () => {
    expect(renderToStaticMarkup(createElement(When, { at: null, fallback: 'never' }))).toBe(
      '<span class="muted">never</span>',
    );
  });
});
