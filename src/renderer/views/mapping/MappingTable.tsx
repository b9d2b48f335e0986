// The mappings (Mapped Resource Details): all, one Kubernetes resource's keys, or every key holding one account's password.
import { useEffect, useState } from 'react';
import type { ErrorData } from '../../../shared/errors';
import type { MappingSummary } from '../../../shared/ipc/mapping';
import type { MappableAccount } from '../../../shared/ipc/mapping-assist';
import type { ResourceSummary } from '../../../shared/ipc/resources';
import { call } from '../../client';
import { ErrorNote } from '../../components/ErrorNote';
import { useGridNavigation } from '../../components/useGridNavigation';
import { useClusters } from '../../store/clusters';
import { accountRef, keyRef, type MappingFilter } from './use-mapping';

function filterValue(f: MappingFilter): string {
  return f.kind === 'all' ? 'all' : f.kind === 'resource' ? `r:${f.resource}` : `a:${f.ref}`;
}

function parseFilter(value: string): MappingFilter {
  if (value.startsWith('r:')) return { kind: 'resource', resource: value.slice(2) };
  if (value.startsWith('a:')) return { kind: 'account', ref: value.slice(2) };
  return { kind: 'all' };
}

export function MappingTable({
  mappings,
  accounts,
  filter,
  setFilter,
  onChanged,
}: {
  mappings: MappingSummary[] | undefined;
  accounts: MappableAccount[];
  filter: MappingFilter;
  setFilter(f: MappingFilter): void;
  onChanged(): Promise<void>;
}) {
  const clusters = useClusters((s) => s.clusters);
  const [resources, setResources] = useState<ResourceSummary[]>([]);
  const [error, setError] = useState<ErrorData>();
  // Rows act through their buttons (Right arrow, then Enter); Enter on a row itself does nothing by surprise.
  const nav = useGridNavigation({ count: mappings?.length ?? 0, onOpen: () => undefined });

  useEffect(() => {
    void call('resources:resources', {}).then(
      (r) => r.ok && setResources(r.value.filter((x) => x.type === 'Kubernetes')),
    );
  }, []);

  const clusterName = (id: string | null) => clusters.find((c) => c.id === id)?.name ?? id ?? '';
  const remove = async (m: MappingSummary) => {
    const r = await call('mapping:remove', { from: { kubeResource: m.kubeResource, secret: m.secret, key: m.key } });
    setError(r.ok ? undefined : r.error);
    await onChanged();
  };

  return (
    <section className="card" aria-labelledby="mappings-title">
      <div className="toolbar">
        <h2 id="mappings-title">Mapped keys</h2>
        <span className="spacer" />
        <label className="inline">
          Show
          <select
            aria-label="Show"
            value={filterValue(filter)}
            onChange={(e) => setFilter(parseFilter(e.target.value))}
          >
            <option value="all">Every mapping</option>
            <optgroup label="Keys of a Kubernetes resource">
              {resources.map((r) => (
                <option key={r.id} value={`r:${r.name}`}>
                  {r.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="Keys holding an account's password">
              {accounts.map((a) => (
                <option key={accountRef(a)} value={`a:${accountRef(a)}`}>
                  {accountRef(a)}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
      </div>
      <ErrorNote error={error} />
      {!mappings ? (
        <p className="muted small">Loading…</p>
      ) : mappings.length === 0 ? (
        <p className="muted">
          {filter.kind === 'all'
            ? 'No Secret key is mapped yet. Accept a suggestion above, associate a key below, or add a rule.'
            : 'Nothing is mapped here yet.'}
        </p>
      ) : (
        <table
          className="simple"
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows a table to be a grid, the pattern for keyboard rows
          role="grid"
          {...nav.gridProps}
          aria-label="Mapped keys"
        >
          <thead>
            <tr>
              <th scope="col">Cluster</th>
              <th scope="col">Namespace</th>
              <th scope="col">Secret key</th>
              <th scope="col">Account</th>
              <th scope="col">Template</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {mappings.map((m, index) => (
              <tr {...nav.rowProps(index)} key={m.id}>
                <td>{clusterName(m.clusterId)}</td>
                <td>{m.namespace}</td>
                <td className="mono">
                  {m.secret}:{m.key}
                </td>
                <td className="mono">{accountRef(m)}</td>
                <td className="mono">{m.template ?? <span className="muted">the password alone</span>}</td>
                <td>
                  <button type="button" aria-label={`Remove ${keyRef(m)}`} onClick={() => void remove(m)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
