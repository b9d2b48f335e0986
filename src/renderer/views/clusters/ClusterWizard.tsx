// Add or edit a cluster in four steps: where it is, which CA to trust, which account, then test and save.
import { useEffect, useRef, useState } from 'react';
import type {
  ClusterSummary,
  ConnectionStepResult,
  ConnectionTestResult,
  SetupVariant,
} from '../../../shared/clusters';
import type { ErrorData } from '../../../shared/errors';
import { call } from '../../client';
import { ErrorNote } from '../../components/ErrorNote';
import { TextField } from '../../components/TextField';
import { newProgressId, useClusters, watchTestProgress } from '../../store/clusters';
import { useUi } from '../../store/ui';
import { CertificateStep } from './CertificateStep';
import { clusterNameProblem } from './cluster-name';
import {
  GatewayFields,
  type GatewayForm,
  gatewayFormOf,
  gatewayInput,
  gatewayProblem,
  NO_GATEWAY,
} from './GatewayFields';
import { KeptCredentials } from './KeptCredentials';
import { SetupYamlStep } from './SetupYamlStep';
import { TestSteps } from './TestSteps';

/** The facts the wizard collects; the token is only ever typed or imported here, never read back. */
export interface WizardDraft {
  name: string;
  server: string;
  caPem: string;
  token: string;
  tlsServerName: string;
  proxyUrl: string;
  /** Editing: keep the proxy user and password the vault holds (never shown) when the URL gives none. */
  proxyKeepCredentials: boolean;
  timeoutSeconds: number;
  includeNamespaces: string;
  excludeNamespaces: string;
  variant: SetupVariant;
  gateway: GatewayForm;
}

export const EMPTY_DRAFT: WizardDraft = {
  name: '',
  server: 'https://',
  caPem: '',
  token: '',
  tlsServerName: '',
  proxyUrl: '',
  proxyKeepCredentials: false,
  timeoutSeconds: 10,
  includeNamespaces: '',
  excludeNamespaces: '',
  variant: 'read-only',
  gateway: NO_GATEWAY,
};

export function draftFromCluster(cluster: ClusterSummary): WizardDraft {
  return {
    name: cluster.name,
    server: cluster.server,
    caPem: cluster.caPem,
    token: '',
    tlsServerName: cluster.options.tlsServerName ?? '',
    proxyUrl: cluster.options.proxyUrl ?? '',
    proxyKeepCredentials: cluster.options.proxyHasCredentials === true,
    timeoutSeconds: Math.round(cluster.options.timeoutMs / 1000),
    includeNamespaces: cluster.options.includeNamespaces.join(', '),
    excludeNamespaces: cluster.options.excludeNamespaces.join(', '),
    variant: cluster.options.variant,
    gateway: gatewayFormOf(cluster.options.gateway),
  };
}

const list = (text: string) => text.split(/[\s,]+/).filter(Boolean);

function optionsOf(d: WizardDraft) {
  return {
    includeNamespaces: list(d.includeNamespaces),
    excludeNamespaces: list(d.excludeNamespaces),
    timeoutMs: d.timeoutSeconds * 1000,
    variant: d.variant,
    gateway: gatewayInput(d.gateway),
    // Sent even when empty: an emptied field clears what an edited cluster had (main drops empty values).
    tlsServerName: d.tlsServerName,
    proxyUrl: d.proxyUrl,
    ...(d.proxyKeepCredentials ? { proxyHasCredentials: true } : {}),
  };
}

/** How a saved cluster is reached, as the edit form holds it; the token only when a new one is typed. */
function editOf(d: WizardDraft) {
  return {
    server: d.server,
    caPem: d.caPem,
    options: optionsOf(d),
    ...(d.token ? { token: d.token.trim() } : {}),
  };
}

/** A new cluster as the wizard holds it. */
function newClusterOf(d: WizardDraft) {
  return { name: d.name, server: d.server, caPem: d.caPem, token: d.token.trim(), options: optionsOf(d) };
}

const STEPS = ['Cluster', 'Trust', 'Account', 'Test and save'] as const;

