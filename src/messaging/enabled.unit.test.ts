import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useMemoryStorage } from '../../test/support/memory-storage.js';
import { chatEnabled, markChatEnabled } from './enabled.js';

const storage = useMemoryStorage();

test('a wallet that enabled chat is remembered per network, case-insensitively; others are not', () => {
  assert.equal(chatEnabled('local', '0xAbC'), false);
  markChatEnabled('local', '0xAbC');
  assert.equal(chatEnabled('local', '0xabc'), true);
  assert.equal(chatEnabled('production', '0xabc'), false, 'another XMTP network is another installation');
  assert.equal(chatEnabled('local', '0xdef'), false);
  markChatEnabled('local', '0xabc');
  assert.deepEqual(JSON.parse(storage().data.get('mask-widgets:chat-enabled')!), ['local:0xabc'], 'marked once');
});

test('at most 20 wallets; the oldest go first', () => {
  for (let i = 0; i < 25; i++) markChatEnabled('local', `0x${i}`);
  assert.equal(chatEnabled('local', '0x4'), false);
  assert.equal(chatEnabled('local', '0x5'), true);
  assert.equal(chatEnabled('local', '0x24'), true);
});

test('garbage or a blocked storage reads as "not enabled" and never throws', () => {
  storage().data.set('mask-widgets:chat-enabled', '{"not":"a list"}');
  assert.equal(chatEnabled('local', '0xabc'), false);
  storage().data.set('mask-widgets:chat-enabled', '["local:0xabc", 42]');
  assert.equal(chatEnabled('local', '0xabc'), true);
  storage().failing = true;
  assert.equal(chatEnabled('local', '0xabc'), false);
  assert.doesNotThrow(() => markChatEnabled('local', '0xabc'));
});
