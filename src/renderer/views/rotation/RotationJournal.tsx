// The rotation journal: every rotation with its state and step; interrupted or failed ones offer Resume and Roll back.
import type { RotationSummary } from '../../../shared/ipc/rotation';

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
  if (rotations.length === 0) {
    return (
      <p className="muted">
        No rotation yet. Rotate an account above; each run is journalled here step by step, so one that stops half-way
        can be resumed or rolled back.
      </p>
    );
  }
  return (
    <table className="simple" aria-label="Rotation history">
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
        {rotations.map((r) => (
          <tr key={r.id} data-state={r.state}>
            <td>{new Date(r.startedAt).toLocaleString()}</td>
            <td className="mono">
              {r.resource}/{r.account}
            </td>
            <td>
              {STATE_LABEL[r.state]}
              {r.errorCode ? ` (${r.errorCode})` : ''}
            </td>
            <td>{r.step ?? '—'}</td>
            <td>
              <div className="row">
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
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
