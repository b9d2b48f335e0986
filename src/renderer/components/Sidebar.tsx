// The sidebar: one entry per section, reachable with arrows, Home/End and Alt+digit, and the Lock button.
import { Lock } from 'lucide-react';
import { useRef } from 'react';
import { SECTIONS } from '../sections';
import { useUi } from '../store/ui';
import { useVault } from '../store/vault';

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
        {SECTIONS.map((s, index) => (
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
              <span>{s.label}</span>
              <kbd>{s.digit}</kbd>
            </button>
          </li>
        ))}
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
