// Kubeconfig import: contexts listed with their user kind, token contexts become drafts, the rest get a clear note.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { appErrorMessage } from '../../../test/support/clusters-helpers';
import { MUTATORS, randomBytes, rng } from '../../../test/support/fuzz';
import { isAppError } from '../../shared/errors';
import { importKubeconfigContext, summarizeKubeconfig } from './kubeconfig-import';

const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const kubeconfig = stringify({
  apiVersion: 'v1',
  kind: 'Config',
  'current-context': 'prod',
  clusters: [
    {
      name: 'prod-cluster',
      cluster: {
        server: 'https://api.prod.example.test:6443',
        'certificate-authority-data': Buffer.from(CA_PEM).toString('base64'),
        'tls-server-name': 'kubernetes.default',
      },
    },
    {
      name: 'dev-cluster',
      cluster: { server: 'https://dev.example.test', 'certificate-authority': '/home/me/.minikube/ca.crt' },
    },
    { name: 'lab-cluster', cluster: { server: 'https://lab.example.test', 'insecure-skip-tls-verify': true } },
  ],
  users: [
    { name: 'sa', user: { token: 'eyJhbGciOi.test.token' } },
    { name: 'admin', user: { 'client-certificate-data': 'AAAA', 'client-key-data': 'AAAA' } },
    {
      name: 'gke',
      user: { exec: { command: 'gke-gcloud-auth-plugin', apiVersion: 'client.authentication.k8s.io/v1beta1' } },
    },
    { name: 'oidc', user: { 'auth-provider': { name: 'oidc' } } },
    { name: 'tokfile', user: { tokenFile: '/var/run/token' } },
  ],
  contexts: [
    { name: 'prod', context: { cluster: 'prod-cluster', user: 'sa', namespace: 'apps' } },
    { name: 'dev-admin', context: { cluster: 'dev-cluster', user: 'admin' } },
    { name: 'gke', context: { cluster: 'prod-cluster', user: 'gke' } },
    { name: 'oidc', context: { cluster: 'prod-cluster', user: 'oidc' } },
    { name: 'lab', context: { cluster: 'lab-cluster', user: 'sa' } },
    { name: 'dev-file', context: { cluster: 'dev-cluster', user: 'tokfile' } },
    { name: 'orphan', context: { cluster: 'gone', user: 'sa' } },
  ],
});

function badFile(text: string): string {
  return appErrorMessage('bad_file', () => summarizeKubeconfig(text));
}

