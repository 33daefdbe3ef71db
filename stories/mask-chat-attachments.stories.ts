import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { encryptAttachment } from '../src/attachments/crypto.js';
import '../src/components/chat/define.js';
import type { AttachmentsConfig } from '../src/config/config.js';
import type { ChatAttachment, ChatMessage } from '../src/messaging/types.js';
import { FIXTURE_CONVERSATION, FIXTURE_ME, FIXTURE_PEER, FIXTURE_PEER_ADDRESS, fixtureKit } from '../test/support/chat-fixture.js';
import { withKit } from '../test/support/kit-provider.js';
import { waitFor } from './support/wait.js';

/*
 * Attachments in `<mask-chat>` (issue 14), over the STORY FIXTURE engine (`test/support/chat-fixture.ts`).
 * Remote attachments come from a story store: `fetch` of `https://store.story.invalid/…` answered
 * in the page (an encrypted PNG, a changed byte, a 404, a download that never ends), so a story
 * asks nothing of the network. The kit's real encryption, checks and rendering do the rest.
 */

const meta: Meta = {
  // Not under Elements/: those docs pages are one element's API tables each (stories.e2e.ts).
  title: 'Attachments/mask-chat',
  component: 'mask-chat',
  parameters: { layout: 'padded', docs: { story: { inline: false, height: '620px' } } },
};
export default meta;
type Story = StoryObj;

const START = Date.UTC(2026, 0, 15, 9, 30);
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAKklEQVR42mNkoBAwUqifgWoGjBowasCoAaMGjBowasCoAaMGjBowasCoAQAb7gARGjxudgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
const PDF = new TextEncoder().encode('%PDF-1.4\n% a story file\n');
const STORE = 'https://store.story.invalid';
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** The story store: what `fetch` answers for each of its paths. */
const stored = new Map<string, () => Promise<Response>>();
const realFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
  const url = String(input instanceof Request ? input.url : input);
  const answer = url.startsWith(STORE) ? stored.get(url) : undefined;
  if (!answer) return realFetch(input, init);
  // Like a real fetch, an abort (the chat's timeout) rejects it.
  const signal = init?.signal;
  return new Promise<Response>((resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    answer().then(resolve, reject);
  });
};

function remote(path: string, data: Uint8Array, filename: string, mimeType: string, serve: (payload: Uint8Array) => () => Promise<Response>): ChatAttachment {
  const enc = encryptAttachment(data, { filename, mimeType });
  const url = `${STORE}/${path}`;
  stored.set(url, serve(enc.payload));
  return {
    filename,
    mimeType: 'application/octet-stream',
    size: enc.contentLength,
    remote: { url, scheme: 'https://', contentDigest: enc.contentDigest, secret: hex(enc.secret), salt: hex(enc.salt), nonce: hex(enc.nonce), contentLength: enc.contentLength },
  };
}
const ok = (payload: Uint8Array) => () => Promise.resolve(new Response(payload as BlobPart));

let n = 0;
function message(mine: boolean, attachment: ChatAttachment): ChatMessage {
  n++;
  return { id: `story-att-${n}`, conversationId: FIXTURE_CONVERSATION, senderInboxId: mine ? FIXTURE_ME : FIXTURE_PEER, sentAtNs: `${START + n * 60_000}000000`, kind: 'attachment', text: attachment.filename, attachment, reactions: [], delivery: 'sent' };
}

interface Scenario {
  items?: ChatMessage[];
  attachments?: AttachmentsConfig;
  /** A file pasted into the composer; `send`: then sent. */
  paste?: File;
  send?: boolean;
  /** The state the story waits for (a selector in the chat's shadow root). */
  until: string;
}

function story(s: Scenario): Story {
  return {
    render: () => {
      const { kit } = fixtureKit({ items: s.items ?? [], attachments: s.attachments });
      return withKit(kit, html`<mask-chat mode="inline" peer=${FIXTURE_PEER_ADDRESS}></mask-chat>`);
    },
    play: async ({ canvasElement }) => {
      await customElements.whenDefined('mask-chat');
      const root = await waitFor(() => canvasElement.querySelector('mask-chat')?.shadowRoot, 'the chat');
      if (s.paste) {
        const composer = await waitFor(() => root.querySelector('[part~="composer"]:has(textarea:not([disabled])) [part~="attach-button"]')?.closest('form'), 'the composer');
        const clip = new DataTransfer();
        clip.items.add(s.paste);
        composer.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clip, bubbles: true, cancelable: true }));
        if (s.send) (await waitFor(() => root.querySelector<HTMLButtonElement>('[part~="attachment-send"]'), 'the send button')).click();
      }
      await waitFor(() => root.querySelector(s.until), s.until, 15_000);
    },
  };
}

