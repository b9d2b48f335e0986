// UI state shared by the shell: current section, palette, toasts and theme.
import { create } from 'zustand';
import type { ErrorData } from '../../shared/errors';
import type { SectionId } from '../sections';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Toast {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
  fix?: string;
  /** The AppError code of an error toast, e.g. `cancelled`. */
  code?: string;
}

/** How long a toast stays: errors longer than the rest, but none stays for good. */
export function toastLifetimeMs(level: Toast['level']): number {
  return level === 'error' ? 15_000 : 6_000;
}

interface UiState {
  section: SectionId;
  paletteOpen: boolean;
  toasts: Toast[];
  theme: ThemeChoice;
  go(section: SectionId): void;
  setPaletteOpen(open: boolean): void;
  notify(toast: Omit<Toast, 'id'>): void;
  notifyError(error: ErrorData): void;
  dismiss(id: number): void;
  setTheme(theme: ThemeChoice): void;
}

const THEME_KEY = 'strongroom.theme';
let nextToastId = 1;

function storedTheme(): ThemeChoice {
  const value = globalThis.localStorage?.getItem(THEME_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export const useUi = create<UiState>((set) => ({
  section: 'overview',
  paletteOpen: false,
  toasts: [],
  theme: storedTheme(),
  go: (section) => set({ section, paletteOpen: false }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  // A later success makes an earlier "Cancelled by the user." stale, so it goes.
  notify: (toast) =>
    set((state) => {
      const kept = toast.level === 'info' ? state.toasts.filter((t) => t.code !== 'cancelled') : state.toasts;
      return { toasts: [...kept.slice(-4), { ...toast, id: nextToastId++ }] };
    }),
  notifyError: (error) =>
    set((state) => ({
      toasts: [
        ...state.toasts.slice(-4),
        {
          id: nextToastId++,
          level: 'error',
          code: error.code,
          message: error.message,
          ...(error.fix ? { fix: error.fix } : {}),
        },
      ],
    })),
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
  setTheme: (theme) => {
    globalThis.localStorage?.setItem(THEME_KEY, theme);
    set({ theme });
  },
}));
