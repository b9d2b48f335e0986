// Agent configuration: defaults, every invalid value reported at once, notify and refresh forms.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseDuration, readConfig } from './config';

const base = {
  STRONGROOM_AGENT_MODE: 'init',
  STRONGROOM_AGENT_SECRETS: 'db, api',
  STRONGROOM_AGENT_DIR: '/strongroom/secrets',
  KUBERNETES_SERVICE_HOST: '10.0.0.1',
  KUBERNETES_SERVICE_PORT: '443',
};

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('readConfig', () => {
  it('applies the documented defaults', () => {
    const c = readConfig(base);
    expect(c).toMatchObject({
      mode: 'init',
      source: { kind: 'names', names: ['db', 'api'] },
      layout: 'files',
      fileMode: 0o400,
      refresh: 'watch',
      saDir: '/var/run/secrets/kubernetes.io/serviceaccount',
      logLevel: 'info',
      apiServer: { host: '10.0.0.1', port: 443 },
    });
    expect(c.notify).toBeUndefined();
  });

  it('reports every invalid variable in one error', () => {
    const found = problems({
      STRONGROOM_AGENT_MODE: 'both',
      STRONGROOM_AGENT_SECRETS: 'ok,UPPER',
      STRONGROOM_AGENT_DIR: 'rel',
      STRONGROOM_AGENT_LAYOUT: 'xml',
      STRONGROOM_AGENT_FILE_MODE: '0777',
      STRONGROOM_AGENT_REFRESH: '500ms',
      STRONGROOM_AGENT_HEALTH_PORT: '70000',
      STRONGROOM_AGENT_LOG_LEVEL: 'loud',
      STRONGROOM_AGENT_FILE_OWNER: 'root',
    });
    expect(found).toHaveLength(10);
    expect(found.join('\n')).toContain('KUBERNETES_SERVICE_HOST');
  });

  it('refuses names and selector together, and neither', () => {
    expect(problems({ ...base, STRONGROOM_AGENT_SELECTOR: 'app=web' })).toEqual([
      'set STRONGROOM_AGENT_SECRETS or STRONGROOM_AGENT_SELECTOR, not both',
    ]);
    expect(problems({ ...base, STRONGROOM_AGENT_SECRETS: '' })[0]).toContain('is required');
  });

  it('accepts signal and loopback URL notifications in sidecar mode only, never a remote URL', () => {
    const sidecar = { ...base, STRONGROOM_AGENT_MODE: 'sidecar' };
    expect(readConfig({ ...sidecar, STRONGROOM_AGENT_NOTIFY: 'signal:HUP:/run/app.pid' }).notify).toEqual({
      kind: 'signal',
      signal: 'SIGHUP',
      pidFile: '/run/app.pid',
    });
    expect(readConfig({ ...sidecar, STRONGROOM_AGENT_NOTIFY: 'http://127.0.0.1:8080/reload' }).notify).toEqual({
      kind: 'http',
      url: 'http://127.0.0.1:8080/reload',
    });
    expect(problems({ ...sidecar, STRONGROOM_AGENT_NOTIFY: 'http://example.com/hook' })).toHaveLength(1);
    expect(problems({ ...sidecar, STRONGROOM_AGENT_NOTIFY: 'signal:NOPE:/run/app.pid' })).toHaveLength(1);
    expect(problems({ ...base, STRONGROOM_AGENT_NOTIFY: 'signal:HUP:/run/app.pid' })).toEqual([
      'STRONGROOM_AGENT_NOTIFY only applies to sidecar mode',
    ]);
  });

  it('parses refresh intervals', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(readConfig({ ...base, STRONGROOM_AGENT_REFRESH: '2m' }).refresh).toBe(120_000);
  });
});
