// Associate Secrets: pick a cluster, a namespace, a Secret and one of its keys, then the account whose password it holds.
import { useEffect, useState } from 'react';
import type { ErrorData } from '../../../shared/errors';
import type { MappableAccount } from '../../../shared/ipc/mapping-assist';
import type { AccountRow, ResourceSummary } from '../../../shared/ipc/resources';
import { call } from '../../client';
import { ErrorNote } from '../../components/ErrorNote';
import { useClusters } from '../../store/clusters';
import { accountRef } from './use-mapping';

interface Choice {
  clusterId: string;
  resource?: ResourceSummary;
  secret?: AccountRow;
  key: string;
  account: string;
  template: string;
}

const EMPTY: Choice = { clusterId: '', key: '', account: '', template: '' };

export function AssociateForm({ accounts, onAdded }: { accounts: MappableAccount[]; onAdded(): Promise<void> }) {
  const clusters = useClusters((s) => s.clusters);
  const [choice, setChoice] = useState<Choice>(EMPTY);
  const [resources, setResources] = useState<ResourceSummary[]>([]);
  const [secrets, setSecrets] = useState<AccountRow[]>([]);
  const [keys, setKeys] = useState<string[]>([]);
  const [error, setError] = useState<ErrorData>();
  const { clusterId, resource, secret } = choice;

  useEffect(() => {
    setResources([]);
    if (!clusterId) return;
    void call('resources:resources', { clusterId }).then(
      (r) => r.ok && setResources(r.value.filter((x) => x.type === 'Kubernetes')),
    );
  }, [clusterId]);
  useEffect(() => {
    setSecrets([]);
    if (!resource) return;
    void call('resources:list', { limit: 1000, filter: { resourceId: resource.id, state: 'present' } }).then(
      (r) => r.ok && setSecrets(r.value.rows),
    );
  }, [resource]);
  useEffect(() => {
    setKeys([]);
    if (!secret) return;
    void call('resources:account', { accountId: secret.id }).then(
      (r) => r.ok && setKeys(r.value.keys.map((k) => k.name)),
    );
  }, [secret]);

  const ready = resource && secret && choice.key && choice.account;
  const submit = async () => {
    if (!ready) return;
    const [res = '', acc = ''] = choice.account.split('/');
    const r = await call('mapping:add', {
      from: { kubeResource: resource.name, secret: secret.name, key: choice.key },
      to: { resource: res, account: acc },
      ...(choice.template.trim() ? { template: choice.template.trim() } : {}),
    });
    setError(r.ok ? undefined : r.error);
    if (r.ok) {
      setChoice({ ...choice, key: '', template: '' });
      await onAdded();
    }
  };

  return (
    <section className="card" aria-labelledby="associate-title">
      <h2 id="associate-title">Associate a Secret key</h2>
      {accounts.length === 0 ? (
        <p className="muted">
          There is no account to map to yet. Add a PostgreSQL resource and its accounts first, e.g.{' '}
          <code>strongroom resource add-postgres</code> and <code>strongroom account add</code>.
        </p>
      ) : (
        <form
          className="row wrap"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="inline">
            Cluster
            <select
              aria-label="Cluster"
              value={clusterId}
              onChange={(e) => setChoice({ ...EMPTY, clusterId: e.target.value })}
            >
              <option value="">Choose…</option>
              {clusters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            Namespace
            <select
              aria-label="Namespace"
              value={resource?.id ?? ''}
              disabled={resources.length === 0}
              onChange={(e) =>
                setChoice({
                  ...choice,
                  resource: resources.find((r) => r.id === Number(e.target.value)),
                  secret: undefined,
                  key: '',
                })
              }
            >
              <option value="">{clusterId && resources.length === 0 ? 'Nothing fetched' : 'Choose…'}</option>
              {resources.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.namespace}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            Secret
            <select
              aria-label="Secret"
              value={secret?.id ?? ''}
              disabled={secrets.length === 0}
              onChange={(e) =>
                setChoice({ ...choice, secret: secrets.find((s) => s.id === Number(e.target.value)), key: '' })
              }
            >
              <option value="">Choose…</option>
              {secrets.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            Key
            <select
              aria-label="Key"
              value={choice.key}
              disabled={keys.length === 0}
              onChange={(e) => setChoice({ ...choice, key: e.target.value })}
            >
              <option value="">Choose…</option>
              {keys.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            Account
            <select
              aria-label="Account"
              value={choice.account}
              onChange={(e) => setChoice({ ...choice, account: e.target.value })}
            >
              <option value="">Choose…</option>
              {accounts.map((a) => (
                <option key={accountRef(a)} value={accountRef(a)}>
                  {accountRef(a)} ({a.type})
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            Template (optional)
            <input
              aria-label="Template (optional)"
              value={choice.template}
              placeholder="postgres://{user}:{password}@db:5432/app"
              onChange={(e) => setChoice({ ...choice, template: e.target.value })}
            />
          </label>
          <button type="submit" className="primary" disabled={!ready}>
            Map
          </button>
        </form>
      )}
      {clusters.length === 0 && accounts.length > 0 && (
        <p className="muted small">No cluster is connected: connect one in Clusters and fetch its Secrets.</p>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
