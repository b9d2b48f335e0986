// Offline review: open Secret files or bundles without a cluster, review them, and export a clean copy.

import { useMemo, useState } from 'react';
import type { ErrorData } from '../../shared/errors';
import type { OfflineReview, ReviewSecret } from '../../shared/ipc/transfer';
import { call } from '../client';
import { ErrorNote } from '../components/ErrorNote';
import { ExportForm } from '../components/ExportForm';
import { FileInput } from '../components/FileInput';
import { SecretDetail } from '../components/SecretDetail';
import { TextInput } from '../components/TextInput';
import { readFileBase64 } from '../files';
import { useUi } from '../store/ui';

interface Pending {
  fileName: string;
  base64: string;
}

function Opener({ onOpened }: { onOpened(review: OfflineReview): void }) {
  const [pending, setPending] = useState<Pending>();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);

  const open = async (file: Pending, bundlePassphrase?: string) => {
    setBusy(true);
    const result = await call('transfer:openOffline', {
      fileName: file.fileName,
      content: { encoding: 'base64', base64: file.base64 },
      ...(bundlePassphrase ? { passphrase: bundlePassphrase } : {}),
    });
    setBusy(false);
    if (result.ok) {
      setPending(undefined);
      setPassphrase('');
      setError(undefined);
      return onOpened(result.value);
    }
    if (result.error.code === 'wrong_passphrase') {
      setPending(file);
      setError(bundlePassphrase ? result.error : undefined);
      return;
    }
    setPending(undefined);
    setError(result.error);
  };

  return (
    <section className="card">
      <FileInput
        className="drop"
        caption={
          <span>
            Open a Secrets file: a Secret or Secret list as <code>kubectl get -o json|yaml</code> prints it,
            multi-document YAML, a Strongroom export or an encrypted bundle.
          </span>
        }
        accept=".json,.yaml,.yml,.srb,.bundle,application/json"
        onFile={async (file) => {
          setError(undefined);
          await open({ fileName: file.name, base64: await readFileBase64(file) });
        }}
      />
      {pending && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void open(pending, passphrase);
          }}
        >
          <label className="inline">
            {pending.fileName} is an encrypted bundle. Passphrase
            <input
              type="password"
              aria-label="Bundle passphrase"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </label>
          <button type="submit" className="primary" disabled={busy || !passphrase}>
            Open
          </button>
        </form>
      )}
      <ErrorNote error={error} />
      <p className="muted small">
        Nothing you open here is stored; it is forgotten when you close it or the vault locks.
      </p>
    </section>
  );
}

function Exporter({ review }: { review: OfflineReview }) {
  return (
    <ExportForm
      title="Export a clean copy"
      baseName={`${review.fileName.replace(/\.[^.]+$/, '')}-export`}
      formats={[
        { value: 'list', label: 'All Secrets as a v1 List (.json)' },
        { value: 'json', label: 'One Secret manifest (.json)', disabled: review.secrets.length !== 1 },
        { value: 'bundle', label: 'Encrypted bundle' },
      ]}
      submit={(request) => call('transfer:exportOffline', { sessionId: review.sessionId, ...request })}
    />
  );
}

/** Stores the open file's Secrets in the vault, one resource per namespace, named `<namespace>-<name>`. */
function Importer({ review }: { review: OfflineReview }) {
  const [name, setName] = useState(
    review.fileName
      .replace(/\.[^.]+$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63) || 'import',
  );
  const [error, setError] = useState<ErrorData>();
  const { notify } = useUi.getState();
  return (
    <details className="card">
      <summary>Import into the vault</summary>
      <p className="muted">
        Stores these Secrets encrypted in the vault, one resource per namespace named{' '}
        <code>&lt;namespace&gt;-{name}</code>. Importing a changed file again keeps the old values as history.
      </p>
      <div className="row">
        <input type="text" aria-label="Import name" value={name} onChange={(e) => setName(e.target.value)} />
        <button
          type="button"
          className="primary"
          disabled={!name}
          onClick={async () => {
            const result = await call('transfer:importOffline', { sessionId: review.sessionId, name });
            if (!result.ok) return setError(result.error);
            setError(undefined);
            const added = result.value.resources.reduce((n, r) => n + r.added + r.changed, 0);
            notify({
              level: 'info',
              message: `Imported into ${result.value.resources.map((r) => r.name).join(', ')}: ${added} new or changed Secret(s).`,
            });
          }}
        >
          Import
        </button>
      </div>
      <ErrorNote error={error} />
    </details>
  );
}

