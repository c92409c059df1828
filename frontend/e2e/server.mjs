#!/usr/bin/env node
// Starts DTI Hub for the browser tests: a fresh SQLite database in a temporary folder, migrated and
// seeded with the demo data, serving the built SPA (frontend/dist) on E2E_PORT. Playwright's
// webServer runs this and waits for /readyz; the folder is removed when the server stops.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(frontend, '..');
const python = process.env.DTI_PYTHON ?? join(repo, '.venv', 'bin', 'python');
const port = process.env.E2E_PORT;
if (!port) {
  console.error('E2E_PORT is not set');
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'dti-e2e-'));
const env = {
  ...process.env,
  DTI_ENV: 'development',
  DTI_DATABASE_URL: `sqlite+aiosqlite:///${join(scratch, 'dti.db')}`,
  DTI_STORAGE_DIR: join(scratch, 'storage'),
  DTI_DEMO: '1',
  DTI_HOST: '127.0.0.1',
  DTI_PORT: port,
  DTI_SPA_DIR: join(frontend, 'dist'),
  DTI_LOG_LEVEL: 'WARNING',
};

function cleanUp() {
  rmSync(scratch, { recursive: true, force: true });
}

for (const step of ['migrate', 'seed']) {
  const result = spawnSync(python, ['-m', 'api', step], { cwd: repo, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      `python -m api ${step} failed (${result.error?.message ?? `exit ${result.status}`})`,
    );
    cleanUp();
    process.exit(1);
  }
}

const server = spawn(python, ['-m', 'api', 'serve'], { cwd: repo, env, stdio: 'inherit' });
server.on('exit', (code) => {
  cleanUp();
  process.exit(code ?? 0);
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    server.kill('SIGTERM');
  });
}
