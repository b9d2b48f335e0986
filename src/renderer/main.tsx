// Renderer entry: picks the bridge (preload or harness WebSocket), then renders the app.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installBridge } from './client';
import './styles.css';
import { connectWsBridge } from './ws-bridge';

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    installBridge(window.strongroom ?? (await connectWsBridge()));
    root.render(<App />);
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
