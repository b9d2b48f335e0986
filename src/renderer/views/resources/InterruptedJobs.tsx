// Jobs of a cluster that a crash, kill or lock interrupted or paused, each offered "Run again" or "Dismiss".
import { useEffect } from 'react';
import { When } from '../../components/When';
import { useJobs } from '../../store/jobs';
import { useUi } from '../../store/ui';

export function InterruptedJobs({ clusterId }: { clusterId: string }) {
  const jobs = useJobs((s) => s.interrupted).filter((j) => j.params.clusterId === clusterId && j.resumable);
  const { resume, dismiss, loadInterrupted } = useJobs.getState();
  useEffect(() => {
    void loadInterrupted();
  }, [loadInterrupted]);
  if (jobs.length === 0) return null;
  return (
    <ul className="interrupted-jobs" aria-label="Interrupted jobs">
      {jobs.map((j) => (
        <li key={j.id} className="row wrap">
          <span className="small">
            {j.label} was {j.state}
            {j.step ? ` during its ${j.step} step` : ''} (<When at={j.updatedAt} />
            ).
          </span>
          <button
            type="button"
            className="secondary"
            onClick={async () => {
              const error = await resume(j.id);
              if (error) useUi.getState().notifyError(error);
            }}
          >
            Run again
          </button>
          <button type="button" className="link-button" onClick={() => void dismiss(j.id)}>
            Dismiss
          </button>
        </li>
      ))}
    </ul>
  );
}
