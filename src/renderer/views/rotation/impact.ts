// The impact preview's sentence: how many keys a rotation writes and which workloads it restarts or skips.
import type { RotationPlanData } from '../../../shared/ipc/mapping';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "This will write 2 keys and restart 3 Deployments and 1 StatefulSet." */
export function impactSentence(plan: RotationPlanData, restart: boolean): string {
  const restarted = plan.consumers.filter((c) => restart && !c.agentSidecar);
  const byKind = new Map<string, number>();
  for (const c of restarted) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([kind, n]) => plural(n, kind));
  const restarts = kinds.length > 0 ? `restart ${kinds.join(' and ')}` : 'restart no workload';
  return `This will write ${plural(plan.keys.length, 'key')} and ${restarts}.`;
}
