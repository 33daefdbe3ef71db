/**
 * Keeps one `@xmtp/browser-sdk` stream open: reopened after a drop, stopped for good on demand.
 *
 * Why not the SDK's own retry (7.1.0): once a stream has failed, its retry loop cannot be stopped.
 * Ending the stream does not stop it (at the D14N cutover it went on opening a refused stream every
 * retry delay), ending a stream the worker has already dropped rejects with an unhandled "Stream ... not
 * found", and `retryOnFail: false` throws an uncaught `StreamFailedError` into the host page. So the
 * SDK's retry is parked: its delay is the longest a timer allows (24.8 days) and `onRetry` throws,
 * which the SDK catches before it opens anything. This module opens a new stream itself, `delayMs` after
 * each drop, and never ends a stream that has failed.
 */

/** The options of the SDK's `stream*()` calls that this module sets. */
export interface SdkStreamOptions<T> {
  retryOnFail: true;
  retryAttempts: number;
  retryDelay: number;
  onRetry(): void;
  onFail(): void;
  onError(error: unknown): void;
  onValue(value: T): void;
}

export interface KeptStreamHandlers<T> {
  onValue(value: T): void;
  /** An error on the stream or while opening it; `'stop'` ends the stream for good (no reopening). */
  onError?(error: unknown): 'stop' | void;
  /** The stream dropped; a new one opens after the delay. */
  onDrop?(): void;
  /** A new stream is open after a drop. */
  onBack?(): void;
}

export interface KeptStream {
  /** Resolves once the first attempt has opened the stream (true) or failed and will be retried (false). */
  readonly opened: Promise<boolean>;
  /**
   * No more reopening. The open stream is ended after `graceMs`, unless it drops by then: when the
   * node is closing it anyway (the D14N cutover), ending it as well races the close and loses.
   */
  stop(graceMs?: number): void;
}

/** How long a stream refused for good is given to close by itself before it is ended. */
export const STOP_GRACE_MS = 5000;

/** The longest delay `setTimeout` honours (a longer one fires at once). */
const PARKED = 2_147_483_647;
const PARK = new Error('kept-stream: the SDK retry is parked');

export function keepStream<T>(
  open: (options: SdkStreamOptions<T>) => Promise<{ end(): Promise<unknown> }>,
  handlers: KeptStreamHandlers<T>,
  delayMs = 1500,
): KeptStream {
  let stopped = false;
  let live: { end(): Promise<unknown> } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const stop = (graceMs = 0): void => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
    const stream = live;
    const end = () => {
      if (!stream || live !== stream) return;
      live = null;
      void stream.end().catch(() => {});
    };
    if (graceMs > 0) setTimeout(end, graceMs);
    else end();
  };

  const attempt = async (again: boolean): Promise<boolean> => {
    // Each attempt reports through its own flags: a parked stream of an earlier attempt never reaches
    // the handlers again.
    let current = true;
    let opening = true;
    let failed = false;
    let stream: { end(): Promise<unknown> } | null = null;
    const drop = (): void => {
      if (!current) return;
      current = false;
      if (live === stream) live = null;
      if (stopped) return;
      handlers.onDrop?.();
      timer = setTimeout(() => {
        timer = null;
        if (!stopped) void attempt(true);
      }, delayMs);
    };
    stream = await open({
      retryOnFail: true,
      retryAttempts: Number.MAX_SAFE_INTEGER,
      retryDelay: PARKED,
      onRetry: () => {
        throw PARK;
      },
      onFail: () => {
        failed = true;
        if (!opening) drop();
      },
      onError: (error) => {
        if (error === PARK || !current) return;
        if (handlers.onError?.(error) === 'stop') stop(STOP_GRACE_MS);
        // A failed open is reported here, then the SDK parks the attempt.
        else if (opening) failed = true;
      },
      onValue: (value) => {
        if (current && !stopped) handlers.onValue(value);
      },
    }).catch((error: unknown) => {
      handlers.onError?.(error);
      return null;
    });
    opening = false;
    if (failed || !stream) {
      drop();
      return false;
    }
    live = stream;
    if (stopped) {
      stop(STOP_GRACE_MS);
      return false;
    }
    if (again) handlers.onBack?.();
    return true;
  };

  return { opened: attempt(false), stop };
}
