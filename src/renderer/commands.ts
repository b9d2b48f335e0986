// Commands offered by the palette (Ctrl/Cmd+K): navigation, theme, and actions added by features.
import { SECTIONS } from './sections';
import { useUi } from './store/ui';

export interface PaletteCommand {
  id: string;
  title: string;
  hint?: string;
  run(): void | Promise<void>;
}

const extra: PaletteCommand[] = [];

/** Features add their commands (e.g. "Lock vault") at start-up. */
export function addCommands(commands: PaletteCommand[]): void {
  for (const command of commands) if (!extra.some((c) => c.id === command.id)) extra.push(command);
}

export function allCommands(): PaletteCommand[] {
  const { go, setTheme } = useUi.getState();
  return [
    ...SECTIONS.map((section) => ({
      id: `go:${section.id}`,
      title: `Go to ${section.label}`,
      hint: `Alt+${section.digit}`,
      run: () => go(section.id),
    })),
    ...extra,
    { id: 'theme:system', title: 'Theme: follow the system', run: () => setTheme('system') },
    { id: 'theme:light', title: 'Theme: light', run: () => setTheme('light') },
    { id: 'theme:dark', title: 'Theme: dark', run: () => setTheme('dark') },
  ];
}
