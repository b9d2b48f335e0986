// Import from a kubeconfig: pick the file, see its contexts and how each signs in, import one as a draft.
import { useState } from 'react';
import type { KubeconfigSummary } from '../../../shared/clusters';
import type { ErrorData } from '../../../shared/errors';
import { call } from '../../client';
import { ErrorNote } from '../../components/ErrorNote';
import { FileInput } from '../../components/FileInput';
import { readFileText } from '../../files';
import { useClusters } from '../../store/clusters';
import type { WizardDraft } from './ClusterWizard';
import { EMPTY_DRAFT } from './ClusterWizard';
import { clusterNameProblem } from './cluster-name';

export function KubeconfigImport({
  onDraft,
  onCancel,
}: {
  onDraft(draft: WizardDraft, warnings: string[]): void;
  onCancel(): void;
}) {
  const [content, setContent] = useState<string>();
  const [summary, setSummary] = useState<KubeconfigSummary>();
  const [error, setError] = useState<ErrorData>();
  const clusters = useClusters((s) => s.clusters);

  return (
    <section className="card" aria-label="Import from kubeconfig">
      <h2>Import from a kubeconfig</h2>
      <FileInput
        className="field"
        caption={<span>kubeconfig file</span>}
        onFile={async (file) => {
          setError(undefined); // a new file makes the last one's error stale
          const text = await readFileText(file);
          const result = await call('clusters:parseKubeconfig', { content: text });
          if (!result.ok) {
            setSummary(undefined);
            return setError(result.error);
          }
          setError(undefined);
          setContent(text);
          setSummary(result.value);
        }}
      />
      <ErrorNote error={error} />
      {summary && (
        <table className="simple">
          <thead>
            <tr>
              <th>Context</th>
              <th>Server</th>
              <th>Signs in with</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {summary.contexts.map((ctx) => (
              <tr key={ctx.name}>
                <td>
                  {ctx.name}
                  {ctx.current && <span className="muted small"> (current)</span>}
                </td>
                <td className="mono">{ctx.server}</td>
                <td>
                  {ctx.userKind}
                  {ctx.note && <p className="hint-warning small">{ctx.note}</p>}
                  {clusterNameProblem(ctx.name, clusters) && (
                    <p className="hint-warning small">
                      A cluster named "{ctx.name}" already exists: importing it starts at its name, to rename it.
                    </p>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    disabled={!ctx.importable}
                    onClick={async () => {
                      setError(undefined);
                      const result = await call('clusters:importKubeconfig', {
                        content: content ?? '',
                        context: ctx.name,
                      });
                      if (!result.ok) return setError(result.error);
                      const { draft, warnings } = result.value;
                      onDraft(
                        {
                          ...EMPTY_DRAFT,
                          name: draft.name,
                          server: draft.server,
                          caPem: draft.caPem,
                          token: draft.token,
                          tlsServerName: draft.options.tlsServerName ?? '',
                          proxyUrl: draft.options.proxyUrl ?? '',
                        },
                        warnings,
                      );
                    }}
                  >
                    Import {ctx.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
