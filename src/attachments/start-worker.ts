/**
 * Starts the attachment crypto worker. Kept apart and free of type syntax: the build's worker plugin
 * (`scripts/build/worker-plugin.mjs`) reads this file before TypeScript is compiled, emits the worker
 * as a chunk and starts it through `createWorker` (a same-origin `blob:` bootstrap for a CDN kit).
 */
export const startCryptoWorker = () => new Worker(new URL('./crypto-worker.js', import.meta.url), { type: 'module', name: 'mask-attachments' });
