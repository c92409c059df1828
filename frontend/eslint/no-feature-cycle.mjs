/**
 * ESLint rule `local/no-feature-cycle`: no loop between feature folders (src/features/<name>).
 *
 * import-x/no-cycle follows modules, and features reach one another through index.ts files that
 * only re-export, so two features that use each other (units links to assessment, assessment lists
 * units) form no loop between modules and pass it. This rule draws the graph between features from
 * the imports of their files (tests aside: nothing imports a test) and reports an import whose
 * target feature already depends, directly or not, on the importing one.
 *
 * The file being linted is read from its syntax tree; the others from disk, cached by mtime.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SOURCE = /\.(ts|tsx)$/;
const TEST = /\.test\.(ts|tsx)$/;
// `from '…'`, `import '…'`, `import('…')`: enough for files that Prettier formats.
const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

/** @type {Map<string, { mtimeMs: number; specifiers: string[] }>} */
const fileCache = new Map();

function listSources(folder) {
  /** @type {string[]} */
  const files = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...listSources(path));
    else if (SOURCE.test(entry.name) && !TEST.test(entry.name)) files.push(path);
  }
  return files;
}

function specifiersOnDisk(file) {
  const { mtimeMs } = statSync(file);
  const cached = fileCache.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.specifiers;
  const specifiers = [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((match) => match[1]);
  fileCache.set(file, { mtimeMs, specifiers });
  return specifiers;
}

/** The feature a file or specifier belongs to, or null outside src/features. */
function featureOf(srcDir, file, specifier) {
  let target;
  if (specifier === undefined) target = file;
  else if (specifier.startsWith('@/')) target = join(srcDir, specifier.slice(2));
  else if (specifier.startsWith('.')) target = resolve(dirname(file), specifier);
  else return null;
  const parts = relative(srcDir, target).split(sep);
  return parts[0] === 'features' && parts.length > 1 ? parts[1] : null;
}

/** Feature → the features it imports, from every source file but `current` (given apart). */
function featureGraph(srcDir, current, currentSpecifiers) {
  /** @type {Map<string, Set<string>>} */
  const graph = new Map();
  const files = listSources(join(srcDir, 'features'));
  if (!files.includes(current)) files.push(current);
  for (const file of files) {
    const from = featureOf(srcDir, file);
    if (from === null) continue;
    const edges = graph.get(from) ?? new Set();
    graph.set(from, edges);
    for (const specifier of file === current ? currentSpecifiers : specifiersOnDisk(file)) {
      const to = featureOf(srcDir, file, specifier);
      if (to !== null && to !== from) edges.add(to);
    }
  }
  return graph;
}

/** The shortest path of features from `start` to `goal`, or null. */
function pathBetween(graph, start, goal) {
  const previous = new Map([[start, start]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = /** @type {string} */ (queue.shift());
    if (node === goal) {
      const path = [goal];
      while (path[0] !== start) path.unshift(previous.get(path[0]));
      return path;
    }
    for (const next of graph.get(node) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const noFeatureCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow imports that close a loop between feature folders' },
    schema: [
      {
        type: 'object',
        properties: { srcDir: { type: 'string' } },
        required: ['srcDir'],
        additionalProperties: false,
      },
    ],
    messages: {
      cycle:
        "Feature '{{from}}' imports '{{to}}', which already depends on '{{from}}' ({{path}}). " +
        'Move what both need to src/config, src/lib or src/components, or turn the dependency round.',
    },
  },
  create(context) {
    const srcDir = resolve(context.options[0].srcDir);
    const file = resolve(context.filename);
    const from = featureOf(srcDir, file);
    if (from === null || TEST.test(file)) return {};

    /** @type {{ node: import('estree').Node; specifier: string }[]} */
    const imports = [];
    const collect = (node) => {
      if (node.source && node.source.type === 'Literal' && typeof node.source.value === 'string') {
        imports.push({ node: node.source, specifier: node.source.value });
      }
    };
    return {
      ImportDeclaration: collect,
      ExportNamedDeclaration: collect,
      ExportAllDeclaration: collect,
      ImportExpression: collect,
      'Program:exit'() {
        const specifiers = imports.map(({ specifier }) => specifier);
        const graph = featureGraph(srcDir, file, specifiers);
        const reported = new Set();
        for (const { node, specifier } of imports) {
          const to = featureOf(srcDir, file, specifier);
          if (to === null || to === from || reported.has(to)) continue;
          const back = pathBetween(graph, to, from);
          if (back === null) continue;
          reported.add(to);
          context.report({
            node,
            messageId: 'cycle',
            data: { from, to, path: [from, ...back].join(' → ') },
          });
        }
      },
    };
  },
};

export default { rules: { 'no-feature-cycle': noFeatureCycle } };
