// Vite: the dev server tauri dev loads, the build the shell embeds, and Vitest (jsdom, the test shell's setup).

import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tauri expects a fixed port and leaves the terminal to cargo's output.
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  resolve: {
    alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) },
  },
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ['**/src-tauri/**'] },
  },
  preview: { port: 4173, strictPort: true },
  envPrefix: ['VITE_', 'TAURI_'],
  build: {
    // WebKit on macOS 12+ and WebKitGTK / WebView2 of the same age.
    target: ['es2021', 'safari15'],
    outDir: 'dist',
    emptyOutDir: true,
    // Keep fonts and icons as files: the CSP allows 'self' and nothing inline is needed.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/tests/setup.ts'],
    restoreMocks: true,
  },
});
