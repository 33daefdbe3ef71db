/**
 * Attachments in the chat (issue 14), a lazy chunk of its own: loaded when the visitor picks,
 * pastes or drops a file, or when a row with an attachment is rendered. The crypto
 * (`attachments/crypto.ts`, @noble) is one more chunk, loaded only for remote attachments.
 *
 * Sending: a file up to `maxInlineBytes` (default 700 000) travels inline (`xmtp.org/attachment`);
 * a bigger one is encrypted on the page (in a small worker, `attachments/offload.ts`), stored
 * through the host's `attachments.upload` (or the `attachments.endpoint` POST), and sent as
 * `xmtp.org/remoteStaticAttachment`. Without storage a bigger file gets its sentence at once,
 * before anything is encrypted or uploaded.
 *
 * Receiving: only `https:` URLs (or the configured `devOrigin`) are fetched, with a timeout and a
 * byte cap; the length the message declares, then the digest, are checked before anything else,
 * then the payload is decrypted (in the worker above 64 KiB). Raster images whose bytes are what their type says (PNG, JPEG, GIF, WebP, AVIF) and that fit the cap
 * are shown from a `blob:` URL with the file name as alt text; anything else (SVG and HTML
 * included) is a download card, saved as `application/octet-stream`, never rendered. Blob URLs
 * are revoked when their rows leave the virtual window (`retain`) and when the chat goes.
 *
 * Every failure has its own sentence (in the row or the composer) and a `mask-error` code.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { AttachmentsConfig } from '../../config/config.js';
import type { AttachmentErrorCode } from '../../events/attachment-error-codes.js';
import { MaskErrorEvent } from '../../events/mask-error.js';
import { addMessages } from '../../internal/i18n.js';
import type { ConversationFeed } from '../../messaging/feed.js';
import type { ChatAttachment, ChatMessage } from '../../messaging/types.js';
import { attachmentMessages, type AttachmentMessageKey } from './chat-attachments.messages.js';

addMessages('en', attachmentMessages as unknown as Parameters<typeof addMessages>[1]);

export const DEFAULT_MAX_INLINE = 700_000;
export const DEFAULT_MAX_DOWNLOAD = 25 * 1024 * 1024;
/** Largest image shown inline; bigger ones are download cards. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/**
 * How much bigger than a declared file size a payload may be (the encoded-content wrapper: type,
 * file name, type, fallback text, GCM tag) when a sender wrote the file's size as `contentLength`.
 */
const WRAPPER_SLACK = 4096;
/** A download that has not finished by then is given up. */
export const FETCH_TIMEOUT_MS = 30_000;

/** What the attachments need from the chat. */
export interface AttachmentsHost {
  readonly element: HTMLElement;
  readonly lang: string;
  t(key: AttachmentMessageKey, vars?: Record<string, string | number>): string;
  config(): AttachmentsConfig | undefined;
  feed(): ConversationFeed | null;
  update(): void;
  /** A message was sent (the chat fires `mask-message-sent`). */
  sent(feed: ConversationFeed, id: string, filename: string): void;
}

type SendState = 'preview' | 'preparing' | 'uploading' | 'sending' | 'error';

interface Outgoing {
  file: File;
  state: SendState;
  /** 0..1 while uploading; null while the total is not known. */
  progress: number | null;
  error: string;
  abort: AbortController;
}

/** A received attachment, as far as it is opened. */
type Opened =
  | { state: 'loading' }
  | { state: 'ready'; filename: string; mimeType: string; data: Uint8Array; url: string | null }
  | { state: 'error'; code: AttachmentErrorCode; sentence: string };

const RASTER = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif'];

/** True when the bytes start the way the raster type says (no SVG or HTML dressed as a PNG). */
export function isRaster(mimeType: string, data: Uint8Array): boolean {
  const b = (i: number) => data[i] ?? -1;
  const ascii = (at: number, text: string) => [...text].every((c, i) => b(at + i) === c.charCodeAt(0));
  switch (mimeType) {
    case 'image/png':
      return b(0) === 0x89 && ascii(1, 'PNG');
    case 'image/jpeg':
      return b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff;
    case 'image/gif':
      return ascii(0, 'GIF8');
    case 'image/webp':
      return ascii(0, 'RIFF') && ascii(8, 'WEBP');
    case 'image/avif':
      return ascii(4, 'ftypavi');
    default:
      return false;
  }
}

