// Every date the renderer shows goes through When: no view formats a Date by hand in a format of its own.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const RENDERER = path.resolve(import.meta.dirname, '../src/renderer');
const HAND_FORMATTED = /toLocaleDateString|toLocaleTimeString|new Date\([^)]*\)\.toLocaleString|Intl\.DateTimeFormat/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') ? [full] : [];
  });
}

it('formats no date outside When and its helpers', () => {
  const offenders = sources(RENDERER)
    .filter((file) => !/[/\\]components[/\\](When\.tsx|when-format\.ts)$/.test(file))
    .flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (HAND_FORMATTED.test(line) ? [`${path.relative(RENDERER, file)}:${i + 1}`] : [])),
    );
  expect(offenders).toEqual([]);
});
