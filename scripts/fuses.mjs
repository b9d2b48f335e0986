// The Electron fuses Strongroom ships with, and where the packaged Electron binary sits per platform.
import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** Off: running as plain Node, NODE_OPTIONS, --inspect. On: cookie encryption, asar integrity, asar-only loading. */
export function fuseConfig(platform) {
  return {
    version: FuseVersion.V1,
    // Flipping fuses breaks an ad-hoc macOS signature; re-sign ad hoc so that arm64 Macs still start it.
    resetAdHocDarwinSignature: platform === 'darwin',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
  };
}

/** The Electron executable inside electron-builder's unpacked output directory. */
export function packagedElectronPath({ platform, appOutDir, productFilename, executableName }) {
  if (platform === 'darwin') return path.join(appOutDir, `${productFilename}.app`);
  if (platform === 'win32') return path.join(appOutDir, `${productFilename}.exe`);
  return path.join(appOutDir, executableName);
}
