// electron-builder afterPack hook: flips the Electron fuses of the packed app before it is signed and wrapped.
import { flipFuses } from '@electron/fuses';
import { fuseConfig, packagedElectronPath } from './fuses.mjs';

export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const electron = packagedElectronPath({
    platform,
    appOutDir: context.appOutDir,
    productFilename: context.packager.appInfo.productFilename,
    executableName: context.packager.executableName,
  });
  await flipFuses(electron, fuseConfig(platform));
}
