/**
 * The conversation feed against its one dependency, an `Engine` read through
 * a getter (no `Messaging`): paging, optimistic sends, one publish at a time,
 * and what it does while there is no engine. The engine is the fixture engine
 * the stories and the scale harness use (`test/support/chat-fixture.ts`), with
 * `publish` wrapped where a test needs to see or fail it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIXTURE_CONVERSATION, FIXTURE_ME, FIXTURE_PEER, FixtureEngine, fixtureConversation } from '../../test/support/chat-fixture.js';
import { ConversationFeed } from './feed.js';
import { isEngineError, type ChatMessage, type ConversationInfo, type Engine } from './types.js';

const INFO: ConversationInfo = { id: FIXTURE_CONVERSATION, peerInboxId: FIXTURE_PEER, peerAddresses: ['0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc'], consent: 'allowed' };

/** Resolves once the feed has fired `change` and `check()` holds. */
function changed(feed: ConversationFeed, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const on = () => {
      if (!check()) return;
      feed.removeEventListener('change', on);
      resolve();
    };
    feed.addEventListener('change', on);
  });
}

test('pages back through history 30 messages at a time until the first one', async () => {
  const engine = new FixtureEngine({ items: fixtureConversation(75) });
  const feed = new ConversationFeed(() => engine, INFO);
  const added: ChatMessage[][] = [];
  feed.addEventListener('messages', (e) => added.push((e as CustomEvent<{ messages: ChatMessage[] }>).detail.messages));
  await feed.loadInitial();
  await feed.loadInitial(); // once
  assert.equal(feed.list.size, 30);
  assert.equal(feed.list.oldest?.id, 'fixture-000045');
  assert.equal(feed.complete, false);
  await feed.loadOlder();
  await feed.loadOlder();
  assert.equal(feed.list.size, 75);
  assert.equal(feed.complete, true);
  assert.equal(feed.list.oldest?.id, 'fixture-000000');
  await feed.loadOlder(); // nothing older: no request, no event
  assert.deepEqual(
    added.map((page) => page.length),
    [30, 30, 15],
  );
});

test('reads the engine when it needs it: nothing to page and no send while there is none', async () => {
  let engine: Engine | null = null;
  const feed = new ConversationFeed(() => engine, INFO);
  await feed.loadOlder();
  assert.equal(feed.loadingOlder, false);
  await assert.rejects(feed.sendText('hello'), (error: unknown) => isEngineError(error) && error.code === 'unknown');
  assert.equal(feed.list.size, 0);
  engine = new FixtureEngine({ items: fixtureConversation(3) });
  await feed.loadInitial();
  assert.equal(feed.list.size, 3);
  assert.equal(feed.complete, true);
});

test('a message shows at once as sending, then sent; a failed publish shows failed and retry sends it', async () => {
  const engine = new FixtureEngine({});
  let fail = true;
  const publish = engine.publish;
  engine.publish = () => (fail ? Promise.reject(new Error('network down')) : publish());
  const feed = new ConversationFeed(() => engine, INFO);
  const seen: string[] = [];
  feed.addEventListener('change', () => {
    const m = feed.list.items.at(-1);
    if (m && seen.at(-1) !== m.delivery) seen.push(m.delivery);
  });
  await assert.rejects(feed.sendText('hello'), /network down/);
  const [message] = feed.list.items;
  assert.equal(message.text, 'hello');
  assert.equal(message.senderInboxId, FIXTURE_ME);
  assert.equal(message.delivery, 'failed');
  fail = false;
  const id = await feed.retry(message.id);
  assert.equal(feed.list.get(id)?.delivery, 'sent');
  assert.equal(feed.list.size, 1);
  assert.deepEqual(seen, ['sending', 'failed', 'sending', 'sent']);
});

test('one publish at a time: a burst of messages costs a few publishes, not one each', async () => {
  const engine = new FixtureEngine({});
  let publishes = 0;
  const publish = engine.publish;
  engine.publish = () => {
    publishes++;
    return new Promise((resolve) => setTimeout(resolve, 5)).then(() => publish());
  };
  const feed = new ConversationFeed(() => engine, INFO);
  const all = changed(feed, () => feed.list.size === 10 && feed.list.items.every((m) => m.delivery === 'sent'));
  await Promise.all(Array.from({ length: 10 }, (_, i) => feed.sendText(`message ${i}`)));
  await all;
  assert.ok(publishes >= 1 && publishes <= 3, `${publishes} publishes for 10 messages`);
});