/** Bytes as the visitor reads them: 512 B, 14 kB, 3.2 MB (decimal units, in the chat's language). */
export function formatBytes(bytes: number, lang: string): string {
  const [value, unit] = bytes < 1000 ? [bytes, 'byte'] : bytes < 1e6 ? [bytes / 1e3, 'kilobyte'] : bytes < 1e9 ? [bytes / 1e6, 'megabyte'] : [bytes / 1e9, 'gigabyte'];
  try {
    return new Intl.NumberFormat(lang || undefined, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
  } catch {
    return `${Math.round(value)} ${unit}`;
  }
}

class AttachmentFailure extends Error {
  constructor(
    readonly code: AttachmentErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export class ChatAttachments {
  readonly #host: AttachmentsHost;
  #out: Outgoing | null = null;
  readonly #opened = new Map<string, Opened>();

  constructor(host: AttachmentsHost) {
    this.#host = host;
  }

  get #maxInline(): number {
    return this.#host.config()?.maxInlineBytes ?? DEFAULT_MAX_INLINE;
  }
  get #maxDownload(): number {
    return this.#host.config()?.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD;
  }
  get #canStore(): boolean {
    const c = this.#host.config();
    return !!(c?.upload || c?.endpoint);
  }

  #fire(code: AttachmentErrorCode, message: string, cause?: unknown): void {
    this.#host.element.dispatchEvent(new MaskErrorEvent({ code, message, cause }));
  }

  #name(name: string): string {
    return name || this.#host.t('chat.attach.unnamed');
  }

  // ---- sending -------------------------------------------------------------------------------

  /** A file the visitor picked, pasted or dropped: previewed, or refused with its sentence. */
  choose(file: File): void {
    this.cancel();
    const out: Outgoing = { file, state: 'preview', progress: null, error: '', abort: new AbortController() };
    this.#out = out;
    const t = this.#host.t;
    const vars = { name: this.#name(file.name), size: formatBytes(file.size, this.#host.lang) };
    if (file.size > this.#maxInline && !this.#canStore) {
      this.#refuse(out, 'attachment-no-storage', t('chat.attach.noStorage', { ...vars, max: formatBytes(this.#maxInline, this.#host.lang) }));
    } else if (file.size > this.#maxDownload) {
      this.#refuse(out, 'attachment-too-large', t('chat.attach.tooBig', { ...vars, max: formatBytes(this.#maxDownload, this.#host.lang) }));
    }
    this.#host.update();
  }

  #refuse(out: Outgoing, code: AttachmentErrorCode, sentence: string, cause?: unknown): void {
    out.state = 'error';
    out.error = sentence;
    this.#fire(code, sentence, cause);
  }

  cancel(): void {
    this.#out?.abort.abort();
    this.#out = null;
    this.#host.update();
  }

  get outgoing(): Readonly<Outgoing> | null {
    return this.#out;
  }

  async send(): Promise<void> {
    const out = this.#out;
    const feed = this.#host.feed();
    if (!out || out.state !== 'preview' || !feed) return;
    const { file, abort } = out;
    const set = (state: SendState, progress: number | null = null) => {
      out.state = state;
      out.progress = progress;
      this.#host.update();
    };
    const mimeType = file.type || 'application/octet-stream';
    try {
      const data = new Uint8Array(await file.arrayBuffer());
      let id: string;
      if (data.length <= this.#maxInline) {
        set('sending');
        id = await feed.sendAttachment({ kind: 'inline', filename: file.name, mimeType, data });
      } else {
        set('preparing');
        // In the crypto worker (the file's buffer moves there, no copy); on the main thread in slices without one.
        const { encryptAttachmentInWorker } = await import('../../attachments/offload.js');
        const enc = await encryptAttachmentInWorker(data, { filename: file.name, mimeType }, { transfer: true });
        if (abort.signal.aborted) return;
        set('uploading', 0);
        const url = await this.#upload(enc.payload, { filename: file.name, mimeType, contentDigest: enc.contentDigest }, abort.signal, (p) => set('uploading', p));
        if (abort.signal.aborted) return;
        set('sending');
        id = await feed.sendAttachment({
          kind: 'remote',
          filename: file.name,
          mimeType,
          ref: { url, scheme: 'https://', contentDigest: enc.contentDigest, secret: hex(enc.secret), salt: hex(enc.salt), nonce: hex(enc.nonce), contentLength: enc.contentLength },
        });
      }
      if (this.#out === out) this.#out = null;
      this.#host.sent(feed, id, file.name);
      this.#host.update();
    } catch (error) {
      if (abort.signal.aborted || this.#out !== out) return;
      const detail = error instanceof Error ? error.message.replace(/[.\s]+$/, '') : String(error);
      this.#refuse(out, 'attachment-upload-failed', this.#host.t('chat.attach.uploadFailed', { name: this.#name(file.name), detail }), error);
      this.#host.update();
    }
  }

  /** Stores the encrypted bytes: the host's `upload`, or a POST to `endpoint` (with progress). Resolves to the URL. */
  async #upload(payload: Uint8Array, info: { filename: string; mimeType: string; contentDigest: string }, signal: AbortSignal, progress: (p: number) => void): Promise<string> {
    const config = this.#host.config() ?? {};
    let url: string;
    if (config.upload) {
      url = await config.upload(payload, { ...info, signal });
    } else {
      url = await new Promise<string>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', config.endpoint!);
        xhr.upload.onprogress = (e) => e.lengthComputable && progress(e.loaded / e.total);
        xhr.onload = () => {
          if (xhr.status < 200 || xhr.status >= 300) return reject(new Error(`HTTP ${xhr.status}`));
          try {
            resolve(String((JSON.parse(xhr.responseText) as { url?: unknown }).url ?? ''));
          } catch {
            reject(new Error('the storage answered without a URL'));
          }
        };
        xhr.onerror = () => reject(new Error('network error'));
        signal.addEventListener('abort', () => xhr.abort());
        xhr.send(payload as BlobPart);
      });
    }
    if (!this.#fetchable(url)) throw new Error(`the storage answered ${url.slice(0, 80)}, not an https:// URL`);
    progress(1);
    return url;
  }

  #fetchable(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    const dev = this.#host.config()?.devOrigin;
    return parsed.protocol === 'https:' || (!!dev && parsed.origin === new URL(dev, location.href).origin);
  }

  onPaste = (event: ClipboardEvent): void => {
    const file = [...(event.clipboardData?.files ?? [])][0];
    if (!file) return;
    event.preventDefault();
    this.choose(file);
  };

  onDrop = (event: DragEvent): void => {
    const file = [...(event.dataTransfer?.files ?? [])][0];
    if (!file) return;
    event.preventDefault();
    this.choose(file);
  };

  onDragOver = (event: DragEvent): void => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  };

  #onPick = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) this.choose(file);
  };

  /** The attach button and, when a file is chosen, its preview, progress and actions. */
  renderComposer(disabled: boolean): TemplateResult {
    const t = this.#host.t;
    const out = this.#out;
    const button = html`<label part="attach-button" class="icon attach ${disabled ? 'disabled' : ''}" title=${t('chat.attach.button')}><span aria-hidden="true">📎</span><span class="visually-hidden">${t('chat.attach.button')}</span><input class="visually-hidden" type="file" aria-label=${t('chat.attach.choose')} ?disabled=${disabled} @change=${this.#onPick} /></label>`;
    if (!out) return button;
    const name = this.#name(out.file.name);
    const details = t('chat.attach.details', { type: out.file.type || 'application/octet-stream', size: formatBytes(out.file.size, this.#host.lang) });
    const status =
      out.state === 'preparing'
        ? t('chat.attach.preparing', { name })
        : out.state === 'uploading'
          ? t('chat.attach.uploading', { name })
          : out.state === 'sending'
            ? t('chat.attach.sending', { name })
            : '';
    return html`${button}<div part="attachment-preview" class="attachment-preview" data-state=${out.state} role="group" aria-label=${name}>
        <strong class="name" dir="auto" .textContent=${name}></strong>
        <span class="note" .textContent=${details}></span>
        ${status ? html`<span part="attachment-status" class="note" role="status" .textContent=${status}></span>` : nothing}
        ${out.state === 'uploading'
          ? html`<progress part="attachment-progress" max="1" .value=${out.progress ?? 0} aria-label=${t('chat.attach.progress', { name })}></progress>`
          : nothing}
        ${out.state === 'error' ? html`<p part="attachment-error" class="error" role="alert" .textContent=${out.error}></p>` : nothing}
        <span class="actions">
          ${out.state === 'preview' ? html`<button class="primary" part="attachment-send" type="button" @click=${() => void this.send()}>${t('chat.attach.send')}</button>` : nothing}
          <button class="secondary" part="attachment-cancel" type="button" ?disabled=${out.state === 'sending'} @click=${() => this.cancel()}>${t('chat.attach.cancel')}</button>
        </span>
      </div>`;
  }

  // ---- receiving -----------------------------------------------------------------------------

  /** Keeps the opened files of these messages; revokes the blob URLs of every other. */
  retain(ids: ReadonlySet<string>): void {
    for (const [id, opened] of this.#opened) {
      if (ids.has(id)) continue;
      if (opened.state === 'ready' && opened.url) URL.revokeObjectURL(opened.url);
      if (opened.state !== 'loading') this.#opened.delete(id);
    }
  }

  /** Revokes everything (the chat is going). */
  dispose(): void {
    this.cancel();
    this.retain(new Set());
  }

  /** How many blob URLs are live (tests). */
  get liveUrls(): number {
    return [...this.#opened.values()].filter((o) => o.state === 'ready' && o.url).length;
  }

  #open(m: ChatMessage, a: ChatAttachment): Opened {
    const known = this.#opened.get(m.id);
    if (known) return known;
    if (a.data) {
      const ready = this.#ready(a.filename, a.mimeType, a.data);
      this.#opened.set(m.id, ready);
      return ready;
    }
    const loading: Opened = { state: 'loading' };
    this.#opened.set(m.id, loading);
    void this.#download(a).then(
      (file) => this.#settle(m.id, loading, this.#ready(file.filename || a.filename, file.mimeType, file.data)),
      (error: unknown) => {
        const failure = error instanceof AttachmentFailure ? error : new AttachmentFailure('attachment-fetch-failed', this.#host.t('chat.attach.fetchFailed', { detail: String(error) }));
        this.#fire(failure.code, failure.message, error);
        this.#settle(m.id, loading, { state: 'error', code: failure.code, sentence: failure.message });
      },
    );
    return loading;
  }

  #settle(id: string, was: Opened, now: Opened): void {
    if (this.#opened.get(id) !== was) {
      if (now.state === 'ready' && now.url) URL.revokeObjectURL(now.url);
      return;
    }
    this.#opened.set(id, now);
    this.#host.update();
  }

  #ready(filename: string, mimeType: string, data: Uint8Array): Opened {
    const image = RASTER.includes(mimeType) && data.length <= MAX_IMAGE_BYTES && isRaster(mimeType, data);
    return { state: 'ready', filename, mimeType, data, url: image ? URL.createObjectURL(new Blob([data as BlobPart], { type: mimeType })) : null };
  }

  async #download(a: ChatAttachment): Promise<{ filename: string; mimeType: string; data: Uint8Array }> {
    const t = this.#host.t;
    const ref = a.remote!;
    const max = this.#maxDownload;
    const fail = (code: AttachmentErrorCode, key: AttachmentMessageKey, vars?: Record<string, string | number>) => new AttachmentFailure(code, t(key, vars));
    const tooLarge = () => fail('attachment-too-large', 'chat.attach.tooLarge', { max: formatBytes(max, this.#host.lang) });
    if (!this.#fetchable(ref.url)) throw fail('attachment-blocked-url', 'chat.attach.blockedUrl');
    if (ref.contentLength !== null && ref.contentLength > max) throw tooLarge();
    const signal = AbortSignal.timeout(this.#host.config()?.timeoutMs ?? FETCH_TIMEOUT_MS);
    let payload: Uint8Array;
    try {
      const response = await fetch(ref.url, { signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
      if (response.status === 404 || response.status === 410) throw fail('attachment-not-found', 'chat.attach.notFound');
      if (!response.ok) throw fail('attachment-fetch-failed', 'chat.attach.fetchFailed', { detail: `HTTP ${response.status}` });
      if (Number(response.headers.get('content-length') ?? 0) > max) throw tooLarge();
      const reader = response.body!.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > max) {
          void reader.cancel();
          throw tooLarge();
        }
        chunks.push(value);
      }
      payload = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        payload.set(c, at);
        at += c.length;
      }
    } catch (error) {
      if (error instanceof AttachmentFailure) throw error;
      if (signal.aborted) throw fail('attachment-timeout', 'chat.attach.timeout');
      throw fail('attachment-fetch-failed', 'chat.attach.fetchFailed', { detail: error instanceof Error ? error.message : String(error) });
    }
    // The declared length before anything else (a download cut short or padded on the way), then the
    // digest, then the keys. XIP-18's contentLength is the payload's length (what the kit and libxmtp
    // write); many senders (the XMTP docs' example) write the file's size instead, which is the payload
    // less its wrapper: that is accepted when it is a little smaller, and checked against the file once open.
    const declared = ref.contentLength;
    const lengthMismatch = (got: number) =>
      fail('attachment-length-mismatch', 'chat.attach.length', { got: formatBytes(got, this.#host.lang), expected: formatBytes(declared ?? 0, this.#host.lang) });
    const fileSize = declared !== null && declared !== payload.length;
    if (fileSize && !(declared < payload.length && payload.length - declared <= WRAPPER_SLACK)) throw lengthMismatch(payload.length);
    const { decryptAttachmentInWorker, AttachmentError } = await import('../../attachments/offload.js');
    let file: { filename: string; mimeType: string; data: Uint8Array };
    try {
      file = await decryptAttachmentInWorker(payload, ref, { transfer: true });
    } catch (error) {
      const code = error instanceof AttachmentError ? error.code : 'attachment-malformed';
      throw fail(code, code === 'attachment-digest-mismatch' ? 'chat.attach.digest' : code === 'attachment-decrypt-failed' ? 'chat.attach.decrypt' : 'chat.attach.malformed');
    }
    if (fileSize && file.data.length !== declared) throw lengthMismatch(file.data.length);
    return file;
  }

  #retry(id: string): void {
    this.#opened.delete(id);
    this.#host.update();
  }

  #save(filename: string, data: Uint8Array): void {
    // Saved as bytes, whatever the sender called them: the browser never renders an HTML or SVG file here.
    const url = URL.createObjectURL(new Blob([data as BlobPart], { type: 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename || 'attachment';
    a.rel = 'noopener';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  /** A message's attachment: an image, a download card, its loading line or its error. */
  render(m: ChatMessage): TemplateResult {
    const t = this.#host.t;
    const a = m.attachment!;
    const opened = this.#open(m, a);
    const name = this.#name(opened.state === 'ready' ? opened.filename : a.filename);
    if (opened.state === 'loading') return html`<p part="attachment attachment-loading" class="attachment note" data-state="loading" .textContent=${t('chat.attach.open', { name })}></p>`;
    if (opened.state === 'error') {
      return html`<div part="attachment attachment-error" class="attachment" data-state="error" data-code=${opened.code}><strong dir="auto" .textContent=${name}></strong><p class="error" .textContent=${opened.sentence}></p>${opened.code === 'attachment-timeout' || opened.code === 'attachment-fetch-failed' ? html`<button class="link" type="button" @click=${() => this.#retry(m.id)}>${t('chat.attach.retry')}</button>` : nothing}</div>`;
    }
    if (opened.url) {
      return html`<figure part="attachment attachment-image" class="attachment image" data-state="image"><img src=${opened.url} alt=${t('chat.attach.imageAlt', { name })} loading="lazy" decoding="async" /></figure>`;
    }
    const details = t('chat.attach.details', { type: opened.mimeType, size: formatBytes(opened.data.length, this.#host.lang) });
    return html`<div part="attachment attachment-file" class="attachment file" data-state="file"><span aria-hidden="true">📄</span><strong dir="auto" .textContent=${name}></strong><span class="note" .textContent=${details}></span><button class="link" part="attachment-download" type="button" @click=${() => this.#save(opened.filename, opened.data)}>${t('chat.attach.download', { name })}</button></div>`;
  }
}
