/**
 * Attachments in `<mask-chat>` (issue 14), in real Chromium. The chat fixture stands in for the
 * XMTP engine (the interop with the real SDK on the local node is `test/e2e/attachments-interop.e2e.ts`);
 * everything else is real: the kit's @noble encryption, the dev attachment store started by the
 * test infrastructure (`dev/upload-server.ts`), fetch, blob: URLs, the rendering rules.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { encryptAttachment } from '../../src/attachments/crypto.js';
import { attachmentWorkerState } from '../../src/attachments/offload.js';
import '../../src/components/chat/define.js';
import type { MaskChat } from '../../src/components/chat/mask-chat.js';
import type { AttachmentsConfig } from '../../src/config/config.js';
import type { MaskErrorEvent } from '../../src/events/mask-error.js';
import type { ChatAttachment, ChatMessage } from '../../src/messaging/types.js';
import { FIXTURE_CONVERSATION, FIXTURE_PEER, fixtureKit } from '../support/chat-fixture.js';
import { testEnv, until, withKit } from './support.js';

const PEER = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) => c.charCodeAt(0));
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>window.__pwned=2</script></svg>');
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

let n = 0;
function message(attachment: ChatAttachment): ChatMessage {
  n++;
  return { id: `att-${n}`, conversationId: FIXTURE_CONVERSATION, senderInboxId: FIXTURE_PEER, sentAtNs: `${Date.UTC(2026, 0, 2, 9, n)}000000`, kind: 'attachment', text: attachment.filename, attachment, reactions: [], delivery: 'sent' };
}

/** Encrypts with the kit and stores in the dev store; `url` may be changed by `mangle`. */
async function stored(data: Uint8Array, filename: string, mimeType: string, mangle = (url: string) => url): Promise<ChatAttachment> {
  const enc = encryptAttachment(data, { filename, mimeType });
  const { url } = (await (await fetch(testEnv().uploadUrl!, { method: 'POST', body: enc.payload as BlobPart })).json()) as { url: string };
  return {
    filename,
    mimeType: 'application/octet-stream',
    size: enc.contentLength,
    remote: { url: mangle(url), scheme: 'https://', contentDigest: enc.contentDigest, secret: hex(enc.secret), salt: hex(enc.salt), nonce: hex(enc.nonce), contentLength: enc.contentLength },
  };
}

const errors: MaskErrorEvent[] = [];
// On the document: a refusal that needs no network fires during the first render, before openChat returns.
// Only attachment codes: the fixture's peer lookup may report its own (resolution-failed) at any time.
document.addEventListener('mask-error', (e) => (e as MaskErrorEvent).code.startsWith('attachment-') && errors.push(e as MaskErrorEvent));
async function openChat(items: ChatMessage[], attachments: AttachmentsConfig = { devOrigin: testEnv().uploadOrigin }) {
  errors.length = 0;
  const { kit, engine } = fixtureKit({ items, attachments });
  const host = await fixture(withKit(kit, html`<mask-chat peer=${PEER} mode="inline"></mask-chat>`));
  const chat = host.querySelector<MaskChat>('mask-chat')!;
  await until(() => chat.shadowRoot!.querySelector('[part~="composer"] textarea:not([disabled])'), 'the composer', 15_000);
  return { chat, engine };
}

const rowOf = (chat: MaskChat, id: string) => chat.shadowRoot!.querySelector<HTMLElement>(`.row[data-id="${id}"]`);
const attachmentIn = (chat: MaskChat, id: string, state: string) =>
  until(() => rowOf(chat, id)?.querySelector<HTMLElement>(`.attachment[data-state="${state}"]`), `${id}: ${state}`, 15_000);

