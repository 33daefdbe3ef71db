// floors/no-cycle: no import cycle between the files of src/, counting every kind of import
// (static, `import type`, `export … from`, dynamic `import()`, `typeof import()`): a cycle that
// only works because one of its steps is lazy or type-only still ties the floors together.
// See CONTRIBUTING.md ("Floors"). The other floor rules are `no-restricted-imports` blocks in
// eslint.config.mjs; this one needs the whole graph, so it reads src/ itself (cached by mtime).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** file -> { mtimeMs, imports } for the files on disk. */
const cache = new Map();

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The file a relative specifier names (`./x.js` is `./x.ts`), or null for packages and files outside `root`. */
export function resolveImport(from, spec, root) {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec).replace(/\.(m?js)$/, '');
  if (!base.startsWith(root + path.sep)) return null;
  for (const candidate of [`${base}.ts`, `${base}.mts`, path.join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

function importsOnDisk(file, root) {
  const mtimeMs = statSync(file).mtimeMs;
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.imports;
  const specs = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
  const imports = [...new Set(specs.map((s) => resolveImport(file, s, root)).filter(Boolean))];
  cache.set(file, { mtimeMs, imports });
  return imports;
}

/** The shortest path of imports from `start` back to `target`, or null. */
function pathBack(start, target, edges) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const file = queue.shift();
    for (const next of edges(file)) {
      if (next === target) {
        const chain = [file];
        for (let f = previous.get(file); f; f = previous.get(f)) chain.unshift(f);
        return chain;
      }
      if (!previous.has(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}

/** The module specifier of an import-like node, if it has a literal one. */
function specifierOf(node) {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
    case 'ImportExpression':
      return node.source?.type === 'Literal' && typeof node.source.value === 'string' ? node.source.value : null;
    case 'TSImportType': {
      const literal = node.argument?.literal ?? node.argument;
      return literal?.type === 'Literal' && typeof literal.value === 'string' ? literal.value : null;
    }
    default:
      return null;
  }
}

export const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow import cycles between files of src/ (type-only and dynamic imports included).' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      cycle: 'floors/no-cycle: this import closes an import cycle: {{path}}. Type-only and dynamic imports count. Break it with a port or by moving the shared piece down a floor (CONTRIBUTING.md, "Floors").',
    },
  },
  create(context) {
    const root = path.resolve(context.cwd, context.options[0]?.root ?? 'src');
    const file = path.resolve(context.cwd, context.filename);
    if (!file.startsWith(root + path.sep)) return {};
    const found = [];
    const collect = (node) => {
      const spec = specifierOf(node);
      const target = spec && resolveImport(file, spec, root);
      if (target) found.push({ node, target });
    };
    return {
      ImportDeclaration: collect,
      ExportAllDeclaration: collect,
      ExportNamedDeclaration: collect,
      ImportExpression: collect,
      TSImportType: collect,
      'Program:exit'() {
        if (!found.length) return;
        const own = [...new Set(found.map((f) => f.target))];
        const known = new Set(walk(root));
        const edges = (f) => (f === file ? own : known.has(f) ? importsOnDisk(f, root) : []);
        const rel = (f) => path.relative(root, f).split(path.sep).join('/');
        const reported = new Set();
        for (const { node, target } of found) {
          if (reported.has(target)) continue;
          const back = target === file ? [] : pathBack(target, file, edges);
          if (!back) continue;
          reported.add(target);
          context.report({ node, messageId: 'cycle', data: { path: [file, ...(target === file ? [] : back), file].map(rel).join(' → ') } });
        }
      },
    };
  },
};

/** The local plugin: `plugins: { floors }`, rule `floors/no-cycle`. */
export default { meta: { name: 'floors' }, rules: { 'no-cycle': noCycle } };
