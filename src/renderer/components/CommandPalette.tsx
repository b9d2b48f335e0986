// The Ctrl/Cmd+K command palette: type to filter, arrows to choose, Enter to run, Escape to close.
import { useEffect, useMemo, useRef, useState } from 'react';
import { allCommands, filterCommands } from '../commands';
import { useUi } from '../store/ui';

export function CommandPalette() {
  const open = useUi((s) => s.paletteOpen);
  const setOpen = useUi((s) => s.setPaletteOpen);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const matches = useMemo(() => (open ? filterCommands(allCommands(), query) : []), [open, query]);

  useEffect(() => {
    if (!open) return;
    setQuery('');
    setActive(0);
    input.current?.focus();
    const closeOutside = (event: MouseEvent) => {
      if (!dialog.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', closeOutside);
    return () => document.removeEventListener('mousedown', closeOutside);
  }, [open, setOpen]);

  if (!open) return null;

  const run = (index: number) => {
    const command = matches[index];
    if (!command) return;
    setOpen(false);
    void command.run();
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    switch (event.key) {
      case 'ArrowDown':
        setActive((i) => Math.min(i + 1, matches.length - 1));
        break;
      case 'ArrowUp':
        setActive((i) => Math.max(i - 1, 0));
        break;
      case 'Enter':
        run(active);
        break;
      case 'Escape':
        setOpen(false);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div className="palette-backdrop">
      <div ref={dialog} className="palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          ref={input}
          className="palette-input"
          placeholder="Type a command…"
          role="combobox"
          aria-expanded="true"
          aria-label="Command"
          aria-controls="palette-list"
          aria-activedescendant={matches[active] ? `palette-${matches[active].id}` : undefined}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <div id="palette-list" className="palette-list" role="listbox" aria-label="Commands">
          {matches.map((command, index) => (
            <div
              key={command.id}
              id={`palette-${command.id}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              className={index === active ? 'palette-item active' : 'palette-item'}
              onMouseEnter={() => setActive(index)}
              onClick={() => run(index)}
              onKeyDown={onKeyDown}
            >
              <span>{command.title}</span>
              {command.hint && <kbd>{command.hint}</kbd>}
            </div>
          ))}
          {matches.length === 0 && <p className="palette-empty">No command matches “{query}”.</p>}
        </div>
      </div>
    </div>
  );
}
