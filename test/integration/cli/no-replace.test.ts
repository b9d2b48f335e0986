// `-o FILE` of audit export and setup-yaml: an existing file is refused (exit 1, fix names --force) and replaced only with --force.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app';
import { silentLogger } from '../../../src/main/log';
import { MemoryKeyStore } from '../../../src/main/vault/keystore';
import { cliRun } from '../sync/cli-child';

const PASS = 'no-replace test passphrase';
/** Each run starts the CLI on a loaded machine: allow minutes, not seconds. */
const SLOW = 300_000;
const KEEP = 'alias ll="ls -l"\n';

let tmp: string;
let dataDir: string;

const cli = (args: string[]) => cliRun(dataDir, PASS, args);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-no-replace-'));
  dataDir = path.join(tmp, 'data');
  const app = await createApp({ dataDir, shell: 'test', log: silentLogger(), keyStore: new MemoryKeyStore() });
  try {
    const init = await app.call('vault:init', { passphrase: PASS, useKeychain: false });
    if (!init.ok) throw new Error(init.error.message);
  } finally {
    await app.close();
  }
}, SLOW);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('-o FILE never replaces a file without --force', () => {
  it.each([
    ['audit export', ['audit', 'export', '-o'], (text: string) => expect(text).toMatch(/"action":"vault\.init"/)],
    [
      'setup-yaml',
      ['setup-yaml', '--variant', 'read-only', '-o'],
      (text: string) => expect(text).toMatch(/kind: ServiceAccount/),
    ],
  ])(
    '%s',
    async (_name, args, written) => {
      const file = path.join(tmp, `${args[0]}.out`);
      fs.writeFileSync(file, KEEP);
      const refused = await cli([...args, file]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/already exists.*\nfix: .*--force/s);
      expect(fs.readFileSync(file, 'utf8')).toBe(KEEP);
      const forced = await cli([...args, file, '--force']);
      expect(forced.code, forced.stderr).toBe(0);
      written(fs.readFileSync(file, 'utf8'));
    },
    SLOW,
  );
});
