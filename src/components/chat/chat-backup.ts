/**
 * The chat's backup section (in its settings): export the visitor's conversations to a file encrypted
 * with a key only their wallet makes, and import such a file on another site. XMTP keeps one database
 * per site (origin), so this is how a visitor carries their history by hand; device sync does it
 * automatically when another installation is online. The SDK's archive API does the work
 * (`Messaging.exportBackup` / `importBackup`); this is its state and its sentences.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { MaskErrorCode } from '../../events/error-codes.js';
import { addMessages } from '../../internal/i18n.js';
import type { Messaging } from '../../messaging/messaging.js';
import { isEngineError } from '../../messaging/types.js';
import { backupMessages } from './chat-backup.messages.js';
import type { ChatT } from './chat.messages.js';

addMessages('en', backupMessages as unknown as Parameters<typeof addMessages>[1]);

/** What the section needs from the chat. */
export interface BackupHost {
  readonly t: ChatT;
  lang(): string;
  messaging(): Messaging | null;
  /** The connected account (the file's name carries its start). */
  account(): string | null;
  fail(code: MaskErrorCode, message: string, cause?: unknown): void;
  clearError(): void;
  update(): void;
  /** After an import: read the conversations shown again. */
  reread(): void;
}

/** Larger files are refused before anything is read (an archive of years of text is a few MB). */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;

type Step = 'signing' | 'exporting' | 'importing';

export class ChatBackup {
  readonly #host: BackupHost;
  #step: Step | null = null;
  /** The last outcome, announced politely. */
  #status = '';

  constructor(host: BackupHost) {
    this.#host = host;
  }

  get busy(): boolean {
    return this.#step !== null;
  }

  #set(step: Step | null, status = this.#status): void {
    this.#step = step;
    this.#status = status;
    this.#host.update();
  }

  #failed(error: unknown, file?: string): void {
    const t = this.#host.t;
    const e = isEngineError(error) ? error : null;
    const detail = String((error as Error)?.message ?? error).slice(0, 200);
    if (e?.code === 'signature-rejected') this.#host.fail('signature-rejected', t('chat.backup.rejected'), error);
    else if (e?.code === 'backup-unreadable') this.#host.fail('backup-unreadable', t('chat.backup.unreadable', { file: file ?? '' }), error);
    else this.#host.fail(e?.code ?? 'unknown', t('chat.backup.failed', { detail }), error);
  }

  async export(): Promise<void> {
    const messaging = this.#host.messaging();
    if (!messaging || this.busy) return;
    this.#host.clearError();
    this.#set('signing', this.#host.t('chat.backup.signing'));
    try {
      const bytes = await messaging.exportBackup(() => this.#set('exporting', this.#host.t('chat.backup.exporting')));
      const name = backupFileName(this.#host.account(), new Date());
      download(bytes, name);
      this.#set(null, this.#host.t('chat.backup.exported', { file: name, size: formatSize(bytes.length, this.#host.lang()) }));
    } catch (error) {
      this.#set(null, '');
      this.#failed(error);
    }
  }

  async import(file: File): Promise<void> {
    const messaging = this.#host.messaging();
    if (!messaging || this.busy) return;
    this.#host.clearError();
    const t = this.#host.t;
    if (!file.size || file.size > MAX_BACKUP_BYTES) {
      this.#host.fail('backup-unreadable', t('chat.backup.unreadable', { file: file.name }));
      return;
    }
    this.#set('signing', t('chat.backup.signing'));
    try {
      const data = new Uint8Array(await file.arrayBuffer());
      await messaging.importBackup(data, () => this.#set('importing', t('chat.backup.importing')));
      this.#set(null, t('chat.backup.imported', { file: file.name }));
      this.#host.reread();
    } catch (error) {
      this.#set(null, '');
      this.#failed(error, file.name);
    }
  }

  render(): TemplateResult {
    const t = this.#host.t;
    const ready = this.#host.messaging()?.phase === 'ready';
    const working = this.#step === 'exporting' || this.#step === 'importing';
    const pick = (event: Event) => {
      const input = event.target as HTMLInputElement;
      const file = input.files?.[0];
      input.value = '';
      if (file) void this.import(file);
    };
    return html`<section part="backup" aria-labelledby="backup-title">
      <h3 id="backup-title">${t('chat.backup.title')}</h3>
      <p class="note">${t('chat.backup.explain')}</p>
      ${ready ? nothing : html`<p class="note">${t('chat.backup.notReady')}</p>`}
      <button class="secondary" part="backup-export-button" type="button" ?disabled=${!ready || this.busy} @click=${() => void this.export()}>${t('chat.backup.export')}</button>
      <button
        class="secondary"
        part="backup-import-button"
        type="button"
        ?disabled=${!ready || this.busy}
        @click=${(event: Event) => ((event.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()}
      >
        ${t('chat.backup.import')}</button
      ><input type="file" hidden tabindex="-1" aria-hidden="true" @change=${pick} />
      ${working ? html`<progress part="backup-progress" aria-label=${this.#status}></progress>` : nothing}
      <p part="backup-status" role="status">${this.#status}</p>
    </section>`;
  }
}

/** `chat-backup-0x12ab34-2026-12-06.xmtp`: whose, and when. */
export function backupFileName(account: string | null, date: Date): string {
  return `chat-backup-${(account ?? '').slice(0, 8).toLowerCase() || 'xmtp'}-${date.toISOString().slice(0, 10)}.xmtp`;
}

export function formatSize(bytes: number, lang: string): string {
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(lang || undefined, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit ? 1 : 0 }).format(value);
}

function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
