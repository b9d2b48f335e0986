// The Ctrl/Cmd+K palette: type to search actions, clusters and Secrets (main searches the vault), arrows, Enter, Escape.
import { useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../client';
import { allCommands, type PaletteCommand } from '../commands';
import { openCluster, openSecret, paletteActions } from '../palette-actions';
import { hitItems, mergeItems, type PaletteItem, rankCommands } from '../palette-search';
import { useUi } from '../store/ui';

const LIMIT = 30;
/** Keys typed faster than this become one search in main. */
const DEBOUNCE_MS = 60;

/** Main's hits for the query, the latest answer only; cleared for an empty query. */
function useVaultHits(query: string, open: boolean): PaletteItem[] {
  const [hits, setHits] = useState<PaletteItem[]>([]);
  useEffect(() => {
    const text = query.trim();
    if (!open || !text) return setHits([]);
    let current = true;
    const timer = setTimeout(() => {
      void call('search:query', { text, limit: 20 }).then((result) => {
        if (current && result.ok) setHits(hitItems(result.value.hits, { secret: openSecret, cluster: openCluster }));
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, open]);
  return hits;
}

export function CommandPalette() {
  const open = useUi((s) => s.paletteOpen);
  const setOpen = useUi((s) => s.setPaletteOpen);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [actions, setActions] = useState<PaletteCommand[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const hits = useVaultHits(query, open);
  const matches = useMemo(
    () => (open ? mergeItems(rankCommands([...allCommands(), ...actions], query), hits, LIMIT) : []),
    [open, query, actions, hits],
  );

  useEffect(() => {
    if (!open) return;
    setQuery('');
    setActive(0);
    input.current?.focus();
    void paletteActions().then(setActions);
    const closeOutside = (event: MouseEvent) => {
      if (!dialog.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', closeOutside);
    return () => document.removeEventListener('mousedown', closeOutside);
  }, [open, setOpen]);

  // A late answer from main may shorten the list under the highlight.
  useEffect(() => {
    if (active >= matches.length) setActive(Math.max(matches.length - 1, 0));
  }, [active, matches.length]);

  if (!open) return null;

  const run = (index: number) => {
    const item = matches[index];
    if (!item) return;
    setOpen(false);
    void item.run();
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

  const optionId = (item: PaletteItem) => `palette-${item.id}`;
  return (
    <div className="palette-backdrop">
      <div ref={dialog} className="palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          ref={input}
          className="palette-input"
          placeholder="Search actions, clusters and Secrets…"
          role="combobox"
          aria-expanded="true"
          aria-label="Command"
          aria-controls="palette-list"
          aria-autocomplete="list"
          aria-activedescendant={matches[active] ? optionId(matches[active]) : undefined}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <div id="palette-list" className="palette-list" role="listbox" aria-label="Results">
          {matches.map((item, index) => (
            <div
              key={item.id}
              id={optionId(item)}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              className={index === active ? 'palette-item active' : 'palette-item'}
              onMouseEnter={() => setActive(index)}
              onClick={() => run(index)}
              onKeyDown={onKeyDown}
            >
              <span className="palette-group muted small">{item.group}</span>
              <span className="palette-title">
                {item.title}
                {item.detail && <span className="muted small"> {item.detail}</span>}
              </span>
              {item.hint && <kbd>{item.hint}</kbd>}
            </div>
          ))}
          {matches.length === 0 && <p className="palette-empty">Nothing matches “{query}”.</p>}
        </div>
      </div>
    </div>
  );
}
