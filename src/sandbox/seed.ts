// Seed data: a realistic demo (Secrets of every type, a PostgreSQL-backed app, Helm releases) and bulk Secrets.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { SandboxPki } from './certs';
import { type Cluster, NS, SAS, SECRETS } from './cluster';
import { findResource } from './resources';
import type { KubeObject, ResourceDef } from './types';

const b64 = (v: string | Buffer) => Buffer.from(v).toString('base64');
const apps = (plural: string) => findResource('apps', 'v1', plural) as ResourceDef;
const core = (plural: string) => findResource('', 'v1', plural) as ResourceDef;
const password = () => randomBytes(18).toString('base64url');

function secret(
  name: string,
  type: string,
  data: Record<string, string | Buffer>,
  extra: Partial<KubeObject['metadata']> = {},
): KubeObject {
  return {
    metadata: { name, ...extra },
    type,
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
  };
}

function helmRelease(name: string, namespace: string, version: number, status: string, chart: string): KubeObject {
  const release = {
    name,
    namespace,
    version,
    info: { status },
    chart: { metadata: { name: chart, version: '1.4.2' } },
    config: {},
  };
  return secret(
    `sh.helm.release.v1.${name}.v${version}`,
    'helm.sh/release.v1',
    { release: b64(gzipSync(JSON.stringify(release))) },
    {
      labels: { name, owner: 'helm', status, version: String(version) },
    },
  );
}

function workload(name: string, image: string, spec: Record<string, unknown> = {}): KubeObject {
  const labels = { app: name };
  return {
    metadata: { name, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name, image }], ...spec } },
    },
    status: { replicas: 1, readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1, observedGeneration: 1 },
  };
}

