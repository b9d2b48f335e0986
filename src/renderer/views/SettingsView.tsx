// Settings: appearance and facts about this installation; vault settings join when the vault exists.
import { useAppInfo } from '../store/app-info';
import { type ThemeChoice, useUi } from '../store/ui';
import { OverviewSettings } from './overview/OverviewSettings';
import { VaultSettings } from './VaultSettings';

export function SettingsView() {
  const theme = useUi((s) => s.theme);
  const setTheme = useUi((s) => s.setTheme);
  const info = useAppInfo();

  return (
    <div className="view">
      <header className="view-header">
        <h1>Settings</h1>
      </header>
      <VaultSettings />
      <OverviewSettings />
      <section className="card">
        <h2>Appearance</h2>
        <fieldset className="segmented" aria-label="Theme">
          {(['system', 'light', 'dark'] as ThemeChoice[]).map((choice) => (
            <label key={choice}>
              <input
                type="radio"
                name="theme"
                value={choice}
                checked={theme === choice}
                onChange={() => setTheme(choice)}
              />
              {choice === 'system' ? 'Follow the system' : choice === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </fieldset>
      </section>
      <section className="card">
        <h2>This installation</h2>
        {info ? (
          <dl className="facts">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Shell</dt>
            <dd>{info.shell === 'electron' ? 'Desktop app' : 'Browser harness'}</dd>
            <dt>Data directory</dt>
            <dd>
              <code>{info.dataDir}</code>
            </dd>
            <dt>Runtime</dt>
            <dd>
              Node {info.nodeVersion} on {info.platform}
            </dd>
          </dl>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>
    </div>
  );
}
