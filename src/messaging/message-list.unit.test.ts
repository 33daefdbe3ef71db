import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareNs, MessageList } from './message-list.js';
import type { ChatMessage, ChatReactionEvent } from './types.js';

const msg = (id: string, ns: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  conversationId: 'c',
  senderInboxId: 'a',
  sentAtNs: String(ns),
  kind: 'text',
  text: id,
  reactions: [],
  delivery: 'sent',
  ...extra,
});
const reaction = (id: string, ns: number, reference: string, emoji: string, removed = false, sender = 'b'): ChatReactionEvent => ({
  kind: 'reaction',
  id,
  conversationId: 'c',
  senderInboxId: sender,
  sentAtNs: String(ns),
  reference,
  emoji,
  removed,
});

test('orders nanosecond strings numerically', () => {
  assert.ok(compareNs('999', '1000') < 0);
  assert.ok(compareNs('1700000000000000001', '1700000000000000000') > 0);
  assert.equal(compareNs('5', '5'), 0);
});

test('keeps one copy per id whatever the source, oldest first', () => {
  const list = new MessageList();
  assert.deepEqual(list.add([msg('c', 30), msg('a', 10)]).map((m) => m.id), ['c', 'a']);
  // A page of older history, the stream repeating one, a resync repeating all.
  assert.deepEqual(list.add([msg('b', 20), msg('c', 30)]).map((m) => m.id), ['b']);
  assert.deepEqual(list.add([msg('a', 10), msg('b', 20), msg('c', 30), msg('d', 40)]).map((m) => m.id), ['d']);
  assert.deepEqual(list.items.map((m) => m.id), ['a', 'b', 'c', 'd']);
  assert.equal(list.oldest?.id, 'a');
});

test('an optimistic message becomes sent when the network copy arrives, without a duplicate', () => {
  const list = new MessageList();
  list.add([msg('x', 50, { delivery: 'sending' })]);
  assert.equal(list.newestSent, undefined);
  assert.deepEqual(list.add([msg('x', 51)]), []);
  assert.equal(list.size, 1);
  assert.equal(list.get('x')?.delivery, 'sent');
  list.setDelivery('x', 'failed');
  assert.equal(list.items[0].delivery, 'failed');
  list.remove('x');
  assert.equal(list.size, 0);
});

test('folds reactions in time order, per sender and emoji, even when they arrive first', () => {
  const list = new MessageList();
  list.add([reaction('r1', 11, 'm', '👍'), reaction('r2', 12, 'm', '👍', false, 'c')]);
  list.add([msg('m', 10)]);
  assert.deepEqual(list.get('m')?.reactions.map((r) => r.senderInboxId), ['b', 'c']);
  list.add([reaction('r3', 13, 'm', '👍', true)]);
  assert.deepEqual(list.get('m')?.reactions.map((r) => r.senderInboxId), ['c']);
  list.add([reaction('r3', 13, 'm', '👍', true)]);
  assert.equal(list.get('m')?.reactions.length, 1, 'a repeated reaction event changes nothing');
});

test('10,000 messages in pages of 30, newest first, stay sorted and unique', () => {
  const list = new MessageList();
  for (let end = 10_000; end > 0; end -= 30) {
    const page = [];
    for (let i = end - 1; i >= Math.max(0, end - 30); i--) page.push(msg(`m${i}`, 1_000 + i));
    list.add(page);
  }
  assert.equal(list.size, 10_000);
  assert.ok(list.items.every((m, i) => i === 0 || compareNs(list.items[i - 1].sentAtNs, m.sentAtNs) < 0));
});
