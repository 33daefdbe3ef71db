/**
 * Benches and e2e runs load the built kit from `dist/` (or `MASK_DIST`). On
 * a clean clone it is not there, and the page then waits for elements that
 * never upgrade until a Playwright timeout (issue 15, `npm run bench:chat`).
 * `ensureDist` builds the default `dist/` when it is missing, and refuses
 * plainly, before anything starts, when an explicit `MASK_DIST` is missing
 * (building would not fill someone else's folder).
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export type EnsureDist = 'present' | 'built';

/** Builds the kit with rollup (what `npm run build` starts with); true when it succeeded. */
const rollup = (): boolean => spawnSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit' }).status === 0;

export function ensureDist(dir: string, opts: { explicit: boolean; build?: () => boolean; log?: (line: string) => void }): EnsureDist {
  const entry = join(dir, 'mask-widgets.js');
  if (existsSync(entry)) return 'present';
  if (opts.explicit) throw new Error(`MASK_DIST=${dir} holds no mask-widgets.js: build the kit there first (npm run build)`);
  (opts.log ?? console.log)('dist/ is not built: building it first (npm run build)…');
  if (!(opts.build ?? rollup)() || !existsSync(entry)) throw new Error('the build failed: run npm run build and look at its errors');
  return 'built';
}
