// Builds the renderer into dist/renderer with relative asset URLs, so the same files work from
// file:// (or the app protocol) in Electron and from `netwatch serve` over HTTP.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // One small app: a single chunk loads in one request and parses fast.
    chunkSizeWarningLimit: 1200,
    // No inline scripts or data: URLs for the CSP (script-src 'self').
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
