// A concurrent reader for the agent's files: resolves ..data once per read, as an application should, and checks the set.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

const [dir, stopFile, minIterations] = process.argv.slice(2);
const stats = { iterations: 0, mixed: 0, partial: 0, retries: 0, versions: new Set() };
const PAD = 4096;

function versionOf(text, withPad) {
  const m = withPad ? /^v(\d+)-(x*)\n$/.exec(text) : /^v(\d+)\n$/.exec(text);
  if (!m || (withPad && m[2].length !== PAD)) return undefined;
  return m[1];
}

while (!existsSync(stopFile) || stats.iterations < Number(minIterations)) {
  try {
    const data = realpathSync(join(dir, '..data'));
    const a = readFileSync(join(data, 'rotating', 'a'), 'utf8');
    const b = readFileSync(join(data, 'rotating', 'b'), 'utf8');
    const direct = readFileSync(join(dir, 'rotating', 'a'), 'utf8');
    const va = versionOf(a, true);
    const vb = versionOf(b, false);
    if (va === undefined || vb === undefined || versionOf(direct, true) === undefined) stats.partial++;
    else if (va !== vb) stats.mixed++;
    else stats.versions.add(va);
    stats.iterations++;
  } catch (error) {
    // The old payload dir was removed between resolving ..data and reading: read again, as kubelet's readers do.
    if (error.code !== 'ENOENT') throw error;
    stats.retries++;
  }
}
process.stdout.write(JSON.stringify({ ...stats, versions: [...stats.versions] }));
