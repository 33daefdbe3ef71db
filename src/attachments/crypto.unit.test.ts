import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decryptAttachment as sdkDecrypt, encryptAttachment as sdkEncrypt } from '@xmtp/node-bindings';
import { gcm } from '@noble/ciphers/aes.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { AttachmentError, bytesToHex, decryptAttachment, decryptAttachmentAtOnce, encryptAttachment, encryptAttachmentSliced, hexToBytes } from './crypto.js';
import { decodeContent } from './encoded-content.js';
import fixture from './vectors.json' with { type: 'json' };

const { vectors } = fixture;

const sdkParams = (e: { secret: Uint8Array; salt: Uint8Array; nonce: Uint8Array; contentDigest: string; contentLength: number; filename?: string }) => ({
  url: 'https://example.invalid/x',
  scheme: 'https://',
  contentDigest: e.contentDigest,
  secret: e.secret,
  salt: e.salt,
  nonce: e.nonce,
  contentLength: e.contentLength,
  filename: e.filename,
});

test('the committed vectors (from libxmtp) decrypt with the kit', async () => {
  assert.ok(vectors.length >= 4);
  for (const v of vectors) {
    const out = await decryptAttachment(hexToBytes(v.payload), v);
    assert.equal(out.filename, v.filename);
    assert.equal(out.mimeType, v.mimeType);
    assert.deepEqual(out.data, hexToBytes(v.content));
  }
});

test('with the same keys the kit writes the reference plaintext, so the same payload and digest', () => {
  let identical = 0;
  for (const v of vectors) {
    const secret = hexToBytes(v.secret);
    const salt = hexToBytes(v.salt);
    const nonce = hexToBytes(v.nonce);
    const e = encryptAttachment(hexToBytes(v.content), { filename: v.filename, mimeType: v.mimeType, secret, salt, nonce });
    assert.equal(e.contentLength, v.contentLength);
    const key = hkdf(sha256, secret, salt, new Uint8Array(0), 32);
    const reference = decodeContent(gcm(key, nonce).decrypt(hexToBytes(v.payload)));
    // libxmtp writes the parameters map in hash order; with filename first the bytes must be identical.
    if (Object.keys(reference.parameters)[0] === 'filename') {
      assert.equal(e.contentDigest, v.contentDigest);
      assert.equal(bytesToHex(e.payload), v.payload);
      identical++;
    }
  }
  assert.ok(identical >= 2, 'at least two vectors compare byte for byte');
});

test('what the kit encrypts opens with the reference decoder (libxmtp)', () => {
  const data = new TextEncoder().encode('from the kit');
  for (const info of [
    { filename: 'kit.txt', mimeType: 'text/plain' },
    { filename: 'ünïcødé 図.png', mimeType: 'image/png' },
  ]) {
    const e = encryptAttachment(data, info);
    const out = sdkDecrypt(e.payload, sdkParams(e));
    assert.equal(out.filename, info.filename);
    assert.equal(out.mimeType, info.mimeType);
    assert.deepEqual(out.content, data);
  }
});

test('what the reference encoder encrypts right now opens in the kit', async () => {
  const content = Uint8Array.from({ length: 40_000 }, (_, i) => i & 0xff);
  const e = sdkEncrypt({ filename: 'big.bin', mimeType: 'application/octet-stream', content });
  const out = await decryptAttachment(e.payload, e);
  assert.deepEqual(out.data, content);
  assert.equal(out.filename, 'big.bin');
});

test('a changed byte is a digest mismatch, checked before decryption', async () => {
  const v = vectors[0]!;
  const payload = hexToBytes(v.payload);
  payload[3] ^= 1;
  await assert.rejects(decryptAttachment(payload, v), (e: unknown) => e instanceof AttachmentError && e.code === 'attachment-digest-mismatch');
});

test('wrong keys with a matching digest fail to decrypt', async () => {
  const v = vectors[1]!;
  const secret = hexToBytes(v.secret);
  secret[0] ^= 1;
  await assert.rejects(decryptAttachment(hexToBytes(v.payload), { ...v, secret }), (e: unknown) => e instanceof AttachmentError && e.code === 'attachment-decrypt-failed');
});

test('keys of the wrong length or not hex are malformed', async () => {
  const v = vectors[0]!;
  await assert.rejects(decryptAttachment(hexToBytes(v.payload), { ...v, nonce: 'abcd' }), (e: unknown) => e instanceof AttachmentError && e.code === 'attachment-malformed');
  await assert.rejects(decryptAttachment(hexToBytes(v.payload), { ...v, salt: 'zz'.repeat(32) }), (e: unknown) => e instanceof AttachmentError && e.code === 'attachment-malformed');
});

test('the digest accepts upper case and a 0x prefix', async () => {
  const v = vectors[0]!;
  const out = await decryptAttachment(hexToBytes(v.payload), { ...v, contentDigest: '0x' + v.contentDigest.toUpperCase() });
  assert.equal(out.filename, v.filename);
});

test('the sliced path (what the chat uses) gives the same bytes as noble gcm, and refuses a bad tag', async () => {
  for (const size of [0, 1, 15, 16, 65_535, 65_536, 65_537, 300_001]) {
    const data = Uint8Array.from({ length: size }, (_, i) => (i * 7 + 3) & 0xff);
    const keys = { filename: 'f.bin', mimeType: 'application/octet-stream', secret: new Uint8Array(32).fill(1), salt: new Uint8Array(32).fill(2), nonce: new Uint8Array(12).fill(3) };
    const whole = encryptAttachment(data, keys);
    const sliced = await encryptAttachmentSliced(data, keys);
    assert.equal(bytesToHex(sliced.payload), bytesToHex(whole.payload), `size ${size}`);
    assert.equal(sliced.contentDigest, whole.contentDigest);
    const opened = await decryptAttachment(sliced.payload, sliced);
    assert.deepEqual(opened.data, data);
    // And the reference decoder opens it.
    assert.deepEqual(sdkDecrypt(sliced.payload, sdkParams(sliced)).content, data);
  }
  const big = encryptAttachment(new Uint8Array(200_000), { filename: 'z', mimeType: 'application/octet-stream' });
  const forged = big.payload.slice();
  forged[forged.length - 1]! ^= 1;
  await assert.rejects(
    decryptAttachment(forged, { ...big, contentDigest: bytesToHex(sha256(forged)) }),
    (e: unknown) => e instanceof AttachmentError && e.code === 'attachment-decrypt-failed',
  );
});

test('the worker\'s one-go decryption opens what the sliced path opens, and refuses the same', async () => {
  for (const v of vectors) {
    const out = await decryptAttachmentAtOnce(hexToBytes(v.payload), v);
    assert.deepEqual(out.data, hexToBytes(v.content));
  }
  const data = Uint8Array.from({ length: 300_001 }, (_, i) => (i * 13) & 0xff);
  const e = await encryptAttachmentSliced(data, { filename: 'w.bin', mimeType: 'application/octet-stream' });
  assert.deepEqual((await decryptAttachmentAtOnce(e.payload, e)).data, data);
  const changed = e.payload.slice();
  changed[10]! ^= 1;
  await assert.rejects(decryptAttachmentAtOnce(changed, e), (x: unknown) => x instanceof AttachmentError && x.code === 'attachment-digest-mismatch');
  await assert.rejects(
    decryptAttachmentAtOnce(changed, { ...e, contentDigest: bytesToHex(sha256(changed)) }),
    (x: unknown) => x instanceof AttachmentError && x.code === 'attachment-decrypt-failed',
  );
});
