// The three connection-test steps (host, cluster, account) with their result, time and fix.
import type { ConnectionStepResult, ConnectionTestResult } from '../../../shared/clusters';

const LABELS: Record<string, string> = {
  host: '1. The host answers (DNS and TCP)',
  cluster: '2. The cluster answers (TLS with the trusted CA, /version)',
  account: '3. The token authenticates, and what it may do',
};

const ICONS: Record<ConnectionStepResult['status'], string> = {
  pass: '✔',
  warn: '⚠',
  fail: '✖',
  skipped: '–',
  running: '…',
};

/** `lines` may be missing from a test saved by an older version. */
function RightsList({ title, lines }: { title: string; lines: string[] | undefined }) {
  if (!lines?.length) return null;
  return (
    <div className="hint-warning">
      {title}
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

export function TestSteps({ steps, result }: { steps: ConnectionStepResult[]; result?: ConnectionTestResult }) {
  const shown = result?.steps ?? steps;
  const names = ['host', 'cluster', 'account'];
  return (
    <div className="test-steps" aria-live="polite">
      <ol>
        {names.map((name) => {
          const step = shown.find((s) => s.step === name);
          const status = step?.status ?? 'skipped';
          return (
            <li
              key={name}
              className={`step step-${step ? status : 'waiting'}`}
              data-testid={`step-${name}`}
              data-status={step?.status ?? 'waiting'}
            >
              <span className="step-icon" aria-hidden="true">
                {step ? ICONS[status] : '○'}
              </span>
              <div>
                <p className="step-title">
                  {LABELS[name]} {step && status !== 'running' && <span className="muted small">{step.ms} ms</span>}
                </p>
                {step?.detail && <p className="step-detail">{step.detail}</p>}
                {step?.fix && <p className="step-fix">{step.fix}</p>}
              </div>
            </li>
          );
        })}
      </ol>
      {result?.permissions && (
        <div className="permissions">
          <p>
            Signed in as <code>{result.permissions.username ?? 'unknown'}</code>
            {result.permissions.groups.length > 0 && ` (groups: ${result.permissions.groups.join(', ')})`}
          </p>
          {result.permissions.allowed.length > 0 && (
            <details>
              <summary>Strongroom may: {result.permissions.allowed.length} permissions</summary>
              <ul>
                {result.permissions.allowed.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </details>
          )}
          <RightsList title="Missing for the chosen setup:" lines={result.permissions.missing} />
          <RightsList title="More than Strongroom needs (an admin's rights):" lines={result.permissions.excessive} />
          <RightsList
            title="More than the chosen setup needs (a broader Strongroom setup's rights):"
            lines={result.permissions.beyondVariant}
          />
        </div>
      )}
    </div>
  );
}
