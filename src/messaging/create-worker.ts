/** Listeners told about every worker this module starts (the engine watches its own worker's load errors). */
const watchers = new Set<(worker: Worker) => void>();

/** Calls `fn` with each worker started from now on; returns the unsubscribe function. */
export function watchWorkers(fn: (worker: Worker) => void): () => void {
  watchers.add(fn);
  return () => watchers.delete(fn);
}

/**
 * Starts a module worker from a chunk URL. Browsers refuse `new Worker()` for
 * a script on another origin (a CDN-hosted kit always is), so in that case the
 * worker starts from a same-origin `blob:` whose only line imports the real
 * chunk; the chunk's own imports and its wasm then resolve against the CDN.
 * The CDN must send `Access-Control-Allow-Origin`; the page's CSP needs
 * `worker-src blob:` (documented in the README).
 */
export function createWorker(url: string | URL, options?: WorkerOptions): Worker {
  const href = String(url);
  let worker: Worker;
  if (new URL(href, location.href).origin === location.origin) worker = new Worker(href, options);
  else {
    const bootstrap = URL.createObjectURL(new Blob([`import ${JSON.stringify(href)};`], { type: 'text/javascript' }));
    try {
      worker = new Worker(bootstrap, { ...options, type: 'module' });
    } finally {
      // The worker fetched (or queued the fetch of) the bootstrap; the URL itself is no longer needed.
      setTimeout(() => URL.revokeObjectURL(bootstrap), 30_000);
    }
  }
  for (const fn of watchers) fn(worker);
  return worker;
}
