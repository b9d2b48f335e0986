// meta.k8s.io/v1 Table output (what `kubectl get` asks for), with kube-apiserver's printer columns per resource.
import type { KubeObject, ResourceDef } from './types';

interface Column {
  name: string;
  type: string;
  format?: string;
  priority?: number;
  cell: (o: KubeObject, now: number) => unknown;
}

/** kubectl's short ages: 45s, 12m, 5h, 3d… (as apimachinery's HumanDuration). */
export function humanAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

const count = (v: unknown) => Object.keys((v as object | undefined) ?? {}).length;
const spec = (o: KubeObject) => (o.spec ?? {}) as Record<string, unknown>;
const status = (o: KubeObject) => (o.status ?? {}) as Record<string, number | string | undefined>;
const age: Column = {
  name: 'Age',
  type: 'string',
  cell: (o, now) => humanAge(now - Date.parse(o.metadata.creationTimestamp ?? '')),
};
const name: Column = { name: 'Name', type: 'string', format: 'name', cell: (o) => o.metadata.name };
const createdAt: Column = { name: 'Created At', type: 'date', cell: (o) => o.metadata.creationTimestamp };
const containers = (o: KubeObject) =>
  (spec(o).template as { spec?: { containers?: { name: string; image: string }[] } })?.spec?.containers ?? [];
const roleRef = (o: KubeObject) => {
  const r = o.roleRef as { kind: string; name: string };
  return `${r.kind}/${r.name}`;
};
const subjects = (kind: string) => (o: KubeObject) =>
  ((o.subjects as { kind: string; name: string; namespace?: string }[] | undefined) ?? [])
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace}/${s.name}` : s.name))
    .join(', ');

const COLUMNS: Record<string, Column[]> = {
  namespaces: [name, { name: 'Status', type: 'string', cell: (o) => status(o).phase }, age],
  secrets: [
    name,
    { name: 'Type', type: 'string', cell: (o) => o.type },
    { name: 'Data', type: 'string', cell: (o) => count(o.data) },
    age,
  ],
  configmaps: [name, { name: 'Data', type: 'string', cell: (o) => count(o.data) + count(o.binaryData) }, age],
  serviceaccounts: [
    name,
    { name: 'Secrets', type: 'string', cell: (o) => ((o.secrets as unknown[]) ?? []).length },
    age,
  ],
  pods: [
    name,
    {
      name: 'Ready',
      type: 'string',
      cell: (o) =>
        `${status(o).phase === 'Running' ? ((spec(o).containers as unknown[]) ?? []).length : 0}/${((spec(o).containers as unknown[]) ?? []).length}`,
    },
    { name: 'Status', type: 'string', cell: (o) => status(o).phase ?? 'Pending' },
    { name: 'Restarts', type: 'string', cell: () => '0' },
    age,
  ],
  deployments: [
    name,
    { name: 'Ready', type: 'string', cell: (o) => `${status(o).readyReplicas ?? 0}/${spec(o).replicas ?? 1}` },
    { name: 'Up-to-date', type: 'integer', cell: (o) => status(o).updatedReplicas ?? 0 },
    { name: 'Available', type: 'integer', cell: (o) => status(o).availableReplicas ?? 0 },
    age,
    {
      name: 'Containers',
      type: 'string',
      priority: 1,
      cell: (o) =>
        containers(o)
          .map((c) => c.name)
          .join(','),
    },
    {
      name: 'Images',
      type: 'string',
      priority: 1,
      cell: (o) =>
        containers(o)
          .map((c) => c.image)
          .join(','),
    },
  ],
  statefulsets: [
    name,
    { name: 'Ready', type: 'string', cell: (o) => `${status(o).readyReplicas ?? 0}/${spec(o).replicas ?? 1}` },
    age,
  ],
  daemonsets: [
    name,
    { name: 'Desired', type: 'integer', cell: (o) => status(o).desiredNumberScheduled ?? 0 },
    { name: 'Current', type: 'integer', cell: (o) => status(o).currentNumberScheduled ?? 0 },
    { name: 'Ready', type: 'integer', cell: (o) => status(o).numberReady ?? 0 },
    age,
  ],
  roles: [name, createdAt],
  clusterroles: [name, createdAt],
  rolebindings: [
    name,
    { name: 'Role', type: 'string', cell: roleRef },
    age,
    { name: 'Users', type: 'string', priority: 1, cell: subjects('User') },
    { name: 'Groups', type: 'string', priority: 1, cell: subjects('Group') },
    { name: 'ServiceAccounts', type: 'string', priority: 1, cell: subjects('ServiceAccount') },
  ],
};
COLUMNS.clusterrolebindings = COLUMNS.rolebindings as Column[];

/** Builds a Table from objects; rows carry PartialObjectMetadata, as with includeObject=Metadata. */
export function toTable(
  def: ResourceDef,
  items: KubeObject[],
  listMeta: Record<string, unknown>,
  now: number,
  includeObject: string,
): unknown {
  const columns = COLUMNS[def.plural] ?? [name, createdAt];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: '',
      priority: c.priority ?? 0,
    })),
    rows: items.map((o) => ({
      cells: columns.map((c) => c.cell(o, now)),
      object:
        includeObject === 'Object'
          ? o
          : includeObject === 'None'
            ? undefined
            : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}
