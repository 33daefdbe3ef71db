// Generates src/attachments/vectors.json ONCE from the XMTP reference code (libxmtp's node bindings,
// the same Rust as the browser SDK's wasm). The vectors are committed; the unit tests check the kit's
// @noble code against them. Run: node scripts/attachment-vectors.mjs
import { encryptAttachment } from '@xmtp/node-bindings';
import { writeFileSync } from 'node:fs';

const hex = (u) => Buffer.from(u).toString('hex');
const bytes = (n, seed) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 7 + ((i >> 8) * 17)) & 0xff);
const cases = [
  { filename: 'hello.txt', mimeType: 'text/plain', content: new TextEncoder().encode('hello attachments\n') },
  { filename: 'pixel.png', mimeType: 'image/png', content: bytes(1024, 1) },
  { filename: 'résumé – 履歴書.pdf', mimeType: 'application/pdf', content: bytes(5000, 2) },
  { filename: 'empty.bin', mimeType: 'application/octet-stream', content: new Uint8Array(0) },
];
const vectors = cases.map((c) => {
  const e = encryptAttachment(c);
  return {
    filename: c.filename,
    mimeType: c.mimeType,
    content: hex(c.content),
    secret: hex(e.secret),
    salt: hex(e.salt),
    nonce: hex(e.nonce),
    contentDigest: e.contentDigest,
    contentLength: e.contentLength,
    payload: hex(e.payload),
  };
});
writeFileSync(new URL('../src/attachments/vectors.json', import.meta.url), JSON.stringify({ source: '@xmtp/node-bindings 1.8.0 encryptAttachment', vectors }, null, 1) + '\n');
console.log(`wrote ${vectors.length} vectors`);
