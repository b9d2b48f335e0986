// The Mapping view: suggestions, the mapped keys (Mapped Resource Details), Associate Secrets, and rules.
import { useEffect } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { useClusters } from '../../store/clusters';
import { AssociateForm } from './AssociateForm';
import { MappingTable } from './MappingTable';
import { RulesEditor } from './RulesEditor';
import { SuggestionsPanel } from './SuggestionsPanel';
import { useMappingData } from './use-mapping';

export function MappingView() {
  const data = useMappingData();
  const refreshClusters = useClusters((s) => s.refresh);
  useEffect(() => {
    void refreshClusters();
  }, [refreshClusters]);
  const accounts = data.accounts ?? [];

  return (
    <div className="view wide">
      <header className="view-header">
        <h1>Mapping</h1>
        <p className="muted">
          Link Secret keys to the accounts whose passwords they hold, so that a rotation writes the new password to each
          of them.
        </p>
      </header>
      <ErrorNote error={data.error} />
      <SuggestionsPanel suggestions={data.suggestions} onChanged={data.reload} />
      <MappingTable
        mappings={data.mappings}
        accounts={accounts}
        filter={data.filter}
        setFilter={data.setFilter}
        onChanged={data.reload}
      />
      <AssociateForm accounts={accounts} onAdded={data.reload} />
      <RulesEditor rules={data.rules} accounts={accounts} onChanged={data.reload} />
    </div>
  );
}
