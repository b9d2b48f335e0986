// Shows a moment as relative words, with the exact time in the user's locale on hover and for machines in dateTime.
import { useEffect, useState } from 'react';
import { absoluteTime, type Moment, relativeTime, toDate } from './when-format';

/** Re-renders every half minute so "just now" does not stay "just now". */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function When({ at, fallback = '—' }: { at: Moment | null | undefined; fallback?: string }) {
  const now = useNow();
  const date = at === null || at === undefined ? undefined : toDate(at);
  if (!date) return <span className="muted">{fallback}</span>;
  return (
    <time dateTime={date.toISOString()} title={absoluteTime(date)}>
      {relativeTime(date, now)}
    </time>
  );
}
