// The wizard's "Reach the cluster through a gateway" section: none, an SSH jump host (known_hosts, key file or ssh-agent) or an HTTP CONNECT proxy.
import type { ClusterGateway, ClusterOptionsPatch } from '../../../shared/clusters';
import { formatSshAddress, parseSshAddress } from '../../../shared/gateway-address';
import { FileInput } from '../../components/FileInput';
import { TextField } from '../../components/TextField';
import { KeptCredentials } from './KeptCredentials';

/** The section's fields as typed; turned into the IPC gateway by `gatewayInput`. */
export interface GatewayForm {
  kind: 'none' | 'ssh' | 'http-connect';
  /** `user@host[:port]` of the jump host. */
  address: string;
  knownHosts: string;
  /** ssh-agent, a key file read now (kept in the vault), or the key the vault already holds. */
  keySource: 'agent' | 'file' | 'saved';
  privateKey: string;
  keyFileName: string;
  url: string;
  /** Editing: keep the proxy user and password the vault holds (never shown) when the URL gives none. */
  keepCredentials: boolean;
}

export const NO_GATEWAY: GatewayForm = {
  kind: 'none',
  address: '',
  knownHosts: '',
  keySource: 'agent',
  privateKey: '',
  keyFileName: '',
  url: '',
  keepCredentials: false,
};

/** The form for a saved cluster's gateway; a stored key or proxy password is never sent back, only said to be there. */
export function gatewayFormOf(g: ClusterGateway | undefined): GatewayForm {
  if (!g) return NO_GATEWAY;
  if (g.kind === 'http-connect')
    return { ...NO_GATEWAY, kind: 'http-connect', url: g.url, keepCredentials: g.hasCredentials === true };
  return {
    ...NO_GATEWAY,
    kind: 'ssh',
    address: formatSshAddress(g),
    knownHosts: g.knownHosts,
    keySource: g.hasPrivateKey ? 'saved' : 'agent',
  };
}

/** What is wrong with the fields before anything is sent, in plain words; undefined when nothing is. */
export function gatewayProblem(f: GatewayForm): string | undefined {
  if (f.kind === 'http-connect') {
    if (!/^http:\/\/[^/\s]+/.test(f.url.trim()))
      return 'The proxy must be an http:// URL, e.g. http://proxy.internal:3128.';
    return undefined;
  }
  if (f.kind !== 'ssh') return undefined;
  if (!parseSshAddress(f.address)) return 'The jump host must read user@host or user@host:port (port 1–65535).';
  if (!f.knownHosts.trim()) return "Give the jump host's known_hosts line(s), so its key can be checked.";
  if (f.keySource === 'file' && !f.privateKey) return 'Choose the private key file, or use ssh-agent.';
  return undefined;
}

/** The gateway as clusters:test / save / update take it (`none` removes a saved one). */
export function gatewayInput(f: GatewayForm): NonNullable<ClusterOptionsPatch['gateway']> {
  if (f.kind === 'http-connect')
    return { kind: 'http-connect', url: f.url.trim(), ...(f.keepCredentials ? { hasCredentials: true } : {}) };
  const address = f.kind === 'ssh' ? parseSshAddress(f.address) : undefined;
  if (!address) return { kind: 'none' };
  return {
    kind: 'ssh',
    ...address,
    knownHosts: f.knownHosts,
    ...(f.keySource === 'file' ? { privateKey: f.privateKey } : {}),
    ...(f.keySource === 'saved' ? { hasPrivateKey: true } : {}),
  };
}

export function GatewayFields({
  value,
  hasSavedKey,
  hasSavedCredentials = false,
  onChange,
}: {
  value: GatewayForm;
  /** The cluster being edited keeps a key in the vault. */
  hasSavedKey: boolean;
  /** The cluster being edited keeps a proxy user and password in the vault. */
  hasSavedCredentials?: boolean;
  onChange(next: GatewayForm): void;
}) {
  const set = (patch: Partial<GatewayForm>) => onChange({ ...value, ...patch });
  const problem = gatewayProblem(value);
  return (
    <fieldset className="stack gateway-fields">
      <legend>Gateway</legend>
      <label className="field">
        <span>Gateway to the API server</span>
        <select value={value.kind} onChange={(e) => set({ kind: e.target.value as GatewayForm['kind'] })}>
          <option value="none">Directly (no gateway)</option>
          <option value="ssh">SSH jump host</option>
          <option value="http-connect">HTTP CONNECT proxy</option>
        </select>
      </label>
      {value.kind === 'http-connect' && (
        <TextField
          label="Gateway proxy URL, http://[user:password@]host:port"
          value={value.url}
          onChange={(url) => set({ url })}
        />
      )}
      {value.kind === 'http-connect' && hasSavedCredentials && (
        <KeptCredentials
          label="Keep the proxy user and password saved in the vault"
          checked={value.keepCredentials}
          onChange={(keepCredentials) => set({ keepCredentials })}
        />
      )}
      {value.kind === 'ssh' && (
        <>
          <TextField label="Jump host, user@host:port" value={value.address} onChange={(address) => set({ address })} />
          <label className="field">
            <span>Jump host known_hosts line(s) (ssh-keyscan -p PORT HOST, checked with its administrator)</span>
            <textarea
              className="mono"
              rows={3}
              value={value.knownHosts}
              onChange={(e) => set({ knownHosts: e.target.value })}
            />
          </label>
          <FileInput
            className="field"
            caption={<span>known_hosts file (fills the lines above)</span>}
            onFile={async (file) => set({ knownHosts: await file.text() })}
          />
          <fieldset className="radio-group">
            <legend>Key</legend>
            <label className="check">
              <input
                type="radio"
                name="gateway-key"
                checked={value.keySource === 'agent'}
                onChange={() => set({ keySource: 'agent', privateKey: '', keyFileName: '' })}
              />
              Use ssh-agent
            </label>
            {hasSavedKey && (
              <label className="check">
                <input
                  type="radio"
                  name="gateway-key"
                  checked={value.keySource === 'saved'}
                  onChange={() => set({ keySource: 'saved', privateKey: '', keyFileName: '' })}
                />
                Keep the key saved in the vault
              </label>
            )}
            <label className="check">
              <input
                type="radio"
                name="gateway-key"
                checked={value.keySource === 'file'}
                onChange={() => set({ keySource: 'file' })}
              />
              A private key file, kept encrypted in the vault
            </label>
            {value.keySource === 'file' && (
              <>
                <FileInput
                  className="field"
                  caption={<span>Private key file (without a passphrase)</span>}
                  onFile={async (file) => set({ privateKey: await file.text(), keyFileName: file.name })}
                />
                {value.keyFileName && <p className="muted small">Chosen: {value.keyFileName}</p>}
              </>
            )}
          </fieldset>
        </>
      )}
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
