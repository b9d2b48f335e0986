// The Sessions view: start a just-in-time kubectl session, list live and past ones, read a command timeline, end or export one.
import { useEffect, useState } from 'react';
import type { ErrorData } from '../../shared/errors';
import type { AccessAccount, SessionDetail, SessionSummary } from '../../shared/ipc/access';
import { call } from '../client';
import { ClusterPicker, NoClusterYet, useClusterChoice } from '../components/ClusterPicker';
import { ErrorNote } from '../components/ErrorNote';
import { useGridNavigation } from '../components/useGridNavigation';
import { When } from '../components/When';
import { followSessions, useSessions } from '../store/sessions';
import { SessionTranscript } from './SessionTranscript';

const TTLS = [
  { label: '15 minutes', ms: 15 * 60_000 },
  { label: '30 minutes', ms: 30 * 60_000 },
  { label: '1 hour', ms: 3600_000 },
  { label: '4 hours', ms: 4 * 3600_000 },
];

function formatDuration(s: SessionSummary): string {
  const ms = (s.endedAt ?? Date.now()) - s.startedAt;
  const min = Math.floor(ms / 60_000);
  return min > 0 ? `${min} min ${Math.floor((ms % 60_000) / 1000)} s` : `${Math.round(ms / 1000)} s`;
}

function StartForm() {
  const setStarted = useSessions((s) => s.setStarted);
  const [clusterId, setClusterId] = useState('');
  const [accounts, setAccounts] = useState<AccessAccount[]>([]);
  const [account, setAccount] = useState('view');
  const [ttlMs, setTtlMs] = useState(TTLS[1]?.ms ?? 1_800_000);
  const [reason, setReason] = useState('');
  const [recordExec, setRecordExec] = useState(false);
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);
  const { clusters, loaded } = useClusterChoice(clusterId, setClusterId);
  useEffect(() => {
    if (!clusterId) return;
    void call('access:accounts', { clusterId }).then((r) => {
      if (r.ok) setAccounts(r.value);
      else setError(r.error);
    });
  }, [clusterId]);

  if (clusters.length === 0)
    return <NoClusterYet clusters={clusters} loaded={loaded} why="Sessions borrow a cluster's access accounts." />;
  return (
    <form
      className="toolbar"
      aria-label="Start a session"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        const r = await call('access:start', { clusterId, account, ttlMs, reason, recordExec });
        setBusy(false);
        if (r.ok) setStarted(r.value);
        else setError(r.error);
      }}
    >
      <ClusterPicker clusters={clusters} value={clusterId} onChange={setClusterId} />
      <label className="inline">
        Account
        <select value={account} onChange={(e) => setAccount(e.target.value)}>
          {accounts.map((a) => (
            <option key={a.name} value={a.name}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        For
        <select value={ttlMs} onChange={(e) => setTtlMs(Number(e.target.value))}>
          {TTLS.map((t) => (
            <option key={t.ms} value={t.ms}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <input
        type="text"
        aria-label="Reason"
        placeholder="Reason (kept in the log)"
        value={reason}
        maxLength={500}
        onChange={(e) => setReason(e.target.value)}
      />
      <label className="inline">
        <input type="checkbox" checked={recordExec} onChange={(e) => setRecordExec(e.target.checked)} />
        Record exec transcripts
      </label>
      <button type="submit" disabled={busy || !clusterId}>
        {busy ? 'Starting…' : 'Start session'}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}

function StartedNote() {
  const started = useSessions((s) => s.started);
  const live = useSessions((s) => s.sessions.find((x) => x.id === started?.session.id)?.live);
  if (!started || !live) return null;
  return (
    <div className="card" role="status" aria-label="Session kubeconfig">
      <p>Use this session from a terminal until it ends:</p>
      <pre className="code-block">export KUBECONFIG={started.kubeconfigPath}</pre>
    </div>
  );
}

function SessionTable() {
  const { sessions, select, selected } = useSessions();
  const nav = useGridNavigation({
    count: sessions.length,
    onOpen: (index) => void select(sessions[index]?.id),
    detailOpen: selected !== undefined,
    detailIndex: selected ? sessions.findIndex((s) => s.id === selected.id) : undefined,
    onClose: () => void select(undefined),
  });
  if (sessions.length === 0) return <p className="muted">No sessions yet.</p>;
  return (
    <table
      className="sessions-table"
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows a table to be a grid, the pattern for keyboard rows
      role="grid"
      {...nav.gridProps}
      aria-label="Sessions"
    >
      <thead>
        <tr>
          <th>Started</th>
          <th>Who</th>
          <th>Cluster</th>
          <th>Account</th>
          <th>Reason</th>
          <th>Duration</th>
          <th>Requests</th>
          <th>State</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s, index) => (
          <tr key={s.id} {...nav.rowProps(index)} aria-selected={selected?.id === s.id}>
            <td>
              <button type="button" className="link-button" onClick={() => void select(s.id)}>
                <When at={s.startedAt} />
              </button>
            </td>
            <td>{s.actor}</td>
            <td>{s.clusterName}</td>
            <td>{s.account}</td>
            <td>{s.reason}</td>
            <td>{formatDuration(s)}</td>
            <td>{s.requestCount}</td>
            <td>{s.live ? 'live' : `ended (${s.endReason})`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function exportJson(detail: SessionDetail): void {
  const blob = new Blob([`${JSON.stringify(detail, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `strongroom-session-${detail.id}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Timeline() {
  const { selected, select, end } = useSessions();
  if (!selected) return null;
  return (
    <aside className="details card" aria-label="Session timeline">
      <header className="details-head">
        <h2>
          {selected.clusterName} / {selected.account}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close timeline"
          onClick={() => void select(undefined)}
        >
          ×
        </button>
      </header>
      <dl className="facts">
        <dt>Identity</dt>
        <dd className="mono">{selected.identity}</dd>
        <dt>Until</dt>
        <dd>
          <When at={selected.endedAt ?? selected.expiresAt} />
        </dd>
        <dt>Exec transcripts</dt>
        <dd>{selected.recordExec ? 'recorded' : 'off'}</dd>
      </dl>
      <div className="toolbar">
        {selected.live && (
          <button type="button" onClick={() => void end(selected.id)}>
            End session
          </button>
        )}
        <button type="button" className="secondary" onClick={() => exportJson(selected)}>
          Export JSON
        </button>
      </div>
      <ol className="timeline" aria-label="Commands">
        {selected.requests.map((r) => (
          <li key={`${r.at}-${r.method}-${r.path}-${r.latencyMs}-${r.bytesOut}`}>
            <span className="muted">
              <When at={r.at} />
            </span>{' '}
            <span className={r.status >= 400 ? 'status failed' : 'status'}>{r.status}</span> <code>{r.command}</code>
            {r.execCommand !== undefined && <span className="muted"> (runs: {r.execCommand})</span>}
            {r.transcript && <SessionTranscript transcript={r.transcript} />}
          </li>
        ))}
      </ol>
    </aside>
  );
}

export function SessionsView() {
  const refresh = useSessions((s) => s.refresh);
  useEffect(() => {
    void refresh();
    return followSessions();
  }, [refresh]);
  return (
    <div className="view wide">
      <header className="view-header">
        <h1>Sessions</h1>
        <p className="muted">
          Just-in-time kubectl access through a local proxy that records each request as the command it came from.
        </p>
      </header>
      <StartForm />
      <StartedNote />
      <div className="split">
        <SessionTable />
        <Timeline />
      </div>
    </div>
  );
}
