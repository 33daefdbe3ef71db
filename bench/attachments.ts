/**
 * `npm run bench:attachments`: the kit's remote-attachment crypto (@noble/ciphers AES-256-GCM,
 * @noble/hashes HKDF-SHA256 and SHA-256, `dist/mask-widgets-attachments.js`) on a 10 MB file in
 * headless Chromium, beside the browser's own WebCrypto AES-GCM on the same bytes. Ends with
 *
 *   encrypt_mb_s=A decrypt_mb_s=B longest_task_ms=C
 *
 * encrypt: `encryptAttachmentInWorker(…, { transfer: true })`, what the chat uses (protobuf wrap, key
 * derivation, AES-GCM and SHA-256 in the attachment crypto worker, the file's buffer transferred
 * there and the payload's back; the first run includes starting the worker);
 * decrypt: `decryptAttachmentInWorker` (digest check first, AES-GCM open, decode, in the worker).
 * Median of 3 runs each. The main-thread paths are printed too: the one-call `encryptAttachment`
 * and the sliced `encryptAttachmentSliced` (the fallback when no worker can start; one run).
 * longest_task_ms: the longest main-thread task (PerformanceObserver `longtask`; 0 when none
 * passed 50 ms) while the 10 MB file was prepared (encrypted), over the 3 runs; the same figure
 * while it was opened (decrypted) is printed on the line before.
 * The WebCrypto figures (AES-GCM alone, no digest) are printed on the line before, informational.
 * Builds dist/ first when it has no attachments entry.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '../dev/xmtp-node/e2e/static-server.js';
import { launchChromium } from '../test/support/browser.js';

const SIZE = 10 * 1024 * 1024;
if (!existsSync('dist/mask-widgets-attachments.js')) execFileSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit' });

const dir = mkdtempSync(join(tmpdir(), 'bench-attach-'));
cpSync('dist', dir, { recursive: true });
writeFileSync(join(dir, 'bench.html'), '<!doctype html><meta charset="utf-8"><title>attachments bench</title><link rel="icon" href="data:,"><script type="module">import * as a from "./mask-widgets-attachments.js"; window.attachments = a;</script>\n');
const server = await serveStatic(dir);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/bench.html`);
  await page.waitForFunction(() => 'attachments' in window);
  await page.evaluate('globalThis.__name = (f) => f');
  const result = await page.evaluate(async (size: number) => {
    type Api = typeof import('../src/attachments/index.js');
    const api = (window as unknown as { attachments: Api }).attachments;
    const data = new Uint8Array(size);
    for (let i = 0; i < size; i += 65536) crypto.getRandomValues(data.subarray(i, Math.min(size, i + 65536)));
    let longest = 0;
    let longestOpen = 0;
    let measuring: 'prepare' | 'open' | null = null;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (measuring === 'prepare') longest = Math.max(longest, e.duration);
        if (measuring === 'open') longestOpen = Math.max(longestOpen, e.duration);
      }
    }).observe({ type: 'longtask', buffered: false });
    const frame = () => new Promise((r) => setTimeout(r, 50));
    const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const enc: number[] = [];
    const dec: number[] = [];
    const wcEnc: number[] = [];
    const whole: number[] = [];
    const wcDec: number[] = [];
    const info = { filename: 'ten.bin', mimeType: 'application/octet-stream' };
    for (let run = 0; run < 3; run++) {
      // The chat hands the worker a buffer of its own (the file's); the bench copies its input first.
      const input = data.slice();
      await frame();
      measuring = 'prepare';
      let t = performance.now();
      const e = await api.encryptAttachmentInWorker(input, info, { transfer: true });
      enc.push(performance.now() - t);
      await frame();
      measuring = null;
      t = performance.now();
      api.encryptAttachment(data, info);
      whole.push(performance.now() - t);
      await frame();
      const params = { secret: e.secret, salt: e.salt, nonce: e.nonce, contentDigest: e.contentDigest };
      measuring = 'open';
      t = performance.now();
      const d = await api.decryptAttachmentInWorker(e.payload, params, { transfer: true });
      dec.push(performance.now() - t);
      await frame();
      measuring = null;
      if (d.data.length !== size) throw new Error('round trip lost bytes');
      for (let i = 0; i < size; i += 4099) if (d.data[i] !== data[i]) throw new Error('round trip changed bytes');
      const key = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-GCM', false, ['encrypt', 'decrypt']);
      const iv = crypto.getRandomValues(new Uint8Array(12));
      t = performance.now();
      const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data);
      wcEnc.push(performance.now() - t);
      t = performance.now();
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed);
      wcDec.push(performance.now() - t);
    }
    await frame();
    const t0 = performance.now();
    await api.encryptAttachmentSliced(data, info);
    const sliced = performance.now() - t0;
    const state = api.attachmentWorkerState();
    await frame();
    const mbs = (ms: number) => size / 1e6 / (ms / 1000);
    return { state, sliced: mbs(sliced), longestOpen, whole: mbs(median(whole)), enc: mbs(median(enc)), dec: mbs(median(dec)), wcEnc: mbs(median(wcEnc)), wcDec: mbs(median(wcDec)), longest };
  }, SIZE);
  const f = (x: number) => x.toFixed(1);
  console.log(`file=10MiB runs=3 (median)`);
  console.log(`webcrypto_aes_gcm_encrypt_mb_s=${f(result.wcEnc)} webcrypto_aes_gcm_decrypt_mb_s=${f(result.wcDec)} (the browser's own AES-GCM, no digest; for comparison)`);
  console.log(`noble_one_call_encrypt_mb_s=${f(result.whole)} (encryptAttachment on the main thread in one call: one long task) noble_sliced_encrypt_mb_s=${f(result.sliced)} (encryptAttachmentSliced: the main-thread fallback)`);
  console.log(`worker=${result.state} longest_open_task_ms=${Math.round(result.longestOpen)} (while the 10 MB payload was decrypted)`);
  console.log(`encrypt_mb_s=${f(result.enc)} decrypt_mb_s=${f(result.dec)} longest_task_ms=${Math.round(result.longest)}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