describe('summarizeKubeconfig', () => {
  it('lists every context with its server, CA source and user kind, never the token', () => {
    const summary = summarizeKubeconfig(kubeconfig);
    expect(summary.currentContext).toBe('prod');
    expect(summary.contexts.map((c) => [c.name, c.userKind, c.ca.kind, c.importable])).toEqual([
      ['prod', 'token', 'data', true],
      ['dev-admin', 'client-certificate', 'file', false],
      ['gke', 'exec', 'data', false],
      ['oidc', 'auth-provider', 'data', false],
      ['lab', 'token', 'insecure', true],
      ['dev-file', 'token', 'file', true],
      ['orphan', 'token', 'none', false],
    ]);
    expect(summary.contexts[0]).toMatchObject({
      server: 'https://api.prod.example.test:6443',
      current: true,
      namespace: 'apps',
    });
    expect(JSON.stringify(summary)).not.toContain('eyJhbGciOi');
  });

  it('tells exec and client-certificate users to create a ServiceAccount token', () => {
    const byName = new Map(summarizeKubeconfig(kubeconfig).contexts.map((c) => [c.name, c]));
    expect(byName.get('gke')?.note).toMatch(/exec plugin.*ServiceAccount token/s);
    expect(byName.get('dev-admin')?.note).toMatch(/client certificate.*setup YAML/s);
    expect(byName.get('orphan')?.note).toMatch(/"gone".*missing/);
  });

  it.each([
    ['', /empty/],
    ['   \n', /empty/],
    ['clusters: [unclosed', /not valid YAML/],
    ['just a string', /not a kubeconfig/],
    ['- a\n- list', /not a kubeconfig/],
    ['apiVersion: v1\nkind: Secret\nmetadata: {name: x}', /"Secret", not a kubeconfig/],
    ['apiVersion: v1\nkind: Config\ncontexts: []', /no contexts/],
    ['contexts: 5', /not a list/],
  ])('refuses %j with a clear message', (text, message) => {
    expect(badFile(text)).toMatch(message);
  });

  it('refuses a file that expands aliases without bound', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++)
      lines.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      );
    const started = performance.now();
    expect(badFile(lines.join('\n'))).toMatch(/not valid YAML/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('importKubeconfigContext', () => {
  it('turns a token context into a draft with the CA and TLS server name', () => {
    const { draft, warnings } = importKubeconfigContext(kubeconfig, 'prod');
    expect(draft).toMatchObject({
      name: 'prod',
      server: 'https://api.prod.example.test:6443',
      caPem: CA_PEM,
      token: 'eyJhbGciOi.test.token',
    });
    expect(draft.options).toEqual({ tlsServerName: 'kubernetes.default' });
    expect(warnings).toEqual([]);
  });

  it('uses the current context when none is named', () => {
    expect(importKubeconfigContext(kubeconfig, undefined).draft.name).toBe('prod');
  });

  it('refuses exec and client-certificate contexts with the ServiceAccount token fix', () => {
    for (const name of ['gke', 'dev-admin', 'oidc']) {
      expect(() => importKubeconfigContext(kubeconfig, name)).toThrow(expect.objectContaining({ code: 'unsupported' }));
    }
    try {
      importKubeconfigContext(kubeconfig, 'gke');
    } catch (error) {
      expect((error as { fix?: string }).fix).toMatch(/never client keys or exec plugins/);
    }
  });

  it('warns that a skipped TLS verification is not carried over', () => {
    const { draft, warnings } = importKubeconfigContext(kubeconfig, 'lab');
    expect(draft.caPem).toBe('');
    expect(warnings[0]).toMatch(/skips TLS verification/);
  });

  it('reads CA and token files only through the reader it is given', () => {
    expect(() => importKubeconfigContext(kubeconfig, 'dev-file')).toThrow(/reads its token from a file/);
    const read: string[] = [];
    const { draft } = importKubeconfigContext(kubeconfig, 'dev-file', {
      readFile: (p) => {
        read.push(p);
        return p.endsWith('token') ? 'tok-from-file\n' : CA_PEM;
      },
    });
    expect(read).toEqual(['/home/me/.minikube/ca.crt', '/var/run/token']);
    expect(draft).toMatchObject({ caPem: CA_PEM, token: 'tok-from-file' });
  });

  it('says which context is missing', () => {
    expect(() => importKubeconfigContext(kubeconfig, 'nope')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

describe('kubeconfig importer under fuzzing', () => {
  it('gives only AppErrors, quickly, for random and mutated files', () => {
    const next = rng(11);
    const seed = new TextEncoder().encode(kubeconfig);
    const decoder = new TextDecoder();
    for (let i = 0; i < 1200; i++) {
      const mutate = MUTATORS[i % MUTATORS.length] as (n: () => number, b: Uint8Array) => Uint8Array;
      const input = i < 200 ? randomBytes(next, Math.floor(next() * 2000)) : mutate(next, seed);
      const text = decoder.decode(input);
      const started = performance.now();
      for (const run of [() => summarizeKubeconfig(text), () => importKubeconfigContext(text, 'prod')]) {
        try {
          run();
        } catch (error) {
          if (!isAppError(error)) throw new Error(`non-AppError (${error}) for input ${JSON.stringify(text)}`);
        }
      }
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});
