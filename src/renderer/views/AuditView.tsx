// The Audit view: a virtualised, filterable list of events, event details, chain verification and export.

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { AuditEvent, AuditVerifyResult } from '../../shared/ipc/audit';
import { readableTarget } from '../audit-target';
import { call } from '../client';
import { StatusIcon } from '../components/StatusIcon';
import { TextInput } from '../components/TextInput';
import { useGridNavigation } from '../components/useGridNavigation';
import { When } from '../components/When';
import { calendarDay } from '../components/when-format';
import { followProposal, proposedName, safeFileName } from '../export-name';
import { saveDownload } from '../files';
import { useAppInfo } from '../store/app-info';
import { type AuditFilters, useAudit } from '../store/audit';
import { useClusters } from '../store/clusters';
import { useUi } from '../store/ui';

const ROW_HEIGHT = 34;

/** Cluster id → name, for readable targets; loads the cluster list once if no view has yet. */
function useClusterNames(): ReadonlyMap<string, string> {
  const { clusters, loaded, refresh } = useClusters();
  useEffect(() => {
    if (!loaded) void refresh();
  }, [loaded, refresh]);
  return new Map(clusters.map((c) => [c.id, c.name]));
}

function dayStart(value: string): number | undefined {
  return value ? new Date(`${value}T00:00:00`).getTime() : undefined;
}

function dayEnd(value: string): number | undefined {
  return value ? new Date(`${value}T23:59:59.999`).getTime() : undefined;
}

function Filters() {
  const { facets, setFilters, filters } = useAudit();
  return (
    <div className="toolbar" role="search" aria-label="Filter events">
      <input
        type="search"
        placeholder="Search actions, targets, details…"
        aria-label="Search"
        defaultValue={filters.text ?? ''}
        onChange={(e) => setFilters({ text: e.target.value || undefined })}
      />
      <select
        aria-label="Action"
        value={filters.action ?? ''}
        onChange={(e) => setFilters({ action: e.target.value || undefined })}
      >
        <option value="">All actions</option>
        {facets.actions.map((a) => (
          <option key={a}>{a}</option>
        ))}
      </select>
      <select
        aria-label="Outcome"
        value={filters.outcome ?? ''}
        onChange={(e) => setFilters({ outcome: e.target.value || undefined })}
      >
        <option value="">Any outcome</option>
        <option value="ok">ok</option>
        <option value="failed">failed (any error)</option>
        {facets.outcomes
          .filter((o) => o !== 'ok')
          .map((o) => (
            <option key={o}>{o}</option>
          ))}
      </select>
      <input
        type="text"
        placeholder="Target"
        aria-label="Target"
        defaultValue={filters.target ?? ''}
        onChange={(e) => setFilters({ target: e.target.value || undefined })}
      />
      <label className="inline">
        From <input type="date" aria-label="From" onChange={(e) => setFilters({ from: dayStart(e.target.value) })} />
      </label>
      <label className="inline">
        To <input type="date" aria-label="To" onChange={(e) => setFilters({ to: dayEnd(e.target.value) })} />
      </label>
    </div>
  );
}

function EventTable() {
  const { events, total, loadMore, select, selected, cursor } = useAudit();
  const clusterNames = useClusterNames();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);
  const nav = useGridNavigation({
    count: events.length,
    pageSize: 10,
    scrollToIndex: (index) => virtualizer.scrollToIndex(index),
    onOpen: (index) => select(events[index]),
    detailOpen: selected !== undefined,
    detailIndex: selected ? events.findIndex((e) => e.seq === selected.seq) : undefined,
    onClose: () => select(undefined),
  });

  useEffect(() => {
    if (last && last.index >= events.length - 50 && cursor !== null) void loadMore();
  }, [last, events.length, cursor, loadMore]);

  return (
    <div className="table" role="grid" {...nav.gridProps} aria-label="Audit events" aria-rowcount={total + 1}>
      <div className="table-head" role="row">
        <span role="columnheader">Time</span>
        <span role="columnheader">Action</span>
        <span role="columnheader">Target</span>
        <span role="columnheader">Outcome</span>
        <span role="columnheader">Actor</span>
      </div>
      <div className="table-body" ref={scroller} data-testid="audit-rows">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const event = events[item.index] as AuditEvent;
            return (
              <div
                key={event.seq}
                role="row"
                {...nav.rowProps(item.index)}
                aria-selected={selected?.seq === event.seq}
                className={selected?.seq === event.seq ? 'table-row selected' : 'table-row'}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                <span role="gridcell">
                  <When at={event.time} />
                </span>
                <span role="gridcell" className="mono">
                  {event.action}
                </span>
                <span role="gridcell" className="ellipsis">
                  {readableTarget(event.target, clusterNames)}
                </span>
                <span role="gridcell" className={event.outcome === 'ok' ? 'outcome ok' : 'outcome failed'}>
                  {event.outcome}
                </span>
                <span role="gridcell">{event.actor}</span>
              </div>
            );
          })}
        </div>
      </div>
      <div className="table-foot muted">
        {events.length === 0
          ? 'No events match.'
          : `${events.length.toLocaleString()} of ${total.toLocaleString()} events loaded`}
      </div>
    </div>
  );
}

