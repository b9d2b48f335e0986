// Types of scripts/fuses.mjs (plain JavaScript so that electron-builder's afterPack hook loads it without a TypeScript loader).
import type { FuseConfig } from '@electron/fuses';

export function fuseConfig(platform: string): FuseConfig;
export function packagedElectronPath(where: {
  platform: string;
  appOutDir: string;
  productFilename: string;
  executableName: string;
}): string;
