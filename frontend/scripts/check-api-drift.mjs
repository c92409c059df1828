#!/usr/bin/env node
// Fails when src/api/schema.d.ts is not what openapi-typescript makes of ../openapi.yaml today,
// i.e. when the API changed and the typed client was not regenerated (`make openapi`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(root, 'src', 'api', 'schema.d.ts');
const spec = join(root, '..', 'openapi.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'dti-api-drift-'));
const fresh = join(scratch, 'schema.d.ts');

try {
  execFileSync(join(root, 'node_modules', '.bin', 'openapi-typescript'), [spec, '-o', fresh], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let current = '';
  try {
    current = readFileSync(committed, 'utf8');
  } catch {
    // Missing: reported as drift below.
  }
  if (current !== readFileSync(fresh, 'utf8')) {
    console.error(
      'src/api/schema.d.ts is out of date with openapi.yaml: run `make openapi` (or `npm run generate:api`) and commit the result.',
    );
    process.exit(1);
  }
  console.log('API client is up to date with openapi.yaml');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
