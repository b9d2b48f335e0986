// The sidebar: one entry per section, reachable with arrows, Home/End and Alt+digit, and the Lock button.
import {
  Bot,
  FileSearch,
  KeyRound,
  LayoutDashboard,
  Link2,
  Lock,
  type LucideIcon,
  RotateCw,
  ScrollText,
  Server,
  Settings,
  TerminalSquare,
} from 'lucide-react';
import { useRef } from 'react';
import { SECTIONS, type SectionId } from '../sections';
import { useUi } from '../store/ui';
import { useVault } from '../store/vault';

/** One icon per section; typed by SectionId, so a new section without an icon does not compile. */
const SECTION_ICONS: Record<SectionId, LucideIcon> = {
  overview: LayoutDashboard,
  clusters: Server,
  resources: KeyRound,
  mapping: Link2,
  rotation: RotateCw,
  sessions: TerminalSquare,
  audit: ScrollText,
  offline: FileSearch,
  settings: Settings,
  agent: Bot,
};

export function Sidebar() {
  const section = useUi((s) => s.section);
  const go = useUi((s) => s.go);
  const list = useRef<HTMLUListElement>(null);

  const focusAt = (index: number) => {
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button');
    if (!buttons || buttons.length === 0) return;
    const wrapped = (index + buttons.length) % buttons.length;
    buttons[wrapped]?.focus();
  };

  return (
    <nav className="sidebar" aria-label="Sections">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        Strongroom
      </div>
      <ul ref={list}>
        {SECTIONS.map((s, index) => {
          const Icon = SECTION_ICONS[s.id];
          return (
            <li key={s.id}>
              <button
                type="button"
                className={s.id === section ? 'nav-item active' : 'nav-item'}
                aria-current={s.id === section ? 'page' : undefined}
                tabIndex={s.id === section ? 0 : -1}
                title={`${s.description} (Alt+${s.digit})`}
                onClick={() => go(s.id)}
                onKeyDown={(event) => {
                  const moves: Record<string, number> = {
                    ArrowDown: index + 1,
                    ArrowUp: index - 1,
                    Home: 0,
                    End: SECTIONS.length - 1,
                  };
                  const target = moves[event.key];
                  if (target !== undefined) {
                    event.preventDefault();
                    focusAt(target);
                  }
                }}
              >
                <Icon size={16} aria-hidden="true" />
                <span>{s.label}</span>
                <kbd>{s.digit}</kbd>
              </button>
            </li>
          );
        })}
      </ul>
      <p className="sidebar-hint">
        <kbd>Ctrl</kbd>+<kbd>K</kbd> commands
      </p>
      <button type="button" className="secondary lock-button" onClick={() => void useVault.getState().lock()}>
        <Lock size={14} aria-hidden="true" /> Lock
      </button>
    </nav>
  );
}