function EventDetails() {
  const { selected, select } = useAudit();
  const clusterNames = useClusterNames();
  if (!selected) return null;
  return (
    <aside className="details card" aria-label="Event details">
      <header className="details-head">
        <h2>Event #{selected.seq}</h2>
        <button type="button" className="icon-button" aria-label="Close details" onClick={() => select(undefined)}>
          ×
        </button>
      </header>
      <dl className="facts">
        <dt>Time</dt>
        <dd>
          <When at={selected.time} />
        </dd>
        <dt>Actor</dt>
        <dd>{selected.actor}</dd>
        <dt>Action</dt>
        <dd className="mono">{selected.action}</dd>
        <dt>Target</dt>
        <dd>{readableTarget(selected.target, clusterNames)}</dd>
        <dt>Target as recorded</dt>
        <dd className="mono break">{selected.target}</dd>
        <dt>Outcome</dt>
        <dd>{selected.outcome}</dd>
        <dt>Hash</dt>
        <dd className="mono break">{selected.hash}</dd>
        <dt>Previous</dt>
        <dd className="mono break">{selected.prev}</dd>
      </dl>
      <h3>Details</h3>
      <pre className="code-block">{JSON.stringify(selected.details, null, 2)}</pre>
    </aside>
  );
}

/** The active filter in words, for the export's note: "action secret.reveal, outcome failed". */
function describeFilter(filters: AuditFilters): string {
  const day = (ms: number) => calendarDay(new Date(ms));
  const parts = [
    filters.action && `action ${filters.action}`,
    filters.outcome && `outcome ${filters.outcome}`,
    filters.target && `target contains "${filters.target}"`,
    filters.text && `text contains "${filters.text}"`,
    filters.from !== undefined && `from ${day(filters.from)}`,
    filters.to !== undefined && `to ${day(filters.to)}`,
  ].filter(Boolean);
  return parts.join(', ');
}

function VerifyAndExport() {
  const notify = useUi((s) => s.notify);
  const notifyError = useUi((s) => s.notifyError);
  const filters = useAudit((s) => s.filters);
  const total = useAudit((s) => s.total);
  const [result, setResult] = useState<AuditVerifyResult>();
  const [format, setFormat] = useState<'jsonl' | 'csv'>('jsonl');
  const [fileName, setFileName] = useState('');
  const shownProposal = useRef('');
  const shell = useAppInfo()?.shell;

  // The page proposes a name only; main decides where the file goes (save dialog or browser download).
  const proposal = proposedName(`audit-${new Date().toISOString().slice(0, 10)}`, format);

  // A name the user typed stays when the format changes; only the proposal's extension follows.
  useEffect(() => {
    const previous = shownProposal.current; // read now: the updater runs later
    shownProposal.current = proposal;
    setFileName((current) => followProposal(current, previous, proposal));
  }, [proposal]);

  const exportNow = async () => {
    const r = await call('audit:export', { format, fileName: safeFileName(fileName), filter: filters });
    if (!r.ok) {
      // Closing the save dialog is a choice, not an error.
      if (r.error.code !== 'cancelled') notifyError(r.error);
      return;
    }
    const { count, filtered, path, download } = r.value;
    const what = `${count} ${filtered ? 'matching ' : ''}events`;
    if (download) {
      saveDownload(download);
      notify({ level: 'info', message: `Downloaded ${what} as ${download.fileName}.` });
    } else notify({ level: 'info', message: `Exported ${what} to ${path}.` });
  };

  const filterText = describeFilter(filters);
  return (
    <div className="toolbar">
      <button
        type="button"
        className="secondary"
        onClick={async () => {
          const r = await call('audit:verify', {});
          if (r.ok) setResult(r.value);
          else notifyError(r.error);
          void useAudit.getState().reload();
        }}
      >
        Verify chain
      </button>
      {result && (
        <span className={result.ok ? 'verify ok' : 'verify failed'} role="status">
          <StatusIcon level={result.ok ? 'ok' : 'error'} />{' '}
          {result.ok
            ? `Chain intact: ${result.checked.toLocaleString()} events checked.`
            : `Chain broken at event #${result.firstBad?.seq}: ${result.firstBad?.reason}`}
        </span>
      )}
      <span className="spacer" />
      <select aria-label="Export format" value={format} onChange={(e) => setFormat(e.target.value as 'jsonl' | 'csv')}>
        <option value="jsonl">JSON Lines</option>
        <option value="csv">CSV</option>
      </select>
      <TextInput label="Export file name" className="path-input" value={fileName} onChange={setFileName} />
      <button
        type="button"
        className="secondary"
        disabled={!fileName.trim()}
        aria-describedby="audit-export-scope audit-export-where"
        onClick={exportNow}
      >
        Export
      </button>
      <span id="audit-export-scope" className="muted small" data-testid="audit-export-scope">
        {filterText
          ? `Exports the ${total.toLocaleString()} events shown (filter: ${filterText}).`
          : 'Exports the whole log (no filter).'}
      </span>
      <span id="audit-export-where" className="muted small">
        {shell === 'browser' ? 'Your browser saves it as a download.' : 'You choose where to save it next.'}
      </span>
    </div>
  );
}

export function AuditView() {
  const reload = useAudit((s) => s.reload);
  const loadFacets = useAudit((s) => s.loadFacets);
  useEffect(() => {
    void reload();
    void loadFacets();
  }, [reload, loadFacets]);
  return (
    <div className="view wide">
      <header className="view-header">
        <h1>Audit</h1>
        <p className="muted">
          Every action, including failures, reveals, copies and exports. Each event carries the hash of the one before.
        </p>
      </header>
      <VerifyAndExport />
      <Filters />
      <div className="split">
        <EventTable />
        <EventDetails />
      </div>
    </div>
  );
}
