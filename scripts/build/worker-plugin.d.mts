import type { Plugin } from 'rollup';
export function workerAssets(options: { createWorker: string }): Plugin;
