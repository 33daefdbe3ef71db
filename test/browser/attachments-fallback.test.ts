/**
 * The attachment crypto's main-thread path, forced: on this page no worker can start (as under a
 * policy without `worker-src`), so `encryptAttachmentInWorker` / `decryptAttachmentInWorker` must
 * fall back to the sliced code on the main thread, say so once in the console, and give results that
 * are the same as the one-call @noble code's. Real Chromium, the kit's real crypto.
 */
import { expect } from '@open-wc/testing';

// Before anything imports the offload module: this page cannot start workers.
const NativeWorker = globalThis.Worker;
let workersTried = 0;
globalThis.Worker = class {
  constructor() {
    workersTried++;
    throw new DOMException('worker-src forbids it (test)', 'SecurityError');
  }
} as unknown as typeof Worker;
const warnings: string[] = [];
const warn = console.warn;
console.warn = (...args: unknown[]) => {
  warnings.push(args.map(String).join(' '));
  warn.apply(console, args);
};

const { attachmentWorkerState, decryptAttachmentInWorker, encryptAttachmentInWorker } = await import('../../src/attachments/offload.js');
const { decryptAttachment, encryptAttachment } = await import('../../src/attachments/crypto.js');

/** 300 KiB of varied bytes (more than the 64 KiB slices and the small-payload threshold). */
function sample(length = 300 * 1024): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + (i >> 8)) & 0xff;
  return out;
}

describe('attachment crypto without a worker (main-thread fallback)', () => {
  after(() => {
    globalThis.Worker = NativeWorker;
    console.warn = warn;
  });

  it('encrypts on the main thread, says so once, and matches the one-call encryption byte for byte', async () => {
    expect(attachmentWorkerState()).to.equal('idle');
    const data = sample();
    const keys = { secret: new Uint8Array(32).fill(7), salt: new Uint8Array(32).fill(9), nonce: new Uint8Array(12).fill(3) };
    const sliced = await encryptAttachmentInWorker(data, { filename: 'report.pdf', mimeType: 'application/pdf', ...keys });
    expect(workersTried).to.equal(1);
    expect(attachmentWorkerState()).to.equal('unavailable');
    const reference = encryptAttachment(data, { filename: 'report.pdf', mimeType: 'application/pdf', ...keys });
    expect(sliced.contentDigest).to.equal(reference.contentDigest);
    expect(sliced.payload.length).to.equal(reference.payload.length);
    expect(sliced.payload.every((b, i) => b === reference.payload[i])).to.equal(true);

    // A second file does not try the worker again, and the console said it once.
    await encryptAttachmentInWorker(sample(70 * 1024), { filename: 'b.bin', mimeType: 'application/octet-stream' });
    expect(workersTried).to.equal(1);
    const said = warnings.filter((w) => w.includes('on the main thread'));
    expect(said).to.have.length(1);
    expect(said[0]).to.contain('worker-src forbids it (test)');
  });

  it('decrypts a large payload on the main thread to the same file, and still refuses a changed byte', async () => {
    const data = sample();
    const sealed = encryptAttachment(data, { filename: 'photo.png', mimeType: 'image/png' });
    const params = { secret: sealed.secret, salt: sealed.salt, nonce: sealed.nonce, contentDigest: sealed.contentDigest };
    const opened = await decryptAttachmentInWorker(sealed.payload.slice(), params);
    expect(opened.filename).to.equal('photo.png');
    expect(opened.mimeType).to.equal('image/png');
    expect(opened.data.length).to.equal(data.length);
    expect(opened.data.every((b, i) => b === data[i])).to.equal(true);

    const tampered = sealed.payload.slice();
    tampered[1000] ^= 1;
    let refused: unknown = null;
    await decryptAttachmentInWorker(tampered, params).catch((e: unknown) => (refused = e));
    expect(refused, 'a payload that does not match its digest is refused').to.be.instanceOf(Error);
    // The reference decoder agrees on the untouched payload.
    expect((await decryptAttachment(sealed.payload, params)).data.length).to.equal(data.length);
    expect(workersTried).to.equal(1);
  });
});
