// The agent bundle imports nothing but node: built-ins, so it runs in a container without node_modules.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildAgent } from './build-agent';

it('bundles the agent into one ESM file whose only imports are node: built-ins', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'agent-bundle-')), 'agent.mjs');
  await buildAgent(file);
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)import\s[^;]*?from\s*["']([^"']+)["']/g)].map((m) => m[1]);
  expect(specifiers.length).toBeGreaterThan(3);
  expect(specifiers.filter((s) => !s?.startsWith('node:'))).toEqual([]);
  expect(text).not.toMatch(/\brequire\(["'](?!node:)/);
});
