// Sections that later work fills in, each with the list of what it will hold.
import { PendingView } from '../components/PendingView';

export function RotationView() {
  return (
    <PendingView
      id="rotation"
      plans={[
        'Password reset by policy, changed at the target where a rotator exists (PostgreSQL first).',
        'Write-back to every mapped key with optimistic concurrency, then rollout restart of consumers.',
        'A journal of each step, so a half-done rotation can be resumed or rolled back.',
      ]}
    />
  );
}
