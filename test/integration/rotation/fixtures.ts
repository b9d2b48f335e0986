// Rotation test fixtures: a PostgreSQL role, a Deployment that consumes a Secret, and reading a Secret's bytes back.
import pg from 'pg';
import type { RotationTarget } from '../../../src/main/rotation/rotator';
import type { TestCluster } from '../../support/cluster';
import type { TestPostgres } from '../../support/postgres';
import { kubectlOk } from '../sync/harness';

/** The server's admin connection as a rotation target (no TLS on the loopback test server). */
export function pgTarget(server: TestPostgres): RotationTarget {
  return {
    host: server.host,
    port: server.port,
    tlsMode: 'disable',
    adminUser: server.adminUser,
    adminPassword: server.adminPassword,
  };
}

/** Creates a login role with a password. */
export async function createRole(server: TestPostgres, role: string, password: string): Promise<void> {
  const admin = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.adminUser,
    password: server.adminPassword,
    database: 'postgres',
  });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${admin.escapeIdentifier(role)} LOGIN PASSWORD ${admin.escapeLiteral(password)}`);
  } finally {
    await admin.end();
  }
}

/** A Deployment whose pods read key `password` of Secret `secret` from env. */
export function consumerDeployment(namespace: string, name: string, secret: string): string {
  // replicas 0: the rollout completes on any cluster without pulling an image; the template still changes.
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'registry.k8s.io/pause:3.9',
              env: [{ name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: secret, key: 'password' } } }],
            },
          ],
        },
      },
    },
  });
}

/** A Secret's data as bytes, read with kubectl. */
export async function secretData(
  cluster: TestCluster,
  namespace: string,
  name: string,
): Promise<Record<string, Buffer>> {
  const json = JSON.parse(await kubectlOk(cluster, ['get', 'secret', name, '-n', namespace, '-o', 'json'])) as {
    data: Record<string, string>;
  };
  return Object.fromEntries(Object.entries(json.data).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
}

/** The pod template's restartedAt annotation of a Deployment (undefined before any restart). */
export async function restartedAt(cluster: TestCluster, namespace: string, name: string): Promise<string | undefined> {
  const d = JSON.parse(await kubectlOk(cluster, ['get', 'deployment', name, '-n', namespace, '-o', 'json'])) as {
    spec: { template: { metadata: { annotations?: Record<string, string> } } };
  };
  return d.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'];
}
