// The rotation journal: every rotation with its state and step; interrupted or failed ones offer Resume and Roll back.
import type { RotationSummary } from '../../../shared/ipc/rotation';
import { useGridNavigation } from '../../components/useGridNavigation';
import { When } from '../../components/When';

const STATE_LABEL: Record<RotationSummary['state'], string> = {
  in_progress: 'In progress',
  interrupted: 'Interrupted',
  failed: 'Failed',
  completed: 'Completed',
  rolled_back: 'Rolled back',
};

export function RotationJournal(props: {
  rotations: RotationSummary[];
  busy: boolean;
  onResume(id: string): void;
  onRollback(id: string): void;
}) {
  const { rotations } = props;
  // Resume and Roll back act at once, so Enter on a row presses neither: the Right arrow reaches them.
  const nav = useGridNavigation({ count: rotations.length, onOpen: () => undefined });
  if (rotations.length === 0) {
    return (
      <p className="muted">
        No rotation yet. Rotate an account above; each run is journalled here step by step, so one that stops half-way
        can be resumed or rolled back.
      </p>
    );
  }
  return (
    <table
      className="simple"
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows a table to be a grid, the pattern for keyboard rows
      role="grid"
      {...nav.gridProps}
      aria-label="Rotation history"
    >
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Account</th>
          <th scope="col">State</th>
          <th scope="col">Step</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {rotations.map((r, index) => (
          <tr key={r.id} {...nav.rowProps(index)} data-state={r.state}>
            <td>
              <When at={r.startedAt} />
            </td>
            <td className="mono">
              {r.resource}/{r.account}
            </td>
            <td>
              {STATE_LABEL[r.state]}
              {r.errorCode ? ` (${r.errorCode})` : ''}
            </td>
            <td>{r.step ?? '—'}</td>
            <td className="row">
              {r.resumable && (
                <button
                  type="button"
                  className="secondary"
                  disabled={props.busy}
                  aria-label={`Resume the rotation of ${r.resource}/${r.account}`}
                  onClick={() => props.onResume(r.id)}
                >
                  Resume
                </button>
              )}
              {r.rollbackable && (
                <button
                  type="button"
                  className="secondary"
                  disabled={props.busy}
                  aria-label={`Roll back the rotation of ${r.resource}/${r.account}`}
                  onClick={() => props.onRollback(r.id)}
                >
                  Roll back
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
