// Builds main (Node), preload (sandboxed, so CommonJS) and renderer (React) from src/.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { contentSecurityPolicy, withCspMeta } from './src/main/csp';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/main/electron/index.ts') },
        // Native modules load from node_modules at run time; they cannot be bundled.
        external: ['better-sqlite3-multiple-ciphers', '@napi-rs/keyring'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [
      react(),
      // The <meta> CSP is the Electron header policy, from the one definition in src/main/csp.ts.
      { name: 'strongroom-csp-meta', transformIndexHtml: (html: string) => withCspMeta(html, contentSecurityPolicy()) },
    ],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
  },
});
