// Mapping rules: namespace, Secret and key globs → an account, applied now and after every fetch and sync.
import { useState } from 'react';
import type { ErrorData } from '../../../shared/errors';
import type { MappableAccount, MappingRule } from '../../../shared/ipc/mapping-assist';
import { call } from '../../client';
import { ErrorNote } from '../../components/ErrorNote';
import { useGridNavigation } from '../../components/useGridNavigation';
import { useUi } from '../../store/ui';
import { accountRef } from './use-mapping';

const EMPTY = { namespace: '*', secret: '*', key: 'password', account: '' };

export function RulesEditor({
  rules,
  accounts,
  onChanged,
}: {
  rules: MappingRule[] | undefined;
  accounts: MappableAccount[];
  onChanged(): Promise<void>;
}) {
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<ErrorData>();
  const notify = useUi((s) => s.notify);
  // Rows act through their buttons (Right arrow, then Enter); Enter on a row itself does nothing by surprise.
  const nav = useGridNavigation({ count: rules?.length ?? 0, onOpen: () => undefined });

  const add = async () => {
    const [resource = '', account = ''] = form.account.split('/');
    const r = await call('mapping:ruleAdd', {
      namespace: form.namespace,
      secret: form.secret,
      key: form.key,
      to: { resource, account },
    });
    setError(r.ok ? undefined : r.error);
    if (r.ok) {
      notify({ level: 'info', message: `Rule added; it mapped ${r.value.mapped.length} key(s) already fetched.` });
      setForm(EMPTY);
    }
    await onChanged();
  };
  const remove = async (id: number) => {
    const r = await call('mapping:ruleRemove', { id });
    setError(r.ok ? undefined : r.error);
    await onChanged();
  };
  const field = (name: 'namespace' | 'secret' | 'key', label: string) => (
    <label className="inline">
      {label}
      <input aria-label={label} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
    </label>
  );

  return (
    <section className="card" aria-labelledby="rules-title">
      <h2 id="rules-title">Rules</h2>
      <p className="muted small">
        Keys matching all three patterns (globs such as <code>shop-*</code> or <code>{'{password,PGPASSWORD}'}</code>)
        are mapped to the account when the rule is added and at every fetch and sync, so new Secrets need no hand
        mapping.
      </p>
      {rules && rules.length > 0 ? (
        <table
          className="simple"
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows a table to be a grid, the pattern for keyboard rows
          role="grid"
          {...nav.gridProps}
          aria-label="Mapping rules"
        >
          <thead>
            <tr>
              <th scope="col">Namespace</th>
              <th scope="col">Secret</th>
              <th scope="col">Key</th>
              <th scope="col">Account</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r, index) => (
              <tr {...nav.rowProps(index)} key={r.id}>
                <td className="mono">{r.namespace}</td>
                <td className="mono">{r.secret}</td>
                <td className="mono">{r.key}</td>
                <td className="mono">{accountRef(r)}</td>
                <td>
                  <button type="button" aria-label={`Remove rule ${r.id}`} onClick={() => void remove(r.id)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No rules yet.</p>
      )}
      {accounts.length > 0 && (
        <form
          className="row wrap"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          {field('namespace', 'Namespace pattern')}
          {field('secret', 'Secret pattern')}
          {field('key', 'Key pattern')}
          <label className="inline">
            Rule account
            <select
              aria-label="Rule account"
              value={form.account}
              onChange={(e) => setForm({ ...form, account: e.target.value })}
            >
              <option value="">Choose…</option>
              {accounts.map((a) => (
                <option key={accountRef(a)} value={accountRef(a)}>
                  {accountRef(a)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!form.account || !form.namespace || !form.secret || !form.key}>
            Add rule
          </button>
        </form>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
