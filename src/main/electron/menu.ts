// The application menu: standard roles plus the few Strongroom commands that belong there.
import type { MenuItemConstructorOptions } from 'electron';
import { Menu } from 'electron';
import { isAppError } from '../../shared/errors';
import type { App } from '../app';

export function buildMenu(app: App): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'Vault',
      submenu: [
        {
          label: 'Lock',
          accelerator: 'CmdOrCtrl+L',
          // Running jobs hold the lock off; the renderer hears `vault:lockDeferred` and offers to pause them.
          click: () =>
            void app.vault.requestLock('manual').catch((error: unknown) => {
              if (!isAppError(error) || error.code !== 'job_running') app.log.error({ err: error }, 'lock failed');
            }),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'togglefullscreen' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
