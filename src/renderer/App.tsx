// The app shell: sidebar, the current section, the command palette, toasts and global shortcuts.
import { type JSX, useEffect } from 'react';
import { subscribe } from './client';
import { CommandPalette } from './components/CommandPalette';
import { LockDialog } from './components/LockDialog';
import { Sidebar } from './components/Sidebar';
import { Toasts } from './components/Toasts';
import { SECTIONS, type SectionId } from './sections';
import { followJobEvents, useJobs } from './store/jobs';
import { useUi } from './store/ui';
import { useVault } from './store/vault';
import { AuditView } from './views/AuditView';
import { AgentView } from './views/agent/AgentView';
import { ClustersView } from './views/clusters/ClustersView';
import { OfflineView } from './views/OfflineView';
import { OverviewView } from './views/overview/OverviewView';
import { MappingView } from './views/pending';
import { ResourcesView } from './views/resources/ResourcesView';
import { RotationView } from './views/rotation/RotationView';
import { SessionsView } from './views/SessionsView';
import { SettingsView } from './views/SettingsView';

const VIEWS: Record<SectionId, () => JSX.Element> = {
  overview: OverviewView,
  clusters: ClustersView,
  resources: ResourcesView,
  mapping: MappingView,
  rotation: RotationView,
  sessions: SessionsView,
  audit: AuditView,
  offline: OfflineView,
  settings: SettingsView,
  agent: AgentView,
};

function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { go, paletteOpen, setPaletteOpen } = useUi.getState();
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void useVault.getState().lock();
        return;
      }
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setPaletteOpen(!paletteOpen);
        return;
      }
      if (event.altKey && !event.ctrlKey && !event.metaKey) {
        const section = SECTIONS.find((s) => event.code === `Digit${s.digit}`);
        if (section) {
          event.preventDefault();
          go(section.id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** After each unlock: says when jobs were interrupted (a crash, a kill) or paused, and where to run them again. */
function useAnnounceInterrupted(): void {
  useEffect(() => {
    void useJobs
      .getState()
      .loadInterrupted()
      .then(() => {
        const n = useJobs.getState().interrupted.filter((j) => j.resumable).length;
        if (n > 0)
          useUi.getState().notify({
            level: 'warning',
            message: `${n} job${n === 1 ? ' was' : 's were'} interrupted or paused.`,
            fix: 'Resources offers to run them again, per cluster.',
          });
      });
  }, []);
}

export function App() {
  const section = useUi((s) => s.section);
  useGlobalShortcuts();
  // Job events are followed for the whole session, so any view can show a job started elsewhere.
  useEffect(() => followJobEvents(), []);
  // Notices main pushes on its own (the demo's first fetch, a scheduled job that failed) become toasts.
  useEffect(() => subscribe('app:notice', (notice) => useUi.getState().notify(notice)), []);
  useAnnounceInterrupted();
  const View = VIEWS[section];
  return (
    <div className="shell">
      <Sidebar />
      <main className="content" id="main" aria-label={SECTIONS.find((s) => s.id === section)?.label}>
        <View />
      </main>
      <CommandPalette />
      <LockDialog />
      <Toasts />
    </div>
  );
}
