// The electron-builder configuration against electron-builder's own JSON schema, and the fuse configuration.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { fuseConfig, packagedElectronPath } from './fuses.mjs';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// The same validator and schema that electron-builder runs before each build.
const { validateSchema } = require(path.join(root, 'node_modules/app-builder-lib/out/util/config/schemaValidator.js'));
const schema = require(path.join(root, 'node_modules/app-builder-lib/scheme.json'));
const config = JSON.parse(fs.readFileSync(path.join(root, 'electron-builder.json'), 'utf8'));

describe('electron-builder configuration', () => {
  it("validates against electron-builder's schema without building", () => {
    const { $schema: _editorHint, ...checked } = config;
    expect(() => validateSchema(schema, checked, { name: 'electron-builder' })).not.toThrow();
  });

  it('rejects a configuration with an unknown key (the check can fail)', () => {
    const { $schema: _editorHint, ...checked } = config;
    expect(() => validateSchema(schema, { ...checked, notAKey: 1 }, { name: 'electron-builder' })).toThrow(/notAKey/);
  });

  it('builds AppImage, deb, dmg and NSIS and ships the setup YAML and the agent bundle', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.extraResources).toContainEqual({ from: 'resources/setup', to: 'resources/setup' });
    expect(config.extraResources).toContainEqual({ from: 'out/agent', to: 'agent' });
    expect(fs.existsSync(path.join(root, config.afterPack))).toBe(true);
    expect(fs.existsSync(path.join(root, 'resources/setup/account.yaml'))).toBe(true);
  });

  it('is what `npm run dist` uses, and the README documents it', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts.dist).toMatch(/electron-builder --config electron-builder\.json/);
    expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toContain('npm run dist');
  });
});

describe('Electron fuses', () => {
  it('turns off RunAsNode, NODE_OPTIONS and inspect; turns on cookie encryption, asar integrity and asar-only', () => {
    const fuses = fuseConfig('linux');
    expect(fuses.version).toBe(FuseVersion.V1);
    expect(fuses[FuseV1Options.RunAsNode]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(fuses.resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig('darwin').resetAdHocDarwinSignature).toBe(true);
  });

  it('finds the packed Electron binary on each platform', () => {
    const names = { appOutDir: '/o', productFilename: 'Strongroom', executableName: 'strongroom' };
    expect(packagedElectronPath({ platform: 'linux', ...names })).toBe('/o/strongroom');
    expect(packagedElectronPath({ platform: 'darwin', ...names })).toBe('/o/Strongroom.app');
    expect(packagedElectronPath({ platform: 'win32', ...names })).toBe('/o/Strongroom.exe');
  });
});
