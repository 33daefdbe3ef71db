import { rmSync } from 'node:fs';

/** Empties the output folder (whatever `output.dir` is) before writing, so no stale chunk survives. */
export function cleanOutput() {
  return {
    name: 'mask-clean-output',
    renderStart(outputOptions) {
      if (outputOptions.dir) rmSync(outputOptions.dir, { recursive: true, force: true });
    },
  };
}