/** The demo cluster behind `npm run demo` and `npm start`. */
export async function seedDemo(cluster: Cluster, pki: SandboxPki): Promise<void> {
  for (const name of ['payments', 'web', 'monitoring'])
    cluster.create(NS, { metadata: { name, labels: { team: name } } });

  // payments: a PostgreSQL-backed API whose Deployment reads its Secret through env and a volume.
  const dbPassword = password();
  cluster.create(
    SECRETS,
    secret(
      'payments-db',
      'Opaque',
      {
        username: 'payments',
        password: dbPassword,
        host: 'payments-db.payments.svc.cluster.local',
        port: '5432',
        database: 'payments',
      },
      { labels: { app: 'payments-api' } },
    ),
    'payments',
  );
  cluster.create(
    SECRETS,
    secret('payments-db-readonly', 'kubernetes.io/basic-auth', { username: 'reporting', password: `${password()}\n` }),
    'payments',
  );
  cluster.create(SAS, { metadata: { name: 'payments-api' } }, 'payments');
  cluster.create(
    SECRETS,
    secret(
      'payments-api-token',
      'kubernetes.io/service-account-token',
      {},
      { annotations: { 'kubernetes.io/service-account.name': 'payments-api' } },
    ),
    'payments',
  );
  const env = ['username', 'password', 'host', 'port'].map((key) => ({
    name: `DB_${key.toUpperCase()}`,
    valueFrom: { secretKeyRef: { name: 'payments-db', key } },
  }));
  const api = workload('payments-api', 'registry.example.com/payments-api:2.3.1', {
    serviceAccountName: 'payments-api',
    volumes: [{ name: 'db-credentials', secret: { secretName: 'payments-db' } }],
  });
  const podSpec = (api.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec;
  podSpec.containers[0] = {
    ...podSpec.containers[0],
    env,
    volumeMounts: [{ name: 'db-credentials', mountPath: '/etc/payments/db', readOnly: true }],
  };
  cluster.create(apps('deployments'), api, 'payments');
  cluster.create(
    core('pods'),
    {
      metadata: { name: 'payments-api-7d4b9c6f5-x2k8q', labels: { app: 'payments-api' } },
      spec: podSpec,
      status: { phase: 'Running' },
    },
    'payments',
  );
  cluster.create(apps('statefulsets'), workload('payments-db', 'postgres:16', { volumes: [] }), 'payments');
  cluster.create(SECRETS, helmRelease('payments', 'payments', 1, 'superseded', 'payments-api'), 'payments');
  cluster.create(SECRETS, helmRelease('payments', 'payments', 2, 'deployed', 'payments-api'), 'payments');

  // web: TLS with a real certificate, registry credentials and binary data.
  const tls = await pki.issue('shop.example.com', ['shop.example.com', 'www.shop.example.com']);
  cluster.create(
    SECRETS,
    secret('web-tls', 'kubernetes.io/tls', { 'tls.crt': tls.certPem, 'tls.key': tls.keyPem }),
    'web',
  );
  const auth = b64(`deploy:${password()}`);
  const dockercfg = JSON.stringify({
    auths: { 'registry.example.com': { username: 'deploy', password: 'see-auth', auth } },
  });
  cluster.create(
    SECRETS,
    secret('regcred', 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': dockercfg }),
    'web',
  );
  cluster.create(
    SECRETS,
    secret('web-keystore', 'Opaque', { 'keystore.p12': randomBytes(512), 'keystore-password': `${password()}\n` }),
    'web',
  );
  cluster.create(
    SECRETS,
    secret('web-session', 'Opaque', { SESSION_KEY: password(), COOKIE_SECRET: password() }),
    'web',
  );
  cluster.create(
    apps('deployments'),
    workload('web-frontend', 'registry.example.com/web:5.0.0', { imagePullSecrets: [{ name: 'regcred' }] }),
    'web',
  );
  cluster.create(SECRETS, helmRelease('web', 'web', 1, 'deployed', 'web-frontend'), 'web');

  // monitoring: Grafana admin, a StatefulSet and a DaemonSet.
  cluster.create(
    SECRETS,
    secret('grafana-admin', 'Opaque', { 'admin-user': 'admin', 'admin-password': password() }),
    'monitoring',
  );
  cluster.create(
    SECRETS,
    secret('alertmanager-webhook', 'Opaque', { url: `https://hooks.example.com/services/${password()}` }),
    'monitoring',
  );
  cluster.create(
    core('configmaps'),
    {
      metadata: { name: 'grafana-config' },
      data: { 'grafana.ini': '[server]\nroot_url = https://grafana.example.com\n' },
    },
    'monitoring',
  );
  cluster.create(apps('statefulsets'), workload('prometheus', 'prom/prometheus:v2.53.0'), 'monitoring');
  cluster.create(apps('daemonsets'), workload('node-exporter', 'prom/node-exporter:v1.8.1'), 'monitoring');
  cluster.create(SECRETS, helmRelease('grafana', 'monitoring', 1, 'deployed', 'grafana'), 'monitoring');
}

/** `count` Secrets of about 600 bytes spread over `namespaces` namespaces (bulk-000…), for benchmarks. */
export function seedBulk(cluster: Cluster, count: number, namespaces: number): void {
  const names = Array.from({ length: namespaces }, (_, i) => `bulk-${String(i).padStart(3, '0')}`);
  for (const name of names)
    if (!cluster.find(NS, undefined, name))
      cluster.create(NS, { metadata: { name, labels: { 'strongroom.dev/bulk': 'true' } } });
  for (let i = 0; i < count; i++) {
    const ns = names[i % namespaces] ?? 'default';
    const data = {
      username: `user-${i}`,
      password: randomBytes(24).toString('base64url'),
      url: `postgres://db-${i}.internal:5432/app`,
      certificate: randomBytes(280).toString('base64'),
    };
    cluster.create(
      SECRETS,
      secret(`bulk-secret-${String(i).padStart(5, '0')}`, 'Opaque', data, { labels: { app: `app-${i % 20}` } }),
      ns,
    );
  }
}
