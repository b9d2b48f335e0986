// The Overview, first screen after unlock: clusters, certificates by expiry, reused, weak and stale values, activity.
import { useEffect, useState } from 'react';
import type { ErrorData } from '../../../shared/errors';
import type { Overview, OverviewPlace } from '../../../shared/ipc/overview';
import { call } from '../../client';
import { ErrorNote } from '../../components/ErrorNote';
import { useGridNavigation } from '../../components/useGridNavigation';
import { When } from '../../components/When';
import { useResources } from '../../store/resources';
import { useUi } from '../../store/ui';
import { countByExpiry, expiryBucket } from './buckets';
import { ChartOrTable } from './ChartOrTable';

/** Rows shown per list before "and N more"; the CLI gives every row. */
const SHOWN = 50;
const EXPIRY_COLORS = ['#c0392b', '#e67e22', '#d4ac0d', '#27ae60'];

function SecretLink({ place, keyName }: { place: OverviewPlace; keyName?: string }) {
  const open = () => {
    useResources.getState().select(place.accountId);
    useUi.getState().go('resources');
  };
  const label = `${place.cluster}/${place.namespace}/${place.secret}${keyName ? `:${keyName}` : ''}`;
  return (
    <button type="button" className="overview-link" onClick={open}>
      {label}
    </button>
  );
}

function More({ total }: { total: number }) {
  return total > SHOWN ? <p className="muted">and {total - SHOWN} more (`strongroom overview` lists all)</p> : null;
}

function Section(props: { title: string; count: number; empty: string; children: React.ReactNode }) {
  const id = `overview-${props.title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="card overview-section" aria-labelledby={id}>
      <h2 id={id}>
        {props.title} <span className="muted">({props.count})</span>
      </h2>
      {props.count === 0 ? <p className="empty-state">{props.empty}</p> : props.children}
    </section>
  );
}

function Clusters({ o }: { o: Overview }) {
  const go = useUi((s) => s.go);
  const nav = useGridNavigation({ count: o.clusters.length });
  return (
    <Section
      title="Clusters"
      count={o.clusters.length}
      empty="No cluster yet. Add one in Clusters, then fetch its Secrets in Resources."
    >
      <table
        className="simple"
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows a table to be a grid, the pattern for keyboard rows
        role="grid"
        {...nav.gridProps}
        aria-label="Clusters"
      >
        <thead>
          <tr>
            <th scope="col">Cluster</th>
            <th scope="col">Secrets</th>
            <th scope="col">Last sync</th>
            <th scope="col">Answered</th>
            <th scope="col">Next sync</th>
            <th scope="col">Failures</th>
          </tr>
        </thead>
        <tbody>
          {o.clusters.map((c, index) => (
            <tr key={c.id} {...nav.rowProps(index)}>
              <td>
                <button type="button" className="overview-link" onClick={() => go('clusters')}>
                  {c.name}
                </button>
              </td>
              <td>{c.secrets}</td>
              <td>
                <When at={c.lastSync} /> {c.lastOutcome && <span className="muted">({c.lastOutcome})</span>}
              </td>
              <td>{c.answered === null ? '—' : c.answered ? 'yes' : 'no'}</td>
              <td>
                <When at={c.nextSync} fallback="not scheduled" />
              </td>
              <td>{c.failures}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function Certificates({ o }: { o: Overview }) {
  const shown = o.certificates.slice(0, SHOWN);
  const nav = useGridNavigation({ count: shown.length });
  return (
    <Section
      title="Certificates by expiry"
      count={o.certificates.length}
      empty="No certificate in the fetched Secrets. Fetch namespaces with TLS Secrets in Resources to see their expiry here."
    >
      <ChartOrTable
        name="Certificates by expiry"
        category="Expiry"
        valueLabel="Certificates"
        rows={countByExpiry(o.certificates)}
        colors={EXPIRY_COLORS}
      />
      <table
        className="simple"
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows a table to be a grid, the pattern for keyboard rows
        role="grid"
        {...nav.gridProps}
        aria-label="Certificates, soonest expiry first"
      >
        <thead>
          <tr>
            <th scope="col">Expires</th>
            <th scope="col">Days left</th>
            <th scope="col">Secret and key</th>
            <th scope="col">Subject</th>
            <th scope="col">Issuer</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((c, index) => (
            <tr
              key={`${c.accountId}:${c.key}:${c.notAfter}:${c.subject}`}
              {...nav.rowProps(index)}
              data-bucket={expiryBucket(c.daysLeft)}
            >
              <td>
                <When at={c.notAfter} />
              </td>
              <td>{c.daysLeft < 0 ? `expired ${-c.daysLeft} days ago` : c.daysLeft}</td>
              <td>
                <SecretLink place={c} keyName={c.key} />
              </td>
              <td>{c.subject}</td>
              <td>{c.issuer}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <More total={o.certificates.length} />
    </Section>
  );
}

function Reused({ o }: { o: Overview }) {
  return (
    <Section title="Reused values" count={o.reused.length} empty="No value is in more than one Secret. Nothing to do.">
      <ul className="overview-list">
        {o.reused.slice(0, SHOWN).map((r) => (
          <li key={r.places.join('|')}>
            Same value in {r.count} places:{' '}
            {r.at.map((p) => (
              <SecretLink key={`${p.accountId}:${p.key}`} place={p} keyName={p.key} />
            ))}
          </li>
        ))}
      </ul>
      <More total={o.reused.length} />
    </Section>
  );
}

function Weak({ o }: { o: Overview }) {
  return (
    <Section title="Weak values" count={o.weak.length} empty="No short or low-entropy value under a password-like key.">
      <ul className="overview-list">
        {o.weak.slice(0, SHOWN).map((w) => (
          <li key={`${w.accountId}:${w.key}`}>
            <SecretLink place={w} keyName={w.key} /> {w.reason === 'short' ? 'is short' : 'has low entropy'}
          </li>
        ))}
      </ul>
      <More total={o.weak.length} />
    </Section>
  );
}

function Stale({ o }: { o: Overview }) {
  return (
    <Section
      title="Stale Secrets"
      count={o.stale.length}
      empty={`Every Secret's values changed within ${o.staleDays} days. Change the threshold in Settings.`}
    >
      <p className="muted">Values unchanged for {o.staleDays} days or more (set in Settings).</p>
      <ul className="overview-list">
        {o.stale.slice(0, SHOWN).map((s) => (
          <li key={s.accountId}>
            <SecretLink place={s} /> unchanged for {s.days} days
          </li>
        ))}
      </ul>
      <More total={o.stale.length} />
    </Section>
  );
}

