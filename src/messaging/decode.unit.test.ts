import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeItem, safeDecode, type RawMessage } from './decode.js';
import type { ChatMessage } from './types.js';

const raw = (over: Partial<RawMessage>): RawMessage => ({
  id: 'm1',
  conversationId: 'c1',
  senderInboxId: 'inbox',
  sentAtNs: 1_767_225_600_000_000_000n,
  authorityId: 'xmtp.org',
  typeId: 'text',
  content: 'hello',
  fallback: undefined,
  delivery: 'sent',
  ...over,
});
const tx = (metadata: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) =>
  (decodeItem(raw({ typeId: 'transactionReference', content: { networkId: '31337', reference: '0x' + 'ab'.repeat(32), metadata, ...extra } })) as ChatMessage).transaction!;

test('text, markdown and replies keep their text whole', () => {
  const big = 'a'.repeat(1_000_000);
  assert.equal((decodeItem(raw({ content: big })) as ChatMessage).text.length, 1_000_000);
  assert.equal((decodeItem(raw({ typeId: 'markdown', content: '**x**' })) as ChatMessage).kind, 'text');
  const reply = decodeItem(raw({ typeId: 'reply', content: { content: 'yes', referenceId: 'm0', inReplyTo: { content: 'q'.repeat(10_000) } } })) as ChatMessage;
  assert.equal(reply.kind, 'reply');
  assert.equal(reply.replyTo?.id, 'm0');
  assert.equal(reply.replyTo?.text?.length, 280, 'the quote is capped');
});

