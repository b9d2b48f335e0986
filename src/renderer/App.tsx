// The app shell: sidebar, the current section, the command palette, toasts and global shortcuts.
import { type JSX, useEffect } from 'react';
import { CommandPalette } from './components/CommandPalette';
import { Sidebar } from './components/Sidebar';
import { Toasts } from './components/Toasts';
import { SECTIONS, type SectionId } from './sections';
import { useUi } from './store/ui';
import { useVault } from './store/vault';
import { AuditView } from './views/AuditView';
import { ClustersView } from './views/clusters/ClustersView';
import { OfflineView } from './views/OfflineView';
import { MappingView, RotationView } from './views/pending';
import { ResourcesView } from './views/resources/ResourcesView';
import { SessionsView } from './views/SessionsView';
import { SettingsView } from './views/SettingsView';

const VIEWS: Record<SectionId, () => JSX.Element> = {
  clusters: ClustersView,
  resources: ResourcesView,
  mapping: MappingView,
  rotation: RotationView,
  sessions: SessionsView,
  audit: AuditView,
  offline: OfflineView,
  settings: SettingsView,
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

export function App() {
  const section = useUi((s) => s.section);
  useGlobalShortcuts();
  const View = VIEWS[section];
  return (
    <div className="shell">
      <Sidebar />
      <main className="content" id="main" aria-label={SECTIONS.find((s) => s.id === section)?.label}>
        <View />
      </main>
      <CommandPalette />
      <Toasts />
    </div>
  );
}