describe('<mask-chat> attachments', () => {
  it('an inline PNG shows as an image from a blob: URL with the file name as alt text', async () => {
    const m = message({ filename: 'cat.png', mimeType: 'image/png', size: PNG.length, data: PNG });
    const { chat } = await openChat([m]);
    const img = (await attachmentIn(chat, m.id, 'image')).querySelector('img')!;
    expect(img.src).to.match(/^blob:/);
    expect(img.alt).to.equal('Image: cat.png');
    await until(() => img.complete && img.naturalWidth === 1, 'the image decoded');
  });

  it('SVG, HTML and a PNG whose bytes are not a PNG are download cards, never rendered', async () => {
    const items = [
      message({ filename: 'logo.svg', mimeType: 'image/svg+xml', size: SVG.length, data: SVG }),
      message({ filename: 'page.html', mimeType: 'text/html', size: SVG.length, data: SVG }),
      message({ filename: 'fake.png', mimeType: 'image/png', size: SVG.length, data: SVG }),
    ];
    const { chat } = await openChat(items);
    for (const m of items) {
      const card = await attachmentIn(chat, m.id, 'file');
      expect(card.textContent).to.contain(m.attachment!.filename);
      expect(card.querySelector('img, svg, iframe, object, embed')).to.equal(null);
    }
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('a remote attachment from the store is fetched, checked, decrypted and shown', async () => {
    const m = message(await stored(PNG, 'remote.png', 'image/png'));
    const { chat } = await openChat([m]);
    const img = (await attachmentIn(chat, m.id, 'image')).querySelector('img')!;
    expect(img.alt).to.equal('Image: remote.png');
    expect(errors).to.deep.equal([]);
  });

  it('a remote attachment whose contentLength is the file\'s size (as the XMTP docs\' example writes it) opens', async () => {
    const a = await stored(PNG, 'docs.png', 'image/png');
    const m = message({ ...a, remote: { ...a.remote!, contentLength: PNG.length } });
    const { chat } = await openChat([m]);
    expect((await attachmentIn(chat, m.id, 'image')).querySelector('img')!.alt).to.equal('Image: docs.png');
    expect(errors).to.deep.equal([]);
  });

  it('a remote file over 64 KiB is decrypted in the crypto worker and offered as a download', async () => {
    const data = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 31) & 0xff);
    const m = message(await stored(data, 'data.bin', 'application/octet-stream'));
    const { chat } = await openChat([m]);
    const card = await attachmentIn(chat, m.id, 'file');
    expect(card.textContent).to.contain('data.bin');
    expect(attachmentWorkerState()).to.equal('running');
    expect(errors).to.deep.equal([]);
  });

  const failures: Array<[string, () => Promise<ChatAttachment>, string, RegExp, AttachmentsConfig?]> = [
    ['a changed byte', () => stored(PNG, 'x.png', 'image/png', (u) => `${u}?corrupt=1`), 'attachment-digest-mismatch', /does not match the message/],
    ['a download shorter than its declared contentLength', () => stored(PNG, 'x.png', 'image/png', (u) => `${u}?truncate=1`), 'attachment-length-mismatch', /not the size its message says/],
    ['a message whose contentLength is not the download\'s', async () => { const a = await stored(PNG, 'x.png', 'image/png'); return { ...a, remote: { ...a.remote!, contentLength: a.remote!.contentLength! + 1 } }; }, 'attachment-length-mismatch', /not the size its message says/],
    ['a message that declares a file size a byte off', async () => { const a = await stored(PNG, 'x.png', 'image/png'); return { ...a, remote: { ...a.remote!, contentLength: PNG.length - 1 } }; }, 'attachment-length-mismatch', /not the size its message says/],
    ['a 404', () => stored(PNG, 'x.png', 'image/png', (u) => u.replace(/f\/[0-9a-f]{64}/, `f/${'0'.repeat(64)}`)), 'attachment-not-found', /no longer where/],
    ['a plain-http URL not configured', () => stored(PNG, 'x.png', 'image/png', (u) => u.replace('127.0.0.1', 'localhost')), 'attachment-blocked-url', /only https:\/\//],
    ['more than the cap', () => stored(new Uint8Array(5000), 'big.bin', 'application/octet-stream'), 'attachment-too-large', /larger than/, { devOrigin: testEnv().uploadOrigin, maxDownloadBytes: 1000 }],
    ['a slow store', () => stored(PNG, 'x.png', 'image/png', (u) => `${u}?delay=5000`), 'attachment-timeout', /too long/, { devOrigin: testEnv().uploadOrigin, timeoutMs: 300 }],
  ];
  for (const [what, make, code, sentence, config] of failures) {
    it(`${what}: its own sentence and mask-error ${code}`, async () => {
      const m = message(await make());
      const { chat } = await openChat([m], config);
      const row = await attachmentIn(chat, m.id, 'error');
      expect(row.dataset.code).to.equal(code);
      expect(row.textContent).to.match(sentence);
      expect(row.querySelector('img')).to.equal(null);
      await until(() => errors.find((e) => e.code === code), `mask-error ${code}`);
    });
  }

  it('without storage, a file over the inline size gets its sentence before anything is sent', async () => {
    const { chat, engine } = await openChat([], { maxInlineBytes: 100 });
    const input = await until(() => chat.shadowRoot!.querySelector<HTMLInputElement>('[part~="attach-button"] input[type=file]'), 'the attach button');
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(500)], 'report.pdf', { type: 'application/pdf' }));
    input.files = data.files;
    input.dispatchEvent(new Event('change'));
    const preview = await until(() => chat.shadowRoot!.querySelector<HTMLElement>('[part~="attachment-preview"][data-state="error"]'), 'the refusal');
    expect(preview.textContent).to.contain('report.pdf');
    expect(preview.textContent).to.match(/has not set up file storage/);
    expect(preview.querySelector('[part~="attachment-send"]')).to.equal(null);
    expect(errors.map((e) => e.code)).to.deep.equal(['attachment-no-storage']);
    const sent = await engine.messages(FIXTURE_CONVERSATION, { limit: 10 });
    expect(sent.length).to.equal(0);
  });

  it('a pasted file is previewed (name, type, size), uploaded encrypted to the store and shown as sent', async () => {
    const { chat } = await openChat([], { endpoint: testEnv().uploadUrl, devOrigin: testEnv().uploadOrigin, maxInlineBytes: 10 });
    const composer = await until(() => chat.shadowRoot!.querySelector<HTMLFormElement>('[part~="composer"]'), 'the composer');
    const clip = new DataTransfer();
    clip.items.add(new File([PNG], 'pasted.png', { type: 'image/png' }));
    composer.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clip, bubbles: true, cancelable: true }));
    const preview = await until(() => chat.shadowRoot!.querySelector<HTMLElement>('[part~="attachment-preview"][data-state="preview"]'), 'the preview');
    expect(preview.textContent).to.contain('pasted.png');
    expect(preview.textContent).to.contain('image/png');
    expect(preview.textContent).to.match(/\d+\s*(B|byte)/);
    const sentEvent = new Promise<Event>((resolve) => chat.addEventListener('mask-message-sent', resolve, { once: true }));
    preview.querySelector<HTMLButtonElement>('[part~="attachment-send"]')!.click();
    await sentEvent;
    const img = await until(() => chat.shadowRoot!.querySelector<HTMLImageElement>('.attachment[data-state="image"] img'), 'the sent image');
    expect(img.alt).to.equal('Image: pasted.png');
    expect(chat.shadowRoot!.querySelector('[part~="attachment-preview"]')).to.equal(null);
  });
});