test('a transaction reference with numbers out of range keeps its receipt, without the numbers', () => {
  assert.equal(tx({ amount: 1_500_000, decimals: 1_000_000_000, currency: 'USDC' }).decimals, null);
  assert.equal(tx({ amount: 1_500_000, decimals: 4_294_967_295 }).decimals, null);
  assert.equal(tx({ amount: 1_500_000, decimals: -1 }).decimals, null);
  assert.equal(tx({ amount: 1_500_000, decimals: 6.5 }).decimals, null);
  assert.equal(tx({ amount: 1_500_000, decimals: 255 }).decimals, 255);
  assert.equal(tx({ amount: 1.7976931348623157e308, decimals: 6 }).amount, null, 'more digits than a uint256');
  assert.equal(tx({ amount: '9'.repeat(1_000_000), decimals: 6 }).amount, null);
  assert.equal(tx({ amount: Number.NaN, decimals: 6 }).amount, null);
  assert.equal(tx({ amount: 1e21, decimals: 18 }).amount, '1000000000000000000000');
  assert.equal(tx({ currency: 'X'.repeat(1_000_000) }).currency?.length, 24);
  assert.equal(tx({ currency: 'US\u202EDC\u0000' }).currency, 'USDC');
  assert.equal(tx({ fromAddress: '<script>', toAddress: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' }).from, null);
  assert.equal(tx({}, { reference: 'r'.repeat(1_000_000) }).hash.length, 130);
  assert.equal(tx(undefined, { networkId: 8453 }).networkId, '8453');
});

test('reactions are capped or dropped; unknown types fall back; odd timestamps become 0', () => {
  const reaction = decodeItem(raw({ typeId: 'reaction', content: { reference: 'm0', content: '😀'.repeat(100_000) }, reactionRemoved: false }));
  assert.equal(reaction?.kind, 'reaction');
  assert.ok(reaction && 'emoji' in reaction && reaction.emoji.length <= 32);
  assert.equal(decodeItem(raw({ typeId: 'reaction', content: { reference: 'm0', content: 42 } })), null);
  assert.equal(decodeItem(raw({ typeId: 'reaction', content: 'not an object' })), null);
  const unknown = decodeItem(raw({ authorityId: 'evil.example', typeId: 'thing', content: { a: 1 }, fallback: 'fallback' })) as ChatMessage;
  assert.equal(unknown.kind, 'unknown');
  assert.equal(unknown.text, 'fallback');
  assert.equal((decodeItem(raw({ typeId: 'text', content: 42 })) as ChatMessage).kind, 'unknown');
  assert.equal((decodeItem(raw({ sentAtNs: 'nope' })) as ChatMessage).sentAtNs, '0');
  assert.equal((decodeItem(raw({ sentAtNs: '9'.repeat(40) })) as ChatMessage).sentAtNs, '0');
  assert.equal(decodeItem(raw({ membershipChange: true })), null);
});

test('any shape of content decodes without throwing, and every number it keeps is in range', () => {
  const anything = fc.anything({ withBigInt: true, withNullPrototype: true, withTypedArray: true, maxDepth: 3 });
  fc.assert(
    fc.property(anything, anything, fc.constantFrom('text', 'reply', 'reaction', 'transactionReference', 'markdown', 'other'), anything, (content, metadata, typeId, id) => {
      const c = typeId === 'transactionReference' && content && typeof content === 'object' ? { ...(content as object), metadata } : content;
      const item = safeDecode(raw({ typeId, content: c, id, sentAtNs: id }));
      if (item && item.kind === 'transaction') {
        const t = (item as ChatMessage).transaction!;
        assert.ok(t.decimals === null || (Number.isInteger(t.decimals) && t.decimals >= 0 && t.decimals <= 255));
        assert.ok(t.amount === null || t.amount.length <= 157);
      }
      if (item) assert.ok(/^\d{1,25}$/.test(item.sentAtNs));
    }),
    { numRuns: 1000 },
  );
});

test('an inline attachment keeps its bytes, a capped name and a checked media type', () => {
  const data = new Uint8Array([1, 2, 3]);
  const m = decodeItem(raw({ typeId: 'attachment', content: { filename: 'a'.repeat(1000) + '\u202e.png', mimeType: 'image/png', content: data } })) as ChatMessage;
  assert.equal(m.kind, 'attachment');
  assert.equal(m.attachment?.data, data);
  assert.equal(m.attachment?.size, 3);
  assert.ok(m.attachment!.filename.length <= 255);
  assert.ok(!m.attachment!.filename.includes('\u202e'), 'no bidi overrides in a name');
  const odd = decodeItem(raw({ typeId: 'attachment', content: { filename: 'x', mimeType: 'text/html"><script>', content: data } })) as ChatMessage;
  assert.equal(odd.attachment?.mimeType, 'application/octet-stream');
  // No bytes: not an attachment, the fallback shows.
  assert.equal((decodeItem(raw({ typeId: 'attachment', content: { filename: 'x', mimeType: 'image/png', content: 'nope' }, fallback: 'fb' })) as ChatMessage).kind, 'unknown');
});

test('a remote attachment keeps its URL and keys as hex, and is refused without valid keys', () => {
  const key = new Uint8Array(32).fill(0xab);
  const content = { url: 'https://store.example/f/1', contentDigest: 'cd'.repeat(32), secret: key, salt: key, nonce: new Uint8Array(12).fill(1), scheme: 'https://', contentLength: 99, filename: 'doc.pdf' };
  const m = decodeItem(raw({ typeId: 'remoteStaticAttachment', content })) as ChatMessage;
  assert.equal(m.kind, 'attachment');
  assert.equal(m.text, 'doc.pdf');
  assert.deepEqual(m.attachment?.remote, { url: content.url, scheme: 'https://', contentDigest: 'cd'.repeat(32), secret: 'ab'.repeat(32), salt: 'ab'.repeat(32), nonce: '01'.repeat(12), contentLength: 99 });
  assert.equal(m.attachment?.mimeType, 'application/octet-stream', 'the type is known only once opened');
  for (const bad of [{ nonce: new Uint8Array(11) }, { secret: 'zz' }, { contentDigest: 'abc' }, { url: 'x'.repeat(5000) }, { url: 42 }]) {
    assert.equal((decodeItem(raw({ typeId: 'remoteStaticAttachment', content: { ...content, ...bad } })) as ChatMessage).kind, 'unknown', JSON.stringify(Object.keys(bad)));
  }
  assert.equal((decodeItem(raw({ typeId: 'remoteStaticAttachment', content: { ...content, contentLength: -1 } })) as ChatMessage).attachment?.size, null);
});

test('a group change becomes an update line: members added, removed, left, and the name, description and image set', () => {
  const content = {
    initiatedByInboxId: 'alice',
    addedInboxes: [{ inboxId: 'bob' }, { inboxId: 'carol' }],
    removedInboxes: [{ inboxId: 'dave' }],
    leftInboxes: [{ inboxId: 'erin' }],
    metadataFieldChanges: [
      { fieldName: 'group_name', oldValue: 'Old', newValue: 'New ‮name\u0007' },
      { fieldName: 'description', newValue: 'd'.repeat(5000) },
      { fieldName: 'group_image_url_square', newValue: '' },
      { fieldName: 'message_disappear_in_ns', newValue: '1000' },
    ],
    addedAdminInboxes: [],
    removedAdminInboxes: [],
    addedSuperAdminInboxes: [],
    removedSuperAdminInboxes: [],
  };
  const item = decodeItem(raw({ typeId: 'group_updated', membershipChange: true, content })) as ChatMessage;
  assert.equal(item.kind, 'update');
  assert.deepEqual(item.update?.added, ['bob', 'carol']);
  assert.deepEqual(item.update?.removed, ['dave']);
  assert.deepEqual(item.update?.left, ['erin']);
  assert.equal(item.update?.by, 'alice');
  assert.deepEqual(
    item.update?.changes.map((c) => [c.field, c.value?.length]),
    [
      ['name', 8],
      ['description', 1000],
      ['image', undefined],
    ],
  );
  assert.equal(item.update?.changes[0].value, 'New name', 'control and bidi characters dropped');
  // Only admin changes or settings: nothing a line says.
  assert.equal(decodeItem(raw({ typeId: 'group_updated', membershipChange: true, content: { ...content, addedInboxes: [], removedInboxes: [], leftInboxes: [], metadataFieldChanges: [] } })), null);
  // Hostile shapes: not arrays, a thousand inboxes, not objects.
  const hostile = decodeItem(raw({ typeId: 'group_updated', content: { initiatedByInboxId: { x: 1 }, addedInboxes: Array.from({ length: 1000 }, (_, i) => ({ inboxId: `i${i}` })), removedInboxes: 'x', metadataFieldChanges: [null, 5, { fieldName: 7 }] } })) as ChatMessage;
  assert.equal(hostile.update?.added.length, 50);
  assert.deepEqual(hostile.update?.removed, []);
  assert.equal(hostile.update?.by, '');
  assert.equal(decodeItem(raw({ typeId: 'group_updated', content: 'nope' })), null);
});
