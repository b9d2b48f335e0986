// Renderer entry: picks the bridge (preload or harness WebSocket), then renders the app.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installBridge, whenLocked } from './client';
import { addCommands } from './commands';
import { useVault } from './store/vault';
import { useTheme } from './theme';
import { VaultGate } from './views/VaultGate';
import './styles.css';
import './controls.css';
import { connectWsBridge } from './ws-bridge';

/** Theme first, so the lock screen follows it too; then the vault gate, then the app. */
function Root() {
  useTheme();
  return (
    <VaultGate>
      <App />
    </VaultGate>
  );
}

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    installBridge(window.strongroom ?? (await connectWsBridge()));
    whenLocked(() => void useVault.getState().refresh());
    addCommands([{ id: 'vault:lock', title: 'Lock the vault', hint: 'Ctrl+L', run: () => useVault.getState().lock() }]);
    root.render(<Root />);
  } catch (error) {
    root.render(
      <div className="fatal" role="alert">
        <h1>Strongroom could not start</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </div>,
    );
  }
}

void boot();