function SecretList({
  secrets,
  selected,
  onSelect,
}: {
  secrets: ReviewSecret[];
  selected: number | undefined;
  onSelect(i: number): void;
}) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return secrets.filter((s) => words.every((w) => `${s.namespace}/${s.name} ${s.type}`.toLowerCase().includes(w)));
  }, [secrets, filter]);
  return (
    <div className="secret-list card">
      <TextInput
        type="search"
        placeholder="Filter by name, namespace or type"
        label="Filter Secrets"
        value={filter}
        onChange={setFilter}
      />
      <ul aria-label="Secrets in the file">
        {shown.map((s) => (
          <li key={s.index}>
            <button
              type="button"
              className={s.index === selected ? 'list-item active' : 'list-item'}
              onClick={() => onSelect(s.index)}
            >
              <span>
                {s.namespace && <span className="muted">{s.namespace}/</span>}
                {s.name}
              </span>
              <span className="muted small">
                {s.type} · {s.keys.length} key{s.keys.length === 1 ? '' : 's'}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function OfflineView() {
  const [review, setReview] = useState<OfflineReview>();
  const [selected, setSelected] = useState<number>();
  const secret = review?.secrets.find((s) => s.index === selected);

  return (
    <div className="view wide">
      <header className="view-header">
        <h1>Offline review</h1>
        <p className="muted">Review Secret files without any cluster. Values stay hidden until you reveal a key.</p>
      </header>
      {!review ? (
        <Opener
          onOpened={(r) => {
            setReview(r);
            setSelected(r.secrets[0]?.index);
          }}
        />
      ) : (
        <>
          <div className="toolbar">
            <strong>{review.fileName}</strong>
            <span className="muted">
              {review.secrets.length} Secret{review.secrets.length === 1 ? '' : 's'} · {review.format}
            </span>
            <span className="spacer" />
            <button
              type="button"
              className="secondary"
              onClick={async () => {
                await call('transfer:closeOffline', { sessionId: review.sessionId });
                setReview(undefined);
              }}
            >
              Close file
            </button>
          </div>
          {review.warnings.map((w) => (
            <p key={w} className="hint-warning">
              {w}
            </p>
          ))}
          <Importer review={review} />
          <Exporter review={review} />
          <div className="split">
            <SecretList secrets={review.secrets} selected={selected} onSelect={setSelected} />
            {secret && (
              <SecretDetail
                key={`${review.sessionId}:${secret.index}`}
                title={secret.namespace ? `${secret.namespace}/${secret.name}` : secret.name}
                secret={secret}
                facts={[
                  ['Type', secret.type],
                  ['Size', `${secret.size} bytes`],
                  ...(secret.resourceVersion
                    ? ([['resourceVersion', secret.resourceVersion]] as [string, string][])
                    : []),
                  ...(secret.creationTimestamp ? ([['Created', secret.creationTimestamp]] as [string, string][]) : []),
                ]}
                labels={secret.labels}
                annotations={secret.annotations}
                keys={secret.keys}
                reveal={(key, view) =>
                  call('transfer:revealOffline', { sessionId: review.sessionId, secretIndex: secret.index, key, view })
                }
                copyTarget={(key) => `${review.fileName}:${secret.namespace}/${secret.name}#${key}`}
                source="offline"
              />
            )}
          </div>
        </>
      )}
    </div>
  );
}
