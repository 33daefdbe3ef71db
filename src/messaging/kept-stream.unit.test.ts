// keepStream over the real SDK 7.1.0 `Conversations` (its own stream and retry code), with the worker
// replayed: the bridge below answers the SDK's actions as `@xmtp/browser-sdk/dist/workers/client.js` does
// (a stream the node closes is deleted and reported with `stream.fail`; ending a deleted stream rejects
// with `Stream "<id>" not found`).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Conversations, ConversationType } from '@xmtp/browser-sdk';
import { keepStream } from './kept-stream.js';

const MOVED = 'XMTP V3 streaming is no longer available. Please upgrade your client to XMTP D14N.';
const DELAY = 20;

// A browser page does not wait for its timers; node does. The SDK's parked retries (24.8 days) must not
// keep this process alive.
const setTimer = globalThis.setTimeout;
globalThis.setTimeout = ((fn: () => void, ms?: number) => {
  const timer = setTimer(fn, ms);
  if ((ms ?? 0) >= 2 ** 31 - 1) timer.unref();
  return timer;
}) as typeof setTimeout;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
after(() => process.off('unhandledRejection', onUnhandled));

interface Sub {
  deliver(error: unknown, value?: unknown): void;
  fail(): void;
}

class ReplayedWorker {
  node: 'up' | 'down' | 'moved' = 'up';
  /** Subscriptions that reached the node. */
  opened = 0;
  ended = 0;
  readonly streams = new Map<string, Sub>();

  action(name: string, data?: { streamId?: string }): Promise<unknown> {
    return new Promise((resolve, reject) =>
      setTimeout(() => {
        if (name === 'endStream') {
          if (!this.streams.delete(data!.streamId!)) return reject(new Error(`Stream "${data!.streamId}" not found`));
          this.ended += 1;
          return resolve(undefined);
        }
        if (this.node === 'down') return reject(new Error('[GroupError::Api] transport error: connection refused'));
        if (name === 'conversations.stream' || name === 'conversations.streamAllMessages') {
          this.opened += 1;
          if (this.node === 'moved') setTimeout(() => this.close(data!.streamId!, MOVED), 1);
        }
        resolve(undefined);
      }, 1),
    );
  }

  handleStreamMessage(id: string, callback: (error: unknown, value?: unknown) => void, options: { onFail(): void }) {
    this.streams.set(id, { deliver: callback, fail: () => options.onFail() });
    return async () => {
      await this.action('endStream', { streamId: id });
    };
  }

  /** The node ends a stream: the worker posts the error, then deletes it and posts `stream.fail`. */
  close(id: string, message = 'stream closed by the node'): void {
    const sub = this.streams.get(id);
    if (!sub) return;
    sub.deliver(new Error(message));
    this.streams.delete(id);
    sub.fail();
  }

  closeAll(message?: string): void {
    for (const id of [...this.streams.keys()]) this.close(id, message);
  }

  emit(id: string): void {
    for (const sub of this.streams.values()) sub.deliver(null, { id, metadata: { conversationType: ConversationType.Group } });
  }
}

function setup() {
  const worker = new ReplayedWorker();
  const conversations = new Conversations({ installationId: 'i' } as never, worker as never, { getCodec: () => undefined } as never);
  const seen: string[] = [];
  const log: string[] = [];
  const kept = keepStream<{ id: string }>((options) => conversations.stream(options), {
    onValue: (c) => seen.push(c.id),
    onError: (error) => (String(error).includes('no longer available') ? 'stop' : undefined),
    onDrop: () => log.push('drop'),
    onBack: () => log.push('back'),
  }, DELAY);
  return { worker, kept, seen, log };
}

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.fail(`waited for ${what}`);
}

const quiet = (delays: number) => new Promise((r) => setTimeout(r, delays * DELAY));

test('a dropped stream is reopened once after the delay; only the new stream delivers', async () => {
  const { worker, kept, seen, log } = setup();
  assert.equal(await kept.opened, true);
  worker.emit('a');
  await until('the first value', () => seen.length === 1);
  worker.closeAll();
  await until('the stream back', () => log.includes('back'));
  assert.deepEqual(log, ['drop', 'back']);
  await quiet(10);
  assert.equal(worker.opened, 2, 'one reopen; the SDK itself opened nothing');
  worker.emit('b');
  await until('the second value', () => seen.length === 2);
  assert.deepEqual(seen, ['a', 'b']);
  kept.stop();
  await until('the stream ended', () => worker.ended === 1);
  assert.deepEqual(unhandled, []);
});

test('a node that is down at the start: opened is false, tried again every delay until it is back', async () => {
  const { worker, kept, log } = setup();
  worker.node = 'down';
  assert.equal(await kept.opened, false);
  await quiet(4);
  assert.equal(worker.opened, 0);
  assert.ok(log.filter((l) => l === 'drop').length >= 2, `retried: ${log.join(',')}`);
  worker.node = 'up';
  await until('the stream back', () => log.at(-1) === 'back');
  await quiet(10);
  assert.equal(worker.opened, 1);
  assert.equal(worker.streams.size, 1);
  kept.stop();
  assert.deepEqual(unhandled, []);
});

test('refused for good (the D14N cutover): no stream is opened again, and nothing is ended twice', async () => {
  const { worker, kept, log } = setup();
  assert.equal(await kept.opened, true);
  worker.node = 'moved';
  worker.closeAll(MOVED);
  await quiet(20);
  assert.equal(worker.opened, 1, 'nothing reopened after the refusal');
  assert.deepEqual(log, []);
  assert.equal(worker.ended, 0, 'the closed stream was not ended again');
  assert.deepEqual(unhandled, [], 'no "Stream not found"');
});

test('opened straight into the cutover: one attempt, then nothing', async () => {
  const { worker, kept } = setup();
  worker.node = 'moved';
  await kept.opened;
  await quiet(20);
  assert.equal(worker.opened, 1);
  assert.equal(worker.streams.size, 0);
  assert.deepEqual(unhandled, []);
});

test('stop with a grace: a stream that closes by itself meanwhile is not ended; one still open is', async () => {
  const a = setup();
  await a.kept.opened;
  a.kept.stop(5 * DELAY);
  a.worker.closeAll();
  await quiet(10);
  assert.equal(a.worker.ended, 0);
  assert.equal(a.worker.opened, 1, 'a stopped stream is not reopened');

  const b = setup();
  await b.kept.opened;
  b.kept.stop(5 * DELAY);
  await until('the open stream ended after the grace', () => b.worker.ended === 1);
  assert.deepEqual(unhandled, []);
});
