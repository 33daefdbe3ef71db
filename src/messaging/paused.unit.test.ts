/**
 * Paused groups (XIP-72), the engine's side: what `pausedForVersion()` and libxmtp's refusal to
 * send are mapped to, and how a conversation feed takes a refused send in. The real SDK cannot
 * pause a group for its own version (see `paused.ts`), so this is where the mapping is pinned down.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIXTURE_CONVERSATION, FIXTURE_PEER, FixtureEngine } from '../../test/support/chat-fixture.js';
import { classify } from './engine.js';
import { ConversationFeed } from './feed.js';
import { pausedVersionIn, readPausedVersion } from './paused.js';
import { isEngineError, type ConversationInfo } from './types.js';

// libxmtp 1.11's GroupError::GroupPausedUntilUpdate, as it crosses the worker boundary.
const REFUSAL = '[GroupError::GroupPausedUntilUpdate] Group is paused until version 1.12.0 is available';

test('pausedForVersion(): the version a paused group needs, null when not paused or when the SDK fails', async () => {
  assert.equal(await readPausedVersion({ pausedForVersion: async () => '1.12.0' }), '1.12.0');
  assert.equal(await readPausedVersion({ pausedForVersion: async () => ' 2.0.0-rc1 ' }), '2.0.0-rc1');
  assert.equal(await readPausedVersion({ pausedForVersion: async () => undefined }), null);
  assert.equal(await readPausedVersion({ pausedForVersion: async () => null }), null);
  assert.equal(await readPausedVersion({ pausedForVersion: async () => { throw new Error('group not found'); } }), null);
  // Text from the network is shown as text, and only what looks like a version is kept.
  assert.equal(await readPausedVersion({ pausedForVersion: async () => '<b>1.12</b>' }), null);
  assert.equal(await readPausedVersion({ pausedForVersion: async () => '' }), null);
  assert.equal((await readPausedVersion({ pausedForVersion: async () => '1.'.repeat(50) }))?.length, 40);
});

test('a refused send maps to conversation-paused with the version; other errors do not', () => {
  const paused = classify(new Error(REFUSAL));
  assert.equal(paused.code, 'conversation-paused');
  assert.equal(pausedVersionIn(paused.message), '1.12.0');
  // Errors cross the worker as plain objects.
  assert.equal(classify({ message: REFUSAL }).code, 'conversation-paused');
  assert.equal(classify(new Error('[GroupError::Sync] sync failed')).code, 'unknown');
  assert.equal(pausedVersionIn('Group is paused'), null);
  // The smart-account refusal of part one is a code of its own.
  assert.equal(classify(new Error('[SignatureError::Invalid] Signature error Signature validation failed')).code, 'signature-invalid');
});

const INFO: ConversationInfo = { id: FIXTURE_CONVERSATION, peerInboxId: FIXTURE_PEER, peerAddresses: [], consent: 'allowed' };

test('a feed whose send is refused as paused says so from then on; the draft was never shown as a message', async () => {
  const engine = new FixtureEngine({ items: [] });
  engine.prepareText = () => Promise.reject(classify(new Error(REFUSAL)));
  const feed = new ConversationFeed(() => engine, INFO);
  let changes = 0;
  feed.addEventListener('change', () => changes++);
  await assert.rejects(feed.sendText('hello'), (e: unknown) => isEngineError(e) && e.code === 'conversation-paused');
  assert.equal(feed.info.pausedForVersion, '1.12.0');
  assert.equal(feed.list.size, 0);
  assert.ok(changes >= 1, 'the feed told its listeners');
  assert.equal(feed.info.consent, 'allowed', 'the rest of the info is kept');
});

test('a publish refused as paused fails the message and marks the feed paused; another failure does not', async () => {
  const engine = new FixtureEngine({ items: [] });
  const refusals = [new Error('[ApiError] failed to fetch'), new Error(REFUSAL)];
  engine.publish = () => Promise.reject(classify(refusals.shift()));
  const feed = new ConversationFeed(() => engine, INFO);
  await assert.rejects(feed.sendText('first'));
  assert.equal(feed.info.pausedForVersion, undefined, 'a network failure is not a pause');
  await assert.rejects(feed.sendText('second'));
  assert.equal(feed.info.pausedForVersion, '1.12.0');
  assert.deepEqual(feed.list.items.map((m) => m.delivery), ['failed', 'failed']);
});
