import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { walk } from 'estree-walker';
import MagicString from 'magic-string';

/**
 * Makes `new Worker(new URL('./x', import.meta.url), opts)` and
 * `new URL('./x.wasm', import.meta.url)` work after bundling (rollup leaves
 * both untouched, and they 404 at run time):
 * - the worker target is emitted as its own chunk (its imports bundled too),
 *   and the expression becomes `createWorker(<chunk URL>, opts)`, which uses a
 *   same-origin `blob:` bootstrap when the kit is served from another origin;
 * - a `.wasm` URL is emitted as an asset and rewritten to the asset's URL.
 * Every URL stays relative to the chunk's own `import.meta.url`, so `dist/`
 * can be served from any base path.
 *
 * @param {{ createWorker: string }} options  module exporting `createWorker(url, options)`
 */
export function workerAssets({ createWorker }) {
  const isMetaUrl = (node) =>
    node?.type === 'MemberExpression' && node.object?.type === 'MetaProperty' && node.property?.name === 'url';
  const literal = (node) => (node?.type === 'Literal' && typeof node.value === 'string' ? node.value : null);
  const urlOf = (node) =>
    node?.type === 'NewExpression' && node.callee?.name === 'URL' && node.arguments.length === 2 && isMetaUrl(node.arguments[1])
      ? literal(node.arguments[0])
      : null;

  return {
    name: 'mask-worker-assets',
    async transform(code, id) {
      if (!code.includes('import.meta.url') || id.startsWith('\0')) return null;
      if (!code.includes('new Worker') && !/\.wasm['"]/.test(code)) return null;
      const ast = this.parse(code);
      const edits = [];
      walk(ast, {
        enter(node) {
          if (node.type === 'NewExpression' && node.callee?.name === 'Worker' && urlOf(node.arguments[0]) !== null) {
            edits.push({ kind: 'worker', node, target: urlOf(node.arguments[0]) });
            this.skip();
          } else if (urlOf(node)?.endsWith('.wasm')) {
            edits.push({ kind: 'asset', node, target: urlOf(node) });
          }
        },
      });
      if (!edits.length) return null;
      const s = new MagicString(code);
      for (const edit of edits) {
        if (edit.kind === 'worker') {
          const resolved = await this.resolve(edit.target, id) ?? (await this.resolve(`${edit.target}.js`, id));
          if (!resolved) this.error(`cannot resolve worker ${edit.target} from ${id}`);
          const ref = this.emitFile({ type: 'chunk', id: resolved.id, name: `worker-${basename(edit.target).replace(/\.[cm]?js$/, '')}` });
          const opts = edit.node.arguments[1] ? code.slice(edit.node.arguments[1].start, edit.node.arguments[1].end) : 'undefined';
          s.overwrite(edit.node.start, edit.node.end, `__maskCreateWorker(import.meta.ROLLUP_FILE_URL_${ref}, ${opts})`);
        } else {
          const file = resolve(dirname(id), edit.target);
          const ref = this.emitFile({ type: 'asset', name: basename(file), source: readFileSync(file) });
          s.overwrite(edit.node.start, edit.node.end, `new URL(import.meta.ROLLUP_FILE_URL_${ref})`);
        }
      }
      if (edits.some((e) => e.kind === 'worker')) s.prepend(`import { createWorker as __maskCreateWorker } from ${JSON.stringify(createWorker)};\n`);
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
  };
}
