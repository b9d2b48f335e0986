// OsKeyStore keeps one keyring entry per (service, account): each new one is a Secret Service session on Linux.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const made: string[] = [];
let failNext = false;

vi.mock('@napi-rs/keyring', () => ({
  Entry: class {
    private secret: Uint8Array | null = null;
    constructor(service: string, account: string) {
      made.push(`${service}/${account}`);
    }
    getSecret() {
      if (failNext) {
        failNext = false;
        throw new Error('org.freedesktop.DBus.Error.ServiceUnknown');
      }
      return this.secret;
    }
    setSecret(secret: Uint8Array) {
      this.secret = secret;
    }
    deleteCredential() {
      this.secret = null;
    }
  },
}));

const { OsKeyStore } = await import('./keystore');
const env = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nowhere' };

beforeEach(() => {
  made.length = 0;
  failNext = false;
});

describe('OsKeyStore', () => {
  it('opens one entry per name for an unlock’s probe, key read and counter update', () => {
    const store = new OsKeyStore(env);
    expect(store.probe()).toEqual({ available: true });
    expect(store.probe()).toEqual({ available: true });
    store.set('Strongroom', 'vault', Buffer.from('k'));
    expect(store.get('Strongroom', 'vault')?.toString()).toBe('k');
    store.get('Strongroom', 'failures');
    store.set('Strongroom', 'failures', Buffer.from('0'));
    expect(made).toEqual(['Strongroom/probe', 'Strongroom/vault', 'Strongroom/failures']);
  });

  it('drops an entry that failed, so the next use opens a new session', () => {
    const store = new OsKeyStore(env);
    store.get('Strongroom', 'vault');
    failNext = true;
    expect(() => store.get('Strongroom', 'vault')).toThrow(/no Secret Service is running/);
    store.get('Strongroom', 'vault');
    expect(made).toEqual(['Strongroom/vault', 'Strongroom/vault']);
  });
});
