// Electron entry: single instance, hardened window, menu, IPC wiring and app lifecycle.
import path from 'node:path';
import {
  BrowserWindow,
  clipboard,
  dialog,
  app as electronApp,
  ipcMain,
  Menu,
  powerMonitor,
  session,
  shell,
} from 'electron';
import { type App, createApp } from '../app';
import { type DemoCluster, demoBanner, startDemoCluster } from '../demo';
import { createLogger } from '../log';
import { assertNodeVersion, defaultDataDir } from '../paths';
import { defaultExportFolder } from '../transfer/export-folder';
import { registerHandlers } from './ipc';
import { buildMenu } from './menu';
import { electronSaveDialog } from './save-dialog';
import { hardenSession, hardenWebContents, ownUrlMatcher, windowOptions } from './security';

assertNodeVersion();

let mainWindow: BrowserWindow | undefined;
let strongroom: App | undefined;
let demo: DemoCluster | undefined;

function rendererUrl(): string {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl && !electronApp.isPackaged) return devUrl;
  return new URL(`file://${path.join(import.meta.dirname, '../renderer/index.html')}`).href;
}

async function createWindow(app: App): Promise<void> {
  const url = rendererUrl();
  const isOwnUrl = ownUrlMatcher(url);
  const window = new BrowserWindow(windowOptions(path.join(import.meta.dirname, '../preload/index.cjs')));
  mainWindow = window;
  hardenWebContents(window.webContents, isOwnUrl, shell);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = undefined;
  });
  await window.loadURL(url);
  app.log.info('window loaded');
}

async function main(): Promise<void> {
  if (!electronApp.requestSingleInstanceLock()) {
    electronApp.quit();
    return;
  }
  electronApp.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  electronApp.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  await electronApp.whenReady();
  hardenSession(session.defaultSession);
  const dataDir = defaultDataDir();
  const log = createLogger({ dir: dataDir });
  demo = process.env.STRONGROOM_DEMO === '1' ? await startDemoCluster(dataDir, log) : undefined;
  if (demo) process.stdout.write(`Strongroom's demo cluster:\n${demoBanner(demo)}`);
  const saveDialog = electronSaveDialog(
    dialog,
    () => mainWindow,
    () => defaultExportFolder(),
  );
  const app = await createApp({ dataDir, shell: 'electron', clipboard, log, saveDialog, ...(demo ? { demo } : {}) });
  strongroom = app;
  const url = rendererUrl();
  registerHandlers(ipcMain, app, { contents: () => mainWindow?.webContents, isOwnUrl: ownUrlMatcher(url) });
  Menu.setApplicationMenu(buildMenu(app));

  // Lock the vault when the machine sleeps or the screen locks.
  powerMonitor.on('suspend', () => app.vault.lock('suspend'));
  powerMonitor.on('lock-screen', () => app.vault.lock('suspend'));

  await createWindow(app);
  electronApp.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow(app);
  });
}

electronApp.on('window-all-closed', () => {
  if (process.platform !== 'darwin') electronApp.quit();
});

electronApp.on('will-quit', () => {
  void strongroom?.close();
  void demo?.close();
});

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  electronApp.exit(1);
});
