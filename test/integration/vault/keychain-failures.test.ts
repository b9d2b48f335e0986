// The wrong-passphrase back-off survives an edited keys.json when a real OS keychain (gnome-keyring) holds a copy of the count.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHILD, hasGnomeKeyring, nodeCommand, runWithKeyring } from './keyring';
import { tempHomeForFile } from './temp-home';

type Result = { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };

const tmp = tempHomeForFile();
const T0 = Date.UTC(2026, 5, 1);

function steps(mode: 'unlocked' | 'none', at: number, ...list: string[]): Result[] {
  const run = runWithKeyring(mode, [nodeCommand(CHILD, [tmp.dataDir, ...list])], tmp.home, {
    TEST_FIXED_CLOCK: String(at),
  });
  expect(run.status, run.stderr).toBe(0);
  return run.lines.map((l) => l.result as Result);
}

/** What someone who can write the data directory, but not the keychain, does to escape the back-off. */
function resetCounterInFile(): void {
  const file = path.join(tmp.dataDir, 'keys.json');
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(data.failures.count).toBe(5);
  expect(data.auditJournal).toHaveLength(5);
  data.failures = { count: 0, lastAt: 0 };
  data.auditJournal = [];
  fs.writeFileSync(file, JSON.stringify(data));
}

describe.skipIf(!hasGnomeKeyring())('failed-unlock counter in the OS keychain (gnome-keyring over D-Bus)', () => {
  it('five wrong passphrases, then keys.json reset by hand: the back-off still applies', { timeout: 180_000 }, () => {
    const wrong = Array.from({ length: 5 }, () => 'unlock:wrong');
    const first = steps('unlocked', T0, 'init', 'lock', ...wrong, 'status');
    expect(first.slice(2, 7).map((r) => r.error?.code)).toEqual(Array(5).fill('wrong_passphrase'));
    expect(first[7]?.value).toMatchObject({ failedAttempts: 5, retryAfterMs: 5000 });
    resetCounterInFile();

    const edited = steps('unlocked', T0 + 1000, 'status', 'unlock:passphrase');
    expect(edited[0]?.value).toMatchObject({ failedAttempts: 5, retryAfterMs: 4000 });
    expect(edited[1]).toMatchObject({ ok: false, error: { code: 'rate_limited' } });

    // Without the keychain only the file counts, which is what the keychain copy is there for.
    const noKeychain = steps('none', T0 + 1000, 'status');
    expect(noKeychain[0]?.value).toMatchObject({ failedAttempts: 0, retryAfterMs: 0 });

    // The rate_limited attempt above was not counted; after the wait the right passphrase resets both copies.
    const later = steps('unlocked', T0 + 5000, 'unlock:passphrase', 'lock', 'status');
    expect(later[0]).toMatchObject({ ok: true });
    expect(later[2]?.value).toMatchObject({ failedAttempts: 0, retryAfterMs: 0 });
  });
});
