/**
 * When does the XMTP V3 network stop taking messages? node-go publishes the
 * time of its move to the decentralised network (D14N) through
 * `xmtp.migration.api.v1.D14nMigrationApi/FetchD14nCutover`
 * (`FetchD14nCutoverResponse { uint64 timestamp_ns = 1 }`, 0 or absent when
 * none is scheduled). The engine reads it once when its stream starts: a time
 * that has passed puts the chat in its "moved" state before any send is tried,
 * and a time ahead is told to the site's owner in the console and acted on
 * when it comes. The SDK 7.1.0 does not read it in the browser.
 *
 * Best effort: a node without the migration API (or one that does not answer)
 * changes nothing; the refusals at the cutover are still recognised.
 */
import { frame, unframe } from '../internal/grpc-web.js';

const METHOD = '/xmtp.migration.api.v1.D14nMigrationApi/FetchD14nCutover';

/** The cutover time in ms since the epoch, or null when none is published (or the node did not say). */
export async function fetchCutover(apiUrl: string, signal?: AbortSignal): Promise<number | null> {
  try {
    const response = await fetch(apiUrl.replace(/\/+$/, '') + METHOD, {
      method: 'POST',
      headers: { 'content-type': 'application/grpc-web+proto', 'x-grpc-web': '1' },
      body: frame([]),
      signal: signal ?? AbortSignal.timeout(10_000),
    });
    if (!response.ok) return null;
    const { messages, status } = unframe(new Uint8Array(await response.arrayBuffer()), response.headers);
    if (status !== 0) return null;
    // An empty message is proto3's zero: no cutover scheduled.
    const ns = timestampNs(messages[0] ?? new Uint8Array(0));
    return ns > 0n ? Number(ns / 1_000_000n) : null;
  } catch {
    return null;
  }
}

/**
 * `timestamp_ns` (field 1, a varint) read exactly: nanoseconds since 1970 are past 2^53, so a float
 * would be off by a few hundred ns and could land on the millisecond before. The message has this one
 * field; anything else reads as "none scheduled".
 */
function timestampNs(message: Uint8Array): bigint {
  if (message[0] !== 0x08) return 0n;
  let value = 0n;
  for (let i = 1, shift = 0n; i < message.length && i <= 10; i++, shift += 7n) {
    value |= BigInt(message[i]! & 0x7f) << shift;
    if (!(message[i]! & 0x80)) return value;
  }
  return 0n; // truncated
}

/** The longest delay `setTimeout` keeps (about 24.8 days); later cutovers are read again on the next start. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * Reads the cutover time and calls `onMoved` when it has passed (now, or when it comes while the
 * page runs). Returns a function that stops the wait.
 */
export function watchCutover(apiUrl: string, onMoved: () => void, now = Date.now): () => void {
  const aborter = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => aborter.abort(), 10_000);
  void fetchCutover(apiUrl, aborter.signal).then((at) => {
    clearTimeout(timer);
    if (at === null || aborter.signal.aborted) return;
    const wait = at - now();
    if (wait <= 0) return onMoved();
    console.warn(
      `[mask-widgets] The XMTP network this site uses (${apiUrl}) stops taking messages at ${new Date(at).toISOString()} ` +
        '(its move to XMTP D14N). Update mask-widgets and set xmtp.env and xmtp.gatewayHost for the new network before then.',
    );
    if (wait <= MAX_DELAY) timer = setTimeout(onMoved, wait);
  });
  return () => {
    aborter.abort();
    clearTimeout(timer);
  };
}
