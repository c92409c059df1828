import { execFileSync } from 'node:child_process';

import { defineConfig } from '@playwright/test';

/**
 * Browser journeys against the real app: e2e/server.mjs starts the API with a fresh SQLite database
 * and the built SPA on a free port. Chromium is Debian's (never a downloaded one).
 */

// The config is evaluated again in each worker: pick the port once and pass it on in the env.
function freePort(): string {
  const script =
    "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
}
process.env.E2E_PORT ??= freePort();
const port = process.env.E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  // One browser at a time: two cores are shared by the API server and Chromium.
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    // The journeys work in the 2024 demo round (id 1 on the fresh database; Q1 and SO-TTTT take
    // part in it), chosen in the header's round selector for every browser context, as a user who
    // had picked it would find it. Without a choice, unit staff would open on it too (the newest
    // round their unit takes part in), but DIC on the newest real round: the merged city's 2025.
    storageState: {
      cookies: [],
      origins: [{ origin: baseURL, localStorage: [{ name: 'dti.round', value: '1' }] }],
    },
    locale: 'vi-VN',
    viewport: { width: 1366, height: 900 },
    screenshot: 'only-on-failure',
    // A failed journey keeps a trace of its actions, network and console, without the screencast
    // and DOM snapshots: recording those slowed every journey by a quarter or more, and the snap()
    // screenshots and the failure screenshot already show the pages. For a full trace, run with
    // `--trace retain-on-failure`.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: false },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    // The administration year (issue 15) urges Q1 and SO-TTTT, which must not have submitted yet:
    // it runs first, and deletes its 2027 round and puts the 2023 schedule back.
    { name: 'admin-year', testMatch: /admin-year\.spec\.ts/ },
    {
      name: 'journeys',
      testIgnore: /(publication|admin-year)\.spec\.ts/,
      dependencies: ['admin-year'],
    },
    // Publishing moves the 2023 demo round to `published`, which the other journeys need open:
    // it runs last, on the same server, once they are done.
    { name: 'publication', testMatch: /publication\.spec\.ts/, dependencies: ['journeys'] },
  ],
  webServer: {
    command: 'node e2e/server.mjs',
    url: `${baseURL}/readyz`,
    env: { E2E_PORT: port },
    timeout: 120_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
