/**
 * Browser notifications for new messages while the page is hidden: a lazy chunk, loaded only by a
 * chat whose host opted in with the `notifications` attribute (`notifications="private"`: the
 * notification says who wrote, never what). The visitor then turns them on with a switch in the
 * chat's settings: the browser's permission is asked from that click, never on page load.
 *
 * A message from someone else, while `document.visibilityState` is `hidden`, shows one
 * notification per conversation (its `tag` is the conversation id: a newer message replaces it):
 * the title is the sender's verified name or short address (in a group, "name in group"), the body
 * the message as plain text, clipped (a notification renders no markup). A click focuses the window
 * and opens that conversation. A browser without notifications, or a permission the visitor
 * refused, is said in one plain sentence in the settings; nothing is asked again by itself.
 *
 * The switch is remembered in localStorage (`mask-widgets:notify`), per site and browser.
 */
import { html, type TemplateResult } from 'lit';
import { shortAddress, toChecksumAddress, type Address } from '../../internal/address.js';
import { addMessages } from '../../internal/i18n.js';
import { ellipsize, stripBidiControls } from '../../internal/text.js';
import type { ChatMessage, Engine, EngineItem } from '../../messaging/types.js';
import type { ChatT } from './chat.messages.js';
import { notifyMessages } from './chat-notify.messages.js';

addMessages('en', notifyMessages as unknown as Parameters<typeof addMessages>[1]);

const STORAGE_KEY = 'mask-widgets:notify';
/** Messages older than this when they arrive (a resync's catch-up) notify nothing. */
const FRESH_MS = 2 * 60_000;

/** What the notifier needs from the chat. */
export interface NotifyHost {
  readonly t: ChatT;
  /** The host's `notifications` attribute (null: the host did not opt in). */
  attribute(): string | null;
  /** This browser's XMTP inbox id (its own messages notify nothing). */
  me(): string | undefined;
  engine(): Engine | null | undefined;
  /** The verified name of `address` (`@handle` for Lens), else null. */
  name(address: Address): Promise<string | null>;
  /** The notification was clicked: show this conversation. */
  open(conversationId: string): void;
  update(): void;
}

/** Where the visitor's switch stands, as the settings say it. */
export type NotifyState = 'unsupported' | 'off' | 'asking' | 'on' | 'dismissed' | 'denied';

const api = (): typeof Notification | null => (typeof Notification === 'function' ? Notification : null);

export class ChatNotify {
  readonly #host: NotifyHost;
  #asking = false;
  #dismissed = false;
  readonly #seen = new Set<string>();

  constructor(host: NotifyHost) {
    this.#host = host;
  }

  /** The host opted in (the `notifications` attribute is present). */
  get offered(): boolean {
    return this.#host.attribute() !== null;
  }

  /** The host prefers privacy: the body says "New message", never the text. */
  get private(): boolean {
    return this.#host.attribute()?.trim().toLowerCase() === 'private';
  }

