import { rmSync } from 'node:fs';

/** Empties the output folder when a build starts, so no stale chunk survives. */
export function cleanOutput(dir) {
  return {
    name: 'mask-clean-output',
    buildStart() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
