// The generated manifest: YAML or patch to copy and save, the diff against the cluster, and apply after confirmation.
import { useState } from 'react';
import type { AgentManifestView } from '../../../shared/ipc/agent';
import { copyText, saveAs } from '../../save-text';

const OP_CLASS = { ' ': 'diff-line', '+': 'diff-line added', '-': 'diff-line removed' } as const;

export function ManifestResult({
  view,
  applying,
  onApply,
}: {
  view: AgentManifestView;
  applying: boolean;
  onApply(): void;
}) {
  const [show, setShow] = useState<'yaml' | 'patch' | 'diff'>('yaml');
  const [confirming, setConfirming] = useState(false);
  const text = show === 'patch' ? view.patchYaml : view.yaml;
  const changed = view.diff.filter((l) => l.op !== ' ').length;
  return (
    <section className="agent-result" aria-label="Generated manifest">
      {view.notes.length > 0 && (
        <ul className="notes">
          {view.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <div className="row" role="tablist" aria-label="Show">
        {(['yaml', 'patch', 'diff'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={show === t}
            className={show === t ? 'secondary active' : 'secondary'}
            onClick={() => setShow(t)}
          >
            {t === 'yaml'
              ? 'YAML (kubectl apply -f)'
              : t === 'patch'
                ? 'Patch (kubectl patch)'
                : `Diff (${changed} lines change)`}
          </button>
        ))}
      </div>
      {show === 'diff' ? (
        <pre className="code-block agent-diff" data-testid="agent-diff">
          {view.diff.map((l, i) => (
            // Lines of a diff have no identity but their position.
            // biome-ignore lint/suspicious/noArrayIndexKey: the diff never reorders
            <span key={i} className={OP_CLASS[l.op]}>
              {`${l.op} ${l.text}\n`}
            </span>
          ))}
        </pre>
      ) : (
        <pre className="code-block yaml" data-testid="agent-yaml">
          {text}
        </pre>
      )}
      <div className="row">
        <button
          type="button"
          className="secondary"
          onClick={() => void copyText(text, show === 'patch' ? 'The patch' : 'The YAML')}
        >
          Copy
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => saveAs(show === 'patch' ? view.fileName.replace('.yaml', '-patch.yaml') : view.fileName, text)}
        >
          Save as {show === 'patch' ? view.fileName.replace('.yaml', '-patch.yaml') : view.fileName}
        </button>
        <span className="spacer" />
        {confirming ? (
          <>
            <span>Apply these changes with the cluster's account?</span>
            <button type="button" className="primary" disabled={applying} onClick={onApply}>
              {applying ? 'Applying…' : 'Apply now'}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setShow('diff');
              setConfirming(true);
            }}
          >
            Review diff and apply…
          </button>
        )}
      </div>
    </section>
  );
}
