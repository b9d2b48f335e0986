// Requests the palette leaves for a view that is not mounted yet, e.g. "open the new-cluster wizard"; the view takes them.
import { create } from 'zustand';

interface IntentsStore {
  newCluster: boolean;
  request(intent: 'newCluster'): void;
  /** True once if the intent was requested, then cleared. */
  take(intent: 'newCluster'): boolean;
}

export const useIntents = create<IntentsStore>((set, get) => ({
  newCluster: false,
  request: (intent) => set({ [intent]: true }),
  take(intent) {
    const wanted = get()[intent];
    if (wanted) set({ [intent]: false });
    return wanted;
  },
}));