  get #wanted(): boolean {
    try {
      return localStorage.getItem(STORAGE_KEY) === 'on';
    } catch {
      return false;
    }
  }

  #remember(on: boolean): void {
    try {
      if (on) localStorage.setItem(STORAGE_KEY, 'on');
      else localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage blocked: the switch holds for this page only.
    }
    this.#session = on;
  }

  /** The switch for this page when storage is blocked. */
  #session = false;

  get state(): NotifyState {
    const N = api();
    if (!N) return 'unsupported';
    if (N.permission === 'denied') return 'denied';
    if (this.#asking) return 'asking';
    if ((this.#wanted || this.#session) && N.permission === 'granted') return 'on';
    return this.#dismissed ? 'dismissed' : 'off';
  }

  /** The switch, from the visitor's click (the only place the permission is asked). */
  async toggle(on: boolean): Promise<void> {
    const N = api();
    if (!N) return;
    this.#dismissed = false;
    if (!on) {
      this.#remember(false);
      this.#host.update();
      return;
    }
    let permission = N.permission;
    if (permission === 'default') {
      this.#asking = true;
      this.#host.update();
      try {
        permission = await N.requestPermission();
      } catch {
        permission = N.permission;
      } finally {
        this.#asking = false;
      }
    }
    if (permission === 'granted') this.#remember(true);
    else if (permission === 'default') this.#dismissed = true;
    this.#host.update();
  }

  /** A message from the live stream: a notification when the page is hidden and the visitor turned them on. */
  onItem(item: EngineItem): void {
    if (item.kind === 'reaction' || this.state !== 'on' || !this.offered || document.visibilityState !== 'hidden') return;
    const me = this.#host.me();
    if (!me || item.senderInboxId === me || this.#seen.has(item.id)) return;
    const sentMs = /^\d{1,25}$/.test(item.sentAtNs) ? Number(BigInt(item.sentAtNs) / 1_000_000n) : 0;
    if (sentMs && Date.now() - sentMs > FRESH_MS) return;
    this.#seen.add(item.id);
    if (this.#seen.size > 1000) this.#seen.delete(this.#seen.values().next().value!);
    void this.#show(item);
  }

  async #show(m: ChatMessage): Promise<void> {
    const t = this.#host.t;
    const engine = this.#host.engine();
    let title = t('chat.notify.newMessage');
    try {
      const members = engine ? await engine.members(m.conversationId) : null;
      const address = toChecksumAddress(members?.members.find((x) => x.inboxId === m.senderInboxId)?.addresses[0] ?? '');
      const name = address ? ((await this.#host.name(address).catch(() => null)) ?? shortAddress(address)) : null;
      if (name) title = clean(name, 60);
      if (members?.kind === 'group' && engine) {
        const group = (await engine.conversationSummary(m.conversationId, {}).catch(() => null))?.groupName;
        if (group) title = t('chat.notify.inGroup', { name: title, group: clean(group, 40) });
      }
    } catch {
      // Who wrote is unknown: "New message" still says that something came.
    }
    const body = this.private ? t('chat.notify.newMessage') : m.kind === 'transaction' ? t('chat.tx.title') : clean(m.text, 140) || t('chat.notify.newMessage');
    const N = api();
    if (!N || this.state !== 'on' || document.visibilityState !== 'hidden') return;
    try {
      const n = new N(title, { body, tag: m.conversationId, silent: false });
      n.onclick = () => {
        window.focus();
        n.close();
        this.#host.open(m.conversationId);
      };
    } catch {
      // A browser that only allows notifications from a service worker (Android Chrome): none is shown.
    }
  }

  render(): TemplateResult {
    const t = this.#host.t;
    const state = this.state;
    const status = {
      unsupported: t('chat.notify.unsupported'),
      off: t('chat.notify.off'),
      asking: t('chat.notify.asking'),
      on: t('chat.notify.on'),
      dismissed: t('chat.notify.dismissed'),
      denied: t('chat.notify.denied'),
    }[state];
    return html`<section part="notify" aria-labelledby="notify-title" data-state=${state}>
      <h3 id="notify-title">${t('chat.notify.title')}</h3>
      <p class="note">${t('chat.notify.explain')}${this.private ? html` ${t('chat.notify.private')}` : ''}</p>
      ${state === 'unsupported'
        ? ''
        : html`<label
            ><input
              type="checkbox"
              role="switch"
              part="notify-switch"
              aria-checked=${state === 'on' ? 'true' : 'false'}
              .checked=${state === 'on' || state === 'asking'}
              ?disabled=${state === 'denied' || state === 'asking'}
              @change=${(event: Event) => void this.toggle((event.target as HTMLInputElement).checked)}
            />
            ${t('chat.notify.switch')}</label
          >`}
      <p part="notify-status" class="note" role="status">${status}</p>
    </section>`;
  }
}

/** Remote text for a notification: no bidi controls, one line, clipped. */
function clean(text: string, max: number): string {
  return ellipsize(stripBidiControls(text).replace(/\s+/g, ' ').trim(), max);
}
