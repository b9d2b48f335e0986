// Light and dark themes: the user's choice from Settings, or the OS preference.
import { useEffect } from 'react';
import { useUi } from './store/ui';

/** Applies the theme: the user's choice, or the OS preference (followed live) when the choice is "system". */
export function useTheme(): void {
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = theme === 'system' ? (dark.matches ? 'dark' : 'light') : theme;
    };
    apply();
    dark.addEventListener('change', apply);
    return () => dark.removeEventListener('change', apply);
  }, [theme]);
}
