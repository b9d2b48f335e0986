// One account: its Secret's metadata and keys (values revealed on demand), history with diff, and export.
import { useEffect, useRef, useState } from 'react';
import type { AccountDetail } from '../../../shared/ipc/resources';
import { call } from '../../client';
import { SecretDetail } from '../../components/SecretDetail';
import { When } from '../../components/When';
import { useResources } from '../../store/resources';
import { useUi } from '../../store/ui';
import { ExportPanel } from './ExportPanel';
import { HistoryPanel } from './HistoryPanel';

export function AccountPanel({ accountId }: { accountId: number }) {
  const notifyError = useUi((s) => s.notifyError);
  const [account, setAccount] = useState<AccountDetail>();
  // A fetch or sync reloads the table (a new generation); the open account may have changed with it.
  const generation = useResources((s) => s.generation);
  const select = useResources((s) => s.select);
  const panel = useRef<HTMLElement>(null);
  const focusedFor = useRef<number>(undefined);

  useEffect(() => {
    void generation;
    void call('resources:account', { accountId }).then((r) => (r.ok ? setAccount(r.value) : notifyError(r.error)));
  }, [accountId, generation, notifyError]);

  // An account just opened (Enter on its row, the palette, a link) takes the focus; Esc gives it back to the table.
  useEffect(() => {
    if (!account || focusedFor.current === account.id) return;
    focusedFor.current = account.id;
    panel.current?.focus();
  }, [account]);

  if (!account) return <div className="account-panel muted">Loading…</div>;
  const where = `${account.namespace ?? ''}/${account.name}`;
  return (
    <section ref={panel} className="account-panel" aria-label="Account detail" tabIndex={-1}>
      <div className="panel-bar">
        <button type="button" className="secondary" onClick={() => select(undefined)}>
          Close
        </button>
      </div>
      <SecretDetail
        key={`${account.id}:${account.resourceVersion}`}
        title={where}
        secret={{ name: account.name, namespace: account.namespace, type: account.type }}
        facts={[
          ['Resource', account.resourceName],
          ['Type', account.type],
          [
            'State',
            account.state === 'present' ? 'present in the cluster' : 'deleted in the cluster (kept in the vault)',
          ],
          ['resourceVersion', account.resourceVersion],
          ['Created', <When key="created" at={account.createdAt} />],
          ['Last synced', <When key="synced" at={account.lastSynced} />],
        ]}
        labels={account.labels}
        annotations={account.annotations}
        keys={account.keys}
        reveal={async (key, view) => {
          const result = await call('resources:reveal', { accountId: account.id, key, view });
          return result.ok ? { ok: true, value: result.value.value } : result;
        }}
        copyTarget={(key) => `${account.resourceName}/${account.name}#${key}`}
        source="vault"
        consumers={account.clusterId ? () => call('resources:consumers', { accountId: account.id }) : undefined}
      />
      <HistoryPanel key={account.versions[0]?.id} account={account} />
      <ExportPanel target={{ kind: 'account', accountId: account.id, name: account.name }} />
    </section>
  );
}
