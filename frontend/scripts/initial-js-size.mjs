#!/usr/bin/env node
// The JavaScript a first visit downloads: the scripts and module preloads that dist/index.html
// names, gzipped. Fails above the budget (issue: initial JS <= 500 KB gzip).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 500;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const files = new Set();
for (const match of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) files.add(match[1]);
for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g))
  files.add(match[1]);

let total = 0;
for (const file of files) {
  const bytes = readFileSync(join(dist, file.replace(/^\//, '')));
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  total += gzipped;
  console.log(
    `${file}: ${(bytes.length / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzip`,
  );
}
const totalKb = total / 1024;
console.log(
  `initial JS: ${totalKb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB) in ${files.size} files`,
);
if (files.size === 0 || totalKb > BUDGET_KB) {
  console.error(
    files.size === 0 ? 'no script found in dist/index.html' : 'initial JS is over budget',
  );
  process.exit(1);
}
