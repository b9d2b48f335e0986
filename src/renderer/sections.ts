// The sidebar's sections: id, label, shortcut and a one-line description of each.

export type SectionId =
  | 'clusters'
  | 'resources'
  | 'mapping'
  | 'rotation'
  | 'sessions'
  | 'audit'
  | 'offline'
  | 'settings'
  | 'agent';

export interface Section {
  id: SectionId;
  label: string;
  /** Alt+digit jumps here. */
  digit: number;
  description: string;
}

export const SECTIONS: readonly Section[] = [
  {
    id: 'clusters',
    label: 'Clusters',
    digit: 1,
    description: 'Connect Kubernetes clusters, trust their CA and test the service-account token.',
  },
  {
    id: 'resources',
    label: 'Resources',
    digit: 2,
    description: 'Fetched Secrets, grouped by namespace and cluster, with keys, values and history.',
  },
  {
    id: 'mapping',
    label: 'Mapping',
    digit: 3,
    description: 'Link Secret keys to the accounts whose passwords they hold.',
  },
  {
    id: 'rotation',
    label: 'Rotation',
    digit: 4,
    description: 'Reset passwords, write them back to every mapped key and restart consumers.',
  },
  {
    id: 'sessions',
    label: 'Sessions',
    digit: 5,
    description: 'Just-in-time kubectl access through a recorded local proxy.',
  },
  { id: 'audit', label: 'Audit', digit: 6, description: 'The hash-chained record of everything that happened.' },
  {
    id: 'offline',
    label: 'Offline review',
    digit: 7,
    description: 'Open Secret files (.json, .yaml, bundles) without any cluster.',
  },
  { id: 'settings', label: 'Settings', digit: 8, description: 'Vault, auto-lock, keychain, theme and data location.' },
  {
    id: 'agent',
    label: 'Secrets agent',
    digit: 9,
    description: 'Generate the init container or sidecar that writes Secrets to in-memory files in a pod.',
  },
];

export function sectionById(id: SectionId): Section {
  const section = SECTIONS.find((s) => s.id === id);
  if (!section) throw new Error(`Unknown section ${id}`);
  return section;
}