/** A file chosen (here pasted): its name, type and size, before it is sent; send or cancel. (Story fixture.) */
export const Preview = story({ paste: new File([PDF], 'minutes-2026-01.pdf', { type: 'application/pdf' }), until: '[part~="attachment-preview"][data-state="preview"]' });

/** A file bigger than the inline size on its way to the site's storage: encrypted, then uploading with a progress bar. (Story fixture; the upload never ends.) */
export const Uploading = story({
  attachments: { upload: () => new Promise<string>(() => {}), maxInlineBytes: 10 },
  paste: new File([PNG], 'screenshot.png', { type: 'image/png' }),
  send: true,
  until: '[part~="attachment-preview"][data-state="uploading"] progress',
});

/** An image the visitor sent, shown from a blob: URL with its name as alt text. (Story fixture.) */
export const SentImage = story({ items: [message(true, { filename: 'sunset.png', mimeType: 'image/png', size: PNG.length, data: PNG })], until: '.attachment[data-state="image"] img' });

/** A file received: a PDF (and an SVG, never rendered) as download cards with name, type and size. (Story fixture.) */
export const ReceivedFile = story({
  items: [
    message(false, { filename: 'contract.pdf', mimeType: 'application/pdf', size: PDF.length, data: PDF }),
    message(false, remote('logo', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'logo.svg', 'image/svg+xml', ok)),
  ],
  until: '.row[data-index="1"] .attachment[data-state="file"]',
});

/** A remote image whose bytes changed after it was sent: not shown, and why. (Story fixture.) */
export const DigestMismatch = story({
  items: [message(false, remote('changed', PNG, 'receipt.png', 'image/png', (p) => () => Promise.resolve(new Response(Uint8Array.from(p, (b, i) => (i === 0 ? b ^ 1 : b)) as BlobPart))))],
  until: '.attachment[data-code="attachment-digest-mismatch"]',
});

/** A remote file whose download is shorter than the length its message declares (cut short on the way): not opened, and why. (Story fixture.) */
export const LengthMismatch = story({
  items: [message(false, remote('short', PNG, 'invoice.png', 'image/png', (p) => () => Promise.resolve(new Response(p.slice(0, p.length - 1) as BlobPart))))],
  until: '.attachment[data-code="attachment-length-mismatch"]',
});

/** A remote file no longer where the sender stored it (404). (Story fixture.) */
export const NotFound = story({
  items: [message(false, remote('gone', PNG, 'old.png', 'image/png', () => () => Promise.resolve(new Response('not found', { status: 404 }))))],
  until: '.attachment[data-code="attachment-not-found"]',
});

/** A remote file whose download does not finish in time; a retry. (Story fixture.) */
export const Timeout = story({
  attachments: { timeoutMs: 200 },
  items: [message(false, remote('slow', PNG, 'slow.png', 'image/png', () => () => new Promise<Response>(() => {})))],
  until: '.attachment[data-code="attachment-timeout"]',
});

/** A remote file bigger than the chat downloads. (Story fixture.) */
export const TooLarge = story({
  attachments: { maxDownloadBytes: 100 },
  items: [message(false, remote('big', new Uint8Array(400), 'backup.zip', 'application/zip', ok))],
  until: '.attachment[data-code="attachment-too-large"]',
});

/** A remote file at a plain-http address: not fetched. (Story fixture.) */
export const BlockedAddress = story({
  items: [message(false, { ...remote('http', PNG, 'tracker.png', 'image/png', ok), remote: { ...remote('http2', PNG, 'tracker.png', 'image/png', ok).remote!, url: 'http://tracker.story.invalid/p.png' } })],
  until: '.attachment[data-code="attachment-blocked-url"]',
});

/** Without storage, a file over the inline size is refused at once, before anything is uploaded. (Story fixture.) */
export const NoStorage = story({
  attachments: { maxInlineBytes: 10 },
  paste: new File([PDF], 'annual-report.pdf', { type: 'application/pdf' }),
  until: '[part~="attachment-preview"][data-state="error"]',
});