function Activity({ o }: { o: Overview }) {
  const go = useUi((s) => s.go);
  const rows = o.activity.perDay.map((d) => ({ label: d.day.slice(5), value: d.events }));
  return (
    <Section title="Recent activity" count={o.activity.recent.length} empty="Nothing recorded yet.">
      <ChartOrTable name="Audit events by day" category="Day" valueLabel="Events" rows={rows} />
      <table className="simple" aria-label="Last ten audit events">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {o.activity.recent.map((e) => (
            <tr key={e.seq}>
              <td>
                <When at={e.time} />
              </td>
              <td>{e.action}</td>
              <td>{e.target}</td>
              <td>{e.outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="overview-link" onClick={() => go('audit')}>
        Open the audit log
      </button>
    </Section>
  );
}

export function OverviewView() {
  const [overview, setOverview] = useState<Overview>();
  const [error, setError] = useState<ErrorData>();
  useEffect(() => {
    void call('overview:get', {}).then((r) => (r.ok ? setOverview(r.value) : setError(r.error)));
  }, []);
  if (error || !overview)
    return (
      <div className="view">
        <header className="view-header">
          <h1>Overview</h1>
        </header>
        {error ? <ErrorNote error={error} /> : <p aria-busy="true">Loading the overview…</p>}
      </div>
    );
  return (
    <div className="view overview" data-generated-at={overview.generatedAt}>
      <header className="view-header">
        <h1>Overview</h1>
      </header>
      <Clusters o={overview} />
      <Certificates o={overview} />
      <div className="overview-pair">
        <Reused o={overview} />
        <Weak o={overview} />
      </div>
      <Stale o={overview} />
      <Activity o={overview} />
    </div>
  );
}
