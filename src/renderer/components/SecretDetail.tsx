// One Secret's metadata and keys, values hidden until revealed one key at a time (each reveal is audited in main), its YAML and consumers.
import { Eye } from 'lucide-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { Result } from '../../shared/errors';
import type { SecretConsumer } from '../../shared/ipc/secret-consumers';
import type { DecodedValue, DecodeView } from '../../shared/secrets';
import { copySecret } from '../copy';
import { useUi } from '../store/ui';
import { SecretConsumers } from './SecretConsumers';
import { SecretYaml } from './SecretYaml';
import { ValueViewer } from './ValueViewer';

export interface SecretDetailProps {
  title: string;
  /** The Secret's name, namespace and type, for its YAML. */
  secret: { name: string; namespace: string | null; type: string };
  facts: [string, ReactNode][];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  keys: { name: string; size: number }[];
  reveal(key: string, view: DecodeView): Promise<Result<DecodedValue>>;
  /** Audit target of a copy, e.g. `file.yaml/ns/name#key`. */
  copyTarget(key: string): string;
  source: 'vault' | 'offline';
  /** Lists the workloads using the Secret, live from its cluster; absent for a Secret from a file. */
  consumers?(): Promise<Result<SecretConsumer[]>>;
}

function KeyRow({ name, size, props }: { name: string; size: number; props: SecretDetailProps }) {
  const notifyError = useUi((s) => s.notifyError);
  const [value, setValue] = useState<DecodedValue>();
  const [view, setView] = useState<DecodeView>('auto');
  const [busy, setBusy] = useState(false);
  const revealButton = useRef<HTMLButtonElement>(null);
  const hidden = useRef(false);
  // After Hide, the focus goes back to this key's Reveal button rather than to the page body.
  useEffect(() => {
    if (!value && hidden.current) revealButton.current?.focus();
    hidden.current = false;
  }, [value]);

  const show = async (next: DecodeView) => {
    setBusy(true);
    const result = await props.reveal(name, next);
    setBusy(false);
    if (!result.ok) return notifyError(result.error);
    setView(next);
    setValue(result.value);
  };

  return (
    <li className="key-row">
      <div className="key-head">
        <span className="mono key-name">{name}</span>
        <span className="muted small">{size} B</span>
        <span className="spacer" />
        {!value && (
          <button
            ref={revealButton}
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void show('auto')}
            aria-label={`Reveal ${name}`}
          >
            <Eye size={14} aria-hidden="true" /> Reveal
          </button>
        )}
        {!value && (
          <span className="masked" aria-hidden="true">
            ••••••••
          </span>
        )}
      </div>
      {value && (
        <ValueViewer
          keyName={name}
          value={value}
          view={view}
          onView={(next) => void show(next)}
          onCopy={(text) => void copySecret(text, props.copyTarget(name), props.source)}
          onHide={() => {
            hidden.current = true;
            setValue(undefined);
          }}
        />
      )}
    </li>
  );
}

function Pairs({ title, pairs }: { title: string; pairs: Record<string, string> }) {
  const entries = Object.entries(pairs);
  if (entries.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <dl className="facts small">
        {entries.map(([k, v]) => (
          <div key={k} className="pair">
            <dt className="mono">{k}</dt>
            <dd className="mono break">{v}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

export function SecretDetail(props: SecretDetailProps) {
  return (
    <section className="secret-detail card" aria-label={`Secret ${props.title}`}>
      <h2>{props.title}</h2>
      <dl className="facts">
        {props.facts.map(([k, v]) => (
          <div key={k} className="pair">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>Keys ({props.keys.length})</h3>
      {props.keys.length === 0 ? (
        <p className="muted">This Secret has no data.</p>
      ) : (
        <ul className="keys">
          {props.keys.map((key) => (
            <KeyRow key={key.name} name={key.name} size={key.size} props={props} />
          ))}
        </ul>
      )}
      <Pairs title="Labels" pairs={props.labels} />
      <Pairs title="Annotations" pairs={props.annotations} />
      <SecretYaml
        secret={{ ...props.secret, labels: props.labels, annotations: props.annotations }}
        keys={props.keys.map((k) => k.name)}
        reveal={props.reveal}
        copyTarget={props.copyTarget('*')}
        source={props.source}
      />
      {props.consumers && <SecretConsumers load={props.consumers} />}
    </section>
  );
}
