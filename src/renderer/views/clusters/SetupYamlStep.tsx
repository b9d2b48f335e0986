// The setup YAML for the cluster's admin: variant, names, the YAML itself, and the kubectl commands beside it.
import { useEffect, useState } from 'react';
import type { SetupVariant, SetupYaml } from '../../../shared/clusters';
import type { ErrorData } from '../../../shared/errors';
import { call } from '../../client';
import { ErrorNote } from '../../components/ErrorNote';
import { copyText, saveAs } from '../../save-text';

export function SetupYamlStep({ variant, onVariant }: { variant: SetupVariant; onVariant(v: SetupVariant): void }) {
  const [namespace, setNamespace] = useState('strongroom');
  const [targets, setTargets] = useState('');
  const [setup, setSetup] = useState<SetupYaml>();
  const [error, setError] = useState<ErrorData>();

  useEffect(() => {
    // Answers can arrive out of order while the user types; only the latest request may show.
    let current = true;
    const targetNamespaces = targets.split(/[\s,]+/).filter(Boolean);
    void call('clusters:setupYaml', {
      variant,
      namespace,
      ...(variant === 'namespaced' ? { targetNamespaces } : {}),
    }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setSetup(result.value);
        setError(undefined);
      } else {
        setSetup(undefined);
        setError(result.error);
      }
    });
    return () => {
      current = false;
    };
  }, [variant, namespace, targets]);

  return (
    <div>
      <p className="muted">
        Strongroom signs in with a ServiceAccount token. Give this YAML to whoever administers the cluster (or apply it
        yourself), then paste the token it creates below.
      </p>
      <div className="row wrap">
        <label className="inline">
          Access
          <select
            aria-label="Setup variant"
            value={variant}
            onChange={(e) => onVariant(e.target.value as SetupVariant)}
          >
            <option value="read-only">Read-only (fetch and review)</option>
            <option value="read-write">Read-write (also rotate, restart, JIT access)</option>
            <option value="namespaced">Only some namespaces</option>
          </select>
        </label>
        <label className="inline">
          Namespace of the account
          <input
            type="text"
            aria-label="Account namespace"
            value={namespace}
            onChange={(e) => setNamespace(e.target.value)}
          />
        </label>
        {variant === 'namespaced' && (
          <label className="inline">
            Namespaces to manage
            <input
              type="text"
              aria-label="Namespaces to manage"
              placeholder="payments, billing"
              value={targets}
              onChange={(e) => setTargets(e.target.value)}
            />
          </label>
        )}
      </div>
      <ErrorNote error={error} />
      {setup && (
        <>
          <pre className="code-block yaml" data-testid="setup-yaml">
            {setup.yaml}
          </pre>
          <div className="row">
            <button type="button" className="secondary" onClick={() => void copyText(setup.yaml, 'The YAML')}>
              Copy YAML
            </button>
            <button type="button" className="secondary" onClick={() => saveAs(setup.fileName, setup.yaml)}>
              Save as {setup.fileName}
            </button>
          </div>
          <h3>Then run</h3>
          <dl className="commands">
            <dt>Apply it</dt>
            <dd>
              <code>{setup.commands.apply}</code>
            </dd>
            <dt>Print the token</dt>
            <dd>
              <code>{setup.commands.printToken}</code>
            </dd>
            <dt>Print the CA</dt>
            <dd>
              <code>{setup.commands.printCa}</code>
            </dd>
          </dl>
        </>
      )}
    </div>
  );
}
