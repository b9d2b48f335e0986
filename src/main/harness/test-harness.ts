// Test helper: a harness over a fresh app and a throwaway renderer folder, with a fake clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app';
import { FakeClock } from '../clock';
import { silentLogger } from '../log';
import { startHarness } from './server';

export type TestHarness = Awaited<ReturnType<typeof startTestHarness>>;

/** Beside the renderer folder lies `secret.txt`, which the harness must never serve. */
export async function startTestHarness() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-harness-'));
  fs.mkdirSync(path.join(dir, 'renderer'));
  fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  const clock = new FakeClock();
  const app = await createApp({ dataDir: path.join(dir, 'data'), shell: 'browser', log: silentLogger(), clock });
  const harness = await startHarness({ app, rendererDir: path.join(dir, 'renderer') });
  const port = Number(new URL(harness.origin).port);
  const token = new URL(harness.url).hash.replace('#token=', '');
  const wsUrl = (query: string) => `${harness.origin.replace('http', 'ws')}/ws?${query}`;
  const stop = async () => {
    await harness.close();
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { harness, port, token, wsUrl, clock, stop };
}