export function ClusterWizard({
  editing,
  initial,
  onDone,
}: {
  editing?: ClusterSummary;
  initial?: WizardDraft;
  onDone(): void;
}) {
  const [draft, setDraft] = useState<WizardDraft>(initial ?? (editing ? draftFromCluster(editing) : EMPTY_DRAFT));
  const { clusters, loaded, refresh } = useClusters();
  const nameProblem = clusterNameProblem(draft.name, clusters, editing?.id);
  // An imported draft goes straight to the test, unless its name is taken: then it starts where the name is.
  const [step, setStep] = useState(() =>
    initial && !clusterNameProblem(initial.name, useClusters.getState().clusters) ? 3 : 0,
  );
  const [steps, setSteps] = useState<ConnectionStepResult[]>([]);
  const [result, setResult] = useState<ConnectionTestResult>();
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);
  const [saveAnyway, setSaveAnyway] = useState(false);
  const notify = useUi((s) => s.notify);
  const heading = useRef<HTMLHeadingElement>(null);
  // Any change to the input makes an earlier error stale.
  const set = (patch: Partial<WizardDraft>) => {
    setError(undefined);
    setDraft((d) => ({ ...d, ...patch }));
  };

  useEffect(() => {
    heading.current?.focus();
  }, []);

  useEffect(() => {
    if (!loaded) void refresh();
  }, [loaded, refresh]);

  const canNext = [
    draft.name.trim() !== '' && !nameProblem && /^https:\/\/.+/.test(draft.server) && !gatewayProblem(draft.gateway),
    draft.caPem !== '',
    editing ? true : draft.token.trim() !== '',
    true,
  ][step];

  const runTest = async () => {
    const progressId = newProgressId();
    setSteps([]);
    setResult(undefined);
    setError(undefined);
    setBusy(true);
    const stop = watchTestProgress(progressId, setSteps);
    // An edit is tested exactly as the form holds it, without saving it.
    const payload = editing
      ? { id: editing.id, ...editOf(draft), progressId }
      : { draft: newClusterOf(draft), progressId };
    const r = await call('clusters:test', payload);
    stop();
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error);
  };

  const save = async () => {
    setBusy(true);
    setError(undefined);
    const r = editing
      ? await call('clusters:update', {
          id: editing.id,
          patch: { name: draft.name, ...editOf(draft) },
          saveAnyway,
        })
      : await call('clusters:save', { draft: newClusterOf(draft), saveAnyway });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    if (r.value.test) setResult(r.value.test);
    await refresh();
    notify({ level: 'info', message: editing ? `Saved changes to ${draft.name}.` : `Added ${draft.name}.` });
    onDone();
  };

  return (
    <section className="card wizard" aria-label={editing ? `Edit ${editing.name}` : 'Add a cluster'}>
      <h2 ref={heading} tabIndex={-1}>
        {editing ? `Edit ${editing.name}` : 'Add a cluster'}
      </h2>
      <ol className="wizard-steps">
        {STEPS.map((label, index) => (
          <li key={label} className={index === step ? 'current' : index < step ? 'done' : undefined}>
            <button type="button" className="link" onClick={() => setStep(index)} disabled={index > step && !editing}>
              {label}
            </button>
          </li>
        ))}
      </ol>
      {step === 0 && (
        <div className="stack">
          <TextField label="Cluster name (unique)" value={draft.name} onChange={(name) => set({ name })} />
          <ErrorNote error={nameProblem ? { code: 'already_exists', message: nameProblem } : undefined} />
          <TextField label="API URL" value={draft.server} onChange={(server) => set({ server })} />
          <details>
            <summary>Options</summary>
            <TextField
              label="TLS server name (when the certificate names another host)"
              value={draft.tlsServerName}
              onChange={(tlsServerName) => set({ tlsServerName })}
            />
            <TextField
              label="Proxy URL (HTTP CONNECT), e.g. http://bastion.local:3128"
              value={draft.proxyUrl}
              onChange={(proxyUrl) => set({ proxyUrl })}
            />
            {editing?.options.proxyHasCredentials && (
              <KeptCredentials
                label="Keep the proxy URL's user and password saved in the vault"
                checked={draft.proxyKeepCredentials}
                onChange={(proxyKeepCredentials) => set({ proxyKeepCredentials })}
              />
            )}
            <label className="field">
              <span>Request timeout (seconds)</span>
              <input
                type="number"
                min={1}
                max={300}
                value={draft.timeoutSeconds}
                onChange={(e) => set({ timeoutSeconds: Number(e.target.value) || 10 })}
              />
            </label>
            <TextField
              label="Include namespaces: only these (empty: all)"
              value={draft.includeNamespaces}
              onChange={(includeNamespaces) => set({ includeNamespaces })}
            />
            <TextField
              label="Exclude namespaces: never these"
              value={draft.excludeNamespaces}
              onChange={(excludeNamespaces) => set({ excludeNamespaces })}
            />
          </details>
          <details open={draft.gateway.kind !== 'none'}>
            <summary>Reach the cluster through a gateway</summary>
            <GatewayFields
              value={draft.gateway}
              hasSavedKey={editing?.options.gateway?.kind === 'ssh' && editing.options.gateway.hasPrivateKey === true}
              hasSavedCredentials={
                editing?.options.gateway?.kind === 'http-connect' && editing.options.gateway.hasCredentials === true
              }
              onChange={(gateway) => set({ gateway })}
            />
          </details>
        </div>
      )}
      {step === 1 && <CertificateStep server={draft.server} caPem={draft.caPem} onChange={(caPem) => set({ caPem })} />}
      {step === 2 && (
        <>
          <SetupYamlStep variant={draft.variant} onVariant={(variant) => set({ variant })} />
          <label className="field token-field">
            <span>
              {editing ? 'New ServiceAccount token (leave empty to keep the saved one)' : 'ServiceAccount token'}
            </span>
            <input
              type="password"
              autoComplete="off"
              aria-label="Token"
              value={draft.token}
              onChange={(e) => set({ token: e.target.value })}
            />
          </label>
          <p className="muted small">The token is stored encrypted in the vault and never shown again.</p>
        </>
      )}
      {step === 3 && (
        <>
          <div className="row">
            <button type="button" className="secondary" disabled={busy} onClick={() => void runTest()}>
              {busy ? 'Testing…' : 'Test connection'}
            </button>
          </div>
          {(steps.length > 0 || result) && <TestSteps steps={steps} result={result} />}
          {result && !result.ok && (
            <label className="check">
              <input type="checkbox" checked={saveAnyway} onChange={(e) => setSaveAnyway(e.target.checked)} />
              Save anyway, although the test failed (this is recorded in the audit log)
            </label>
          )}
        </>
      )}
      <ErrorNote error={error} />
      <div className="row wizard-nav">
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
        <span className="spacer" />
        {step > 0 && (
          <button type="button" className="secondary" onClick={() => setStep(step - 1)}>
            Back
          </button>
        )}
        {step < 3 ? (
          <button type="button" className="primary" disabled={!canNext} onClick={() => setStep(step + 1)}>
            Next
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            // A new cluster needs a passing test or an explicit "save anyway"; main re-tests an edit that changes how the cluster is reached.
            disabled={busy || Boolean(nameProblem) || (!editing && !(result?.ok || saveAnyway))}
            onClick={() => void save()}
          >
            {editing ? 'Save changes' : 'Save cluster'}
          </button>
        )}
      </div>
    </section>
  );
}
