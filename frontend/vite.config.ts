/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API the dev server forwards /api to (`make run` serves on 127.0.0.1:8000 by default).
const apiTarget = process.env.DTI_API_URL ?? 'http://127.0.0.1:8000';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
    // The help centre shows the integrator guide kept in ../docs (for agencies' developers).
    fs: { allow: ['.', '../docs'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts or data: modules, so the build runs under the app's CSP (script-src 'self').
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    // Test files share their worker's modules and jsdom window instead of loading antd, React and
    // jsdom again for each file (import and environment took 35 of the run's 112 s). The set-up
    // file resets what tests change (storage, session, language, saved files) before each test.
    isolate: false,
    // Every core (Vitest leaves one to itself by default: a single worker on a 2-core machine).
    maxWorkers: '100%',
    // A whole-app test that takes 9 s on an idle machine took over 15 s in `make test`, where
    // pytest shares the two cores: the limit is for a hung test, not a slow machine.
    testTimeout: 60_000,
  },
});
