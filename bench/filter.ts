// bench:filter — typing a filter over 10k accounts in Chromium (keystroke to updated table) vs the same query answered by main alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/main/app';
import { provisionServiceAccount } from '../src/main/demo';
import { startHarness } from '../src/main/harness/server';
import { silentLogger } from '../src/main/log';
import { startSandbox } from '../src/sandbox/index';
import { launchBrowser, RENDERER_DIR } from '../test/e2e/support';
import { report } from './report';

const N = 10_000;
const QUERIES = ['ns-0', 'secret-1', 'ns-4', 'secret-99', 'bulk', 'ns-42', 'secret-12', 'ns-7', 'secret-5', 'zzz-none'];
const ROUNDS = 5;

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ seed: { bulk: N, namespaces: 100 }, backgroundWrites: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-bench-filter-'));
  const admin = { server: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken };
  const { token } = await provisionServiceAccount(admin, { variant: 'read-only' });
  const app = await createApp({
    dataDir,
    shell: 'browser',
    log: silentLogger(),
    demo: { name: 'bench', ...admin, token },
  });
  const browser = await launchBrowser();
  try {
    await app.call('vault:init', { passphrase: 'bench passphrase 1234', useKeychain: false });
    const connected = await app.call('app:connectDemo', {});
    if (!connected.ok) throw new Error(connected.error.message);
    const fetched = await app.call('sync:fetch', { clusterId: (connected.value as { clusterId: string }).clusterId });
    if (!fetched.ok) throw new Error(fetched.error.message);

    const expected = new Map<string, number>();
    const refTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const text of QUERIES) {
        const started = performance.now();
        const result = await app.call('resources:list', { offset: 0, limit: 200, filter: { text } });
        refTimes.push(performance.now() - started);
        if (!result.ok) throw new Error(result.error.message);
        expected.set(text, (result.value as { total: number }).total);
      }
    }

    const harness = await startHarness({ app, rendererDir: RENDERER_DIR });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(harness.url);
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await page.keyboard.press('Alt+Digit2');
    await page
      .getByTestId('account-count')
      .getByText(/10,0\d\d accounts/)
      .waitFor();
    const ours: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const text of QUERIES) {
        const want = expected.get(text) ?? 0;
        const label = `${want.toLocaleString('en-US')} account${want === 1 ? '' : 's'}`;
        // A string, not a function: tsx's name helpers do not exist inside the page.
        const ms = (await page.evaluate(`new Promise((resolve) => {
          const input = document.querySelector('input[aria-label="Filter accounts"]');
          const footer = document.querySelector('[data-testid="account-count"]');
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
          const started = performance.now();
          setter.call(input, ${JSON.stringify(text)});
          input.dispatchEvent(new Event('input', { bubbles: true }));
          const poll = () => footer.textContent === ${JSON.stringify(label)} ? resolve(performance.now() - started) : requestAnimationFrame(poll);
          poll();
        })`)) as number;
        ours.push(ms);
      }
      // back to the full table between rounds
      await page.getByLabel('Filter accounts').fill('');
      await page
        .getByTestId('account-count')
        .getByText(/10,0\d\d accounts/)
        .waitFor();
    }
    await harness.close();
    const p95 = percentile(ours, 95);
    process.stderr.write(
      `filter in Chromium: p50 ${percentile(ours, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; main alone p95 ${percentile(refTimes, 95).toFixed(1)} ms\n`,
    );
    report({
      bench: 'filter',
      n: N,
      ours_s: p95 / 1000,
      ref_s: percentile(refTimes, 95) / 1000,
      rss_mb: Math.round(process.memoryUsage().rss / 1048576),
    });
  } finally {
    await browser.close();
    await app.close();
    await sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
