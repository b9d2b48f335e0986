// The Secret as YAML with its values masked; revealing goes through the detail's one reveal path (audited per key).
import { Copy, Eye, EyeOff } from 'lucide-react';
import { useState } from 'react';
import type { ErrorData, Result } from '../../shared/errors';
import type { DecodedValue, DecodeView } from '../../shared/secrets';
import { copySecret } from '../copy';
import { copyText } from '../save-text';
import { base64Of, bytesFromHexDump, type SecretIdentity, secretYaml } from '../secret-yaml';
import { ErrorNote } from './ErrorNote';

export interface SecretYamlProps {
  secret: SecretIdentity;
  keys: string[];
  reveal(key: string, view: DecodeView): Promise<Result<DecodedValue>>;
  /** Audit target of a copy of the revealed YAML. */
  copyTarget: string;
  source: 'vault' | 'offline';
}

export function SecretYaml({ secret, keys, reveal, copyTarget, source }: SecretYamlProps) {
  const [revealed, setRevealed] = useState<Map<string, string>>();
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);
  const yaml = secretYaml(secret, keys, revealed);

  const show = async () => {
    setBusy(true);
    setError(undefined);
    const values = new Map<string, string>();
    // The hex view carries every byte, so the YAML shows exactly what the cluster stores.
    for (const key of keys) {
      const result = await reveal(key, 'hex');
      if (!result.ok) {
        setBusy(false);
        return setError(result.error);
      }
      if (result.value.kind === 'binary') values.set(key, base64Of(bytesFromHexDump(result.value.hexLines)));
    }
    setBusy(false);
    setRevealed(values);
  };

  return (
    <details className="secret-yaml">
      <summary>YAML</summary>
      <div className="value-bar">
        {revealed ? (
          <button type="button" className="secondary" onClick={() => setRevealed(undefined)}>
            <EyeOff size={14} aria-hidden="true" /> Hide values
          </button>
        ) : (
          <button type="button" className="secondary" disabled={busy || keys.length === 0} onClick={() => void show()}>
            <Eye size={14} aria-hidden="true" /> Reveal values
          </button>
        )}
        <button
          type="button"
          className="secondary"
          onClick={() => void (revealed ? copySecret(yaml, copyTarget, source) : copyText(yaml, 'The masked YAML'))}
        >
          <Copy size={14} aria-hidden="true" /> Copy YAML
        </button>
      </div>
      <ErrorNote error={error} />
      <pre className="value-text" data-testid="secret-yaml">
        {yaml}
      </pre>
    </details>
  );
}
