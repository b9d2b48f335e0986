// `npm run start:browser`: the same app graph as Electron, served to a browser on loopback.
import path from 'node:path';
import { createApp } from '../app';
import { demoBanner, startDemoCluster } from '../demo';
import { createLogger } from '../log';
import { assertNodeVersion, defaultDataDir } from '../paths';
import { startHarness } from './server';

async function main(): Promise<void> {
  assertNodeVersion();
  const dataDir = defaultDataDir();
  const log = createLogger({ dir: dataDir });
  const demo = process.env.STRONGROOM_DEMO === '1' ? await startDemoCluster(dataDir, log) : undefined;
  const app = await createApp({ dataDir, shell: 'browser', log, ...(demo ? { demo } : {}) });
  const harness = await startHarness({
    app,
    rendererDir: path.resolve(import.meta.dirname, '../../../out/renderer'),
    port: process.env.STRONGROOM_HARNESS_PORT ? Number(process.env.STRONGROOM_HARNESS_PORT) : 0,
  });
  process.stdout.write(
    `\nStrongroom is running in browser mode.\n  Open: ${harness.url}\n  Data: ${dataDir}\n` +
      (demo ? demoBanner(demo) : '') +
      'The link works once (it carries a one-time token). Press Ctrl+C to stop.\n\n',
  );
  const stop = async () => {
    await harness.close();
    await app.close();
    await demo?.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
