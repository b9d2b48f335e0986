// Bundles the secrets agent (resources/agent) into out/agent/agent.mjs: one file that runs on plain Node 24 with no node_modules.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
export const AGENT_BUNDLE = path.join(root, 'out/agent/agent.mjs');

/** Only node: built-ins stay outside the bundle; anything else imported is bundled in. */
export async function buildAgent(outfile: string = AGENT_BUNDLE): Promise<void> {
  await build({
    entryPoints: [path.join(root, 'resources/agent/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile,
    banner: { js: '// Strongroom secrets agent (bundled). Source: resources/agent/.' },
    logLevel: 'error',
  });
}

if (process.argv[1] === import.meta.filename) await buildAgent();
