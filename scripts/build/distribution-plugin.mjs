import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * `mask-widgets.classic.js`: for hosts that only allow classic `<script>` tags.
 * It imports the module entry from beside itself (IIFE output cannot
 * code-split, and the XMTP worker must be its own chunk).
 */
export function classicLoader() {
  const source = `/*! mask-widgets classic loader */
(function () {
  var script = document.currentScript;
  var entry = new URL('mask-widgets.js', (script && script.src) || location.href).href;
  import(entry).catch(function (error) {
    console.error('mask-widgets: could not load ' + entry, error);
  });
})();
`;
  return {
    name: 'mask-classic-loader',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'mask-widgets.classic.js', source });
    },
  };
}

/**
 * `integrity.json`: SRI hashes (sha384) of every file in the output folder,
 * for `<script integrity="…" crossorigin>` and for auditing a CDN copy.
 * Runs after everything else is written (register it last).
 */
export function integrity() {
  return {
    name: 'mask-integrity',
    async writeBundle(options) {
      const dir = options.dir;
      const files = {};
      async function walk(d) {
        for (const entry of await fs.readdir(d, { withFileTypes: true })) {
          const path = join(d, entry.name);
          if (entry.isDirectory()) await walk(path);
          else if (!/\.(br|gz|map)$/.test(entry.name) && entry.name !== 'integrity.json') {
            files[relative(dir, path)] = `sha384-${createHash('sha384').update(await fs.readFile(path)).digest('base64')}`;
          }
        }
      }
      await walk(dir);
      const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
      await fs.writeFile(join(dir, 'integrity.json'), `${JSON.stringify(sorted, null, 2)}\n`);
    },
  };
}
