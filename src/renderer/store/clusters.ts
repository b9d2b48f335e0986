// Clusters in the renderer: the saved list and a live connection test's steps.
import { create } from 'zustand';
import type { ClusterSummary, ConnectionStepResult } from '../../shared/clusters';
import { call, subscribe } from '../client';
import { useUi } from './ui';

interface ClustersStore {
  clusters: ClusterSummary[];
  loaded: boolean;
  refresh(): Promise<void>;
}

export const useClusters = create<ClustersStore>((set) => ({
  clusters: [],
  loaded: false,
  async refresh() {
    const result = await call('clusters:list', {});
    if (!result.ok) return useUi.getState().notifyError(result.error);
    set({ clusters: result.value, loaded: true });
  },
}));

/** Follows the `clusters:test-progress` events of one test run and keeps the latest state of each step. */
export function watchTestProgress(progressId: string, onSteps: (steps: ConnectionStepResult[]) => void): () => void {
  const steps = new Map<string, ConnectionStepResult>();
  const order = ['host', 'cluster', 'account'];
  return subscribe('clusters:test-progress', (event) => {
    if (event.progressId !== progressId) return;
    steps.set(event.step.step, event.step as ConnectionStepResult);
    onSteps(order.flatMap((name) => steps.get(name) ?? []));
  });
}

export function newProgressId(): string {
  return `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
