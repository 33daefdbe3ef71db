/**
 * Collects keys asked for within `wait` milliseconds and answers them with
 * one call to `run` (at most `max` keys per call). Used for the Lens API (one
 * GraphQL document with aliases) and XMTP `GetInboxIds` (one repeated request),
 * the way viem batches JSON-RPC and multicall for the chain.
 */
export function batcher<K, V>(
  run: (keys: K[]) => Promise<Map<K, V>>,
  options: { wait?: number; max?: number } = {},
): (key: K) => Promise<V | undefined> {
  const { wait = 16, max = 50 } = options;
  let queue: Array<{ key: K; resolve: (value: V | undefined) => void; reject: (error: unknown) => void }> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = (): void => {
    timer = undefined;
    const items = queue;
    queue = [];
    for (let i = 0; i < items.length; i += max) {
      const slice = items.slice(i, i + max);
      const keys = [...new Set(slice.map((item) => item.key))];
      run(keys).then(
        (answers) => slice.forEach((item) => item.resolve(answers.get(item.key))),
        (error: unknown) => slice.forEach((item) => item.reject(error)),
      );
    }
  };

  return (key) =>
    new Promise<V | undefined>((resolve, reject) => {
      queue.push({ key, resolve, reject });
      timer ??= setTimeout(flush, wait);
    });
}

/** `promise`, or a rejection as soon as `signal` aborts (the shared work goes on for other callers). */
export function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
