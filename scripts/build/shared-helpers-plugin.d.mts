import type { Plugin } from 'rollup';

/** Moves esbuild's decorator helpers out of every module into one shared virtual module. */
export function sharedEsbuildHelpers(options: { target: string }): Plugin;
