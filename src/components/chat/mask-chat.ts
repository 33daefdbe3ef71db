import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { MaskChatCloseEvent } from '../../events/mask-chat-close.js';
import { MaskChatOpenEvent } from '../../events/mask-chat-open.js';
import { MaskRequestTipEvent } from '../../events/mask-request-tip.js';
import { oneOf, text } from '../../internal/converters.js';
import type { MessageKey } from '../../internal/i18n.js';
import { MaskElement } from '../base/mask-element.js';
import type { ChatUi } from './chat-ui.js';
import { CHAT_MODES, CHAT_POSITIONS, type ChatMode, type ChatPosition } from './mask-chat.types.js';

const BUBBLE_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true" width="24" height="24" fill="currentColor"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>`;

const positiveInt = (fallback: number) => ({
  fromAttribute: (value: string | null) => {
    const n = Number(value);
    return value !== null && Number.isInteger(n) && n > 0 ? n : fallback;
  },
});

/**
 * Wallet-to-wallet messaging over XMTP. As a launcher (default) it is a
 * floating bubble that opens a panel; inline it sits in the page flow. The
 * conversation UI loads when the launcher is hovered, focused or opened, and
 * the XMTP engine (SDK, worker, wasm) only when the chat opens.
 *
 * Without `peer` and `conversation-id` (or with the connected account as
 * `peer`) it is the visitor's inbox: DMs and groups by last activity with
 * previews and unread counts, message requests to allow or block, a filter,
 * and "New conversation"; a row opens its conversation, with a Back action.
 *
 * A returning visitor's closed launcher shows the inbox's unread total: once a
 * wallet is connected the conversation UI loads, and when that wallet already
 * enabled chat in this browser on this site, an inbox (no `peer`) starts its
 * engine when the page is idle (no signature: the installation resumes). A
 * visitor who never enabled chat here never loads the engine before opening.
 *
 * With the `notifications` attribute the chat's settings offer a "Notify me of
 * new messages" switch: the browser's permission is asked from that click, and
 * a message from someone else while the page is hidden shows a notification
 * (one per conversation; a click opens it). `notifications="private"` says who
 * wrote, never what.
 *
 * Like `<dialog>`, `open` is the boolean property and attribute, and `show()`,
 * `close()` and `toggle()` are the methods (a method named `open` would be
 * overwritten by frameworks that set `open` as a property).
 *
 * @summary Encrypted chat with an address, ENS name or Lens handle.
 * @csspart launcher - The floating bubble button.
 * @csspart unread - The unread badge on the launcher.
 * @csspart panel - The conversation panel (a labelled dialog as a launcher, a region inline).
 * @csspart header - The panel's header.
 * @csspart title - The panel's title.
 * @csspart close-button - Closes the launcher's panel.
 * @csspart status - Connection health: connecting, live, reconnecting, offline.
 * @csspart messages - The message list (a log).
 * @csspart bubble - Each message.
 * @csspart bubble-mine - A message this wallet sent (with `bubble`).
 * @csspart bubble-theirs - A message from the peer (with `bubble`).
 * @csspart text - A message's text.
 * @csspart link - An https link in a message; its text is where it really goes (the host as the browser resolves it, in punycode).
 * @csspart more-button - "Show more" under a long message (the first 2,000 characters are shown, 10,000 more per click).
 * @csspart receipt - A tip receipt (transaction reference); its class says what the chain says of it (`checking`, `confirmed`, `pending`, `not-found`, `failed`, `incomplete`, `mismatch`, `unavailable`, `unchecked`).
 * @csspart receipt-status - The sentence under a receipt: confirmed on chain, or a claim and why.
 * @csspart composer - The form at the bottom.
 * @csspart input - The composer's text area.
 * @csspart send-button - The composer's send button.
 * @csspart greeting - Shown before the first message.
 * @csspart connect-button - Shown while no wallet is connected.
 * @csspart sign-button - Registers this browser (one explained signature).
 * @csspart progress - The engine's loading progress.
 * @csspart error - The error sentence.
 * @csspart installations - The wallet's XMTP installations (settings, installation limit).
 * @csspart backup - The settings' backup section: export the conversations to an encrypted file, import one.
 * @csspart backup-export-button - "Export conversations".
 * @csspart backup-import-button - "Import a backup" (opens the file picker).
 * @csspart backup-progress - Shown while a backup is prepared or imported.
 * @csspart backup-status - The backup's last outcome or step, announced politely.
 * @attr notifications - Offer browser notifications for new messages while the page is hidden (the visitor turns them on in the settings). `private`: the notification says who wrote, not what.
 * @csspart notify - The settings' notifications section (with the `notifications` attribute).
 * @csspart notify-switch - "Notify me of new messages" (a switch; its first turn on asks the browser's permission).
 * @csspart notify-status - Where notifications stand: on, off, not allowed, blocked by the browser, or not supported.
 * @csspart inbox - The inbox: tabs, filter, "New conversation" and the list.
 * @csspart inbox-tab - The "Chats" and "Requests" tabs.
 * @csspart inbox-filter - The filter input (name or address).
 * @csspart inbox-list - The list of conversations (a listbox for chats; only the rows near the visible ones are in the DOM).
 * @csspart inbox-row - One conversation in the list.
 * @csspart inbox-avatar - A row's picture (verified avatar, group image or identicon).
 * @csspart inbox-name - A row's name: verified name, short address or group name.
 * @csspart inbox-time - The time of the row's last activity.
 * @csspart inbox-preview - The last message, as text.
 * @csspart inbox-unread - A row's unread count (99+ at most).
 * @csspart inbox-state - The inbox's loading, empty or error sentence.
 * @csspart new-button - Opens the "New conversation" form.
 * @csspart new-input - The new conversation's address, ENS name or Lens handle.
 * @csspart new-error - Why a new conversation cannot start (not on XMTP, no such name).
 * @csspart allow-button - Allows a message request.
 * @csspart block-button - Blocks a message request.
 * @csspart back-button - From a conversation back to the inbox.
 * @csspart peer - Above the conversation: who it is with (a DM's badge, or a group's name).
 * @csspart peer-badge - The DM peer's `<mask-id-badge>` (avatar, verified name, short address with copy; a click opens its card).
 * @csspart peer-name - A group's name above its conversation.
 * @csspart history-note - Says older messages may be missing here for now (chat just enabled in this browser for a wallet that chats elsewhere).
 * @csspart sender - In a group, the sender (avatar and verified name, else short address) above the first of their messages in a run.
 * @cssproperty [--mask-chat-offset-x=20px] - Launcher distance from the side.
 * @cssproperty [--mask-chat-offset-y=20px] - Launcher distance from the bottom.
 * @cssproperty [--mask-chat-accent=var(--mask-color-accent)] - Launcher and send colour.
 * @cssproperty [--mask-chat-panel-width=380px] - The launcher panel's width.
 * @cssproperty [--mask-chat-log-height=380px] - The message list's maximum height.
 * @cssproperty [--mask-chat-bubble-mine=var(--mask-color-accent)] - Background of the visitor's bubbles.
 * @cssproperty [--mask-chat-bubble-theirs] - Background of the peer's bubbles.
 * @cssproperty [--mask-chat-bubble-radius=16px] - Bubble corners.
 * @cssproperty [--mask-chat-z-index=2147483000] - Stacking of the launcher and panel.
 *
 * @cssstate open - The panel is open.
 * @cssstate connected - A wallet is connected.
 * @cssstate loading - The engine is loading.
 * @cssstate live - Connected to the XMTP network and streaming.
 * @cssstate reconnecting - The stream dropped; reconnecting.
 * @cssstate offline - The browser is offline.
 * @cssstate unread - New messages arrived while closed.
 * @cssstate error - Something failed (see the `error` part).
 * @event mask-chat-open - The panel opened.
 * @event mask-chat-close - The panel closed.
 * @event mask-message-sent - A message the visitor sent reached the network. `{id, conversationId, kind, text, sentAtNs}`.
 * @event mask-message-received - A new message arrived live. `{id, conversationId, kind, text, sentAtNs}`.
 * @event mask-chat-conversation-open - The inbox showed a conversation. `{conversationId, peerAddress}` (`peerAddress` null for groups).
 * @event mask-unread-change - The unread total changed (the launcher's number). `{total}`: across the inbox's chats, each counted up to 99.
 * @event mask-error - Something failed; `code`: `engine-load-failed`, `signature-rejected`, `signature-invalid` (the network refused the wallet's signature, e.g. a smart account's ERC-1271 check), `installation-limit`, `peer-not-reachable`, `node-unreachable`, `conversation-paused` (a group needs a newer chat), `resolution-failed`, `invalid-name`, and the connect flow's codes.
 */
export class MaskChat extends MaskElement {
  static override styles = [
    MaskElement.styles,
    css`
      @layer mask-widgets {
        :host {
          --_accent: var(--mask-chat-accent, var(--mask-color-accent, light-dark(#1c68f3, #6ea2ff)));
          --_x: var(--mask-chat-offset-x, 20px);
          --_y: var(--mask-chat-offset-y, 20px);
          --_z: var(--mask-chat-z-index, 2147483000);
        }
        :host([mode='inline']) {
          display: block;
        }
        [part~='launcher'] {
          position: fixed;
          z-index: var(--_z);
          inset-block-end: var(--_y);
          inset-inline-end: var(--_x);
          width: 56px;
          height: 56px;
          border-radius: 50%;
          border: 0;
          background: var(--_accent);
          color: var(--_on-accent);
          box-shadow: 0 4px 16px rgb(0 0 0 / 20%);
          display: grid;
          place-items: center;
        }
        [part~='unread'] {
          position: absolute;
          inset-block-start: -4px;
          inset-inline-end: -4px;
          min-width: 20px;
          height: 20px;
          border-radius: 10px;
          background: var(--_danger);
          color: #fff;
          font-size: 12px;
          line-height: 20px;
          padding: 0 5px;
        }
        [part~='panel'] {
          background: var(--_surface);
          border: 1px solid var(--_border);
          border-radius: var(--_radius);
          padding: var(--_space-3);
          display: flex;
          flex-direction: column;
          gap: var(--_space-2);
        }
        :host(:not([mode='inline'])) [part~='panel'] {
          position: fixed;
          z-index: var(--_z);
          inset-block-end: calc(var(--_y) + 68px);
          inset-inline-end: var(--_x);
          width: min(var(--mask-chat-panel-width, 380px), calc(100vw - 2 * var(--_x)));
          max-height: calc(100vh - var(--_y) - 88px);
          box-shadow: 0 8px 32px rgb(0 0 0 / 20%);
        }
        :host([position='left']) [part~='launcher'],
        :host([position='left']:not([mode='inline'])) [part~='panel'] {
          inset-inline-end: auto;
          inset-inline-start: var(--_x);
        }
        @media (max-width: 480px) {
          :host(:not([mode='inline'])) [part~='panel'] {
            inset: 0;
            width: auto;
            max-height: none;
            border-radius: 0;
          }
          :host([open]:not([mode='inline'])) [part~='launcher'] {
            display: none;
          }
        }
      }
    `,
  ];

  /** Who to talk to: address, ENS name or Lens handle (resolved to a verified address). */
  @property({ converter: text }) accessor peer = '';
  /** An existing XMTP conversation to show instead of a `peer`. */
  @property({ attribute: 'conversation-id', converter: text }) accessor conversationId = '';
  /** `launcher` (floating bubble) or `inline`. */
  @property({ reflect: true, converter: oneOf(CHAT_MODES, 'launcher') }) accessor mode: ChatMode = 'launcher';
  /** Launcher side: `right` or `left`. */
  @property({ reflect: true, converter: oneOf(CHAT_POSITIONS, 'right') }) accessor position: ChatPosition = 'right';
  /** Whether the panel is open (always open inline). */
  @property({ type: Boolean, reflect: true }) accessor open = false;
  /** How long the XMTP worker and wasm may take to start before the chat says what is wrong (ms). */
  @property({ attribute: 'engine-timeout', converter: positiveInt(30_000) }) accessor engineTimeout = 30_000;

  @state() private accessor unread = 0;
  @state() private accessor ui: ChatUi | null = null;
  #loading: Promise<ChatUi | null> | null = null;
  #wasActive = false;

  /** Opens the panel. */
  show(): void {
    this.#setOpen(true);
  }
  /** Closes the panel. */
  close(): void {
    this.#setOpen(false);
  }
  /** Opens or closes the panel. */
  toggle(): void {
    this.#setOpen(!this.open);
  }
  /** Opens the panel on the XMTP conversation with this id: in the inbox (with Back), otherwise instead of the `peer`. */
  openConversation(id: string): void {
    this.show();
    void this.#loadUi().then((ui) => ui?.openConversation(String(id)));
  }

  #setOpen(open: boolean): void {
    if (this.open === open) return;
    this.open = open;
    this.dispatchEvent(open ? new MaskChatOpenEvent() : new MaskChatCloseEvent());
  }

  get #active(): boolean {
    return this.mode === 'inline' || this.open;
  }

  /** Loads the conversation UI chunk (hover, focus, open). */
  #loadUi(): Promise<ChatUi | null> {
    this.#loading ??= import('./chat-ui.js').then(
      (mod) => {
        const root = this.shadowRoot;
        // Once per element: this runs once per successful load (`#loading` is kept).
        if (root) root.adoptedStyleSheets = [...root.adoptedStyleSheets, mod.chatUiStyles.styleSheet!];
        this.ui = new mod.ChatUi({
          element: this,
          kit: this.kit,
          fail: (code, message, cause) => this.fail(code, message, cause),
          clearError: () => this.clearError(),
          setState: (name, on) => this.setState(name, on),
          t: (key, vars) => this.t(key as MessageKey, vars),
          connect: () => this.connectWallet(),
          setUnread: (count) => {
            this.unread = count;
            this.setState('unread', count > 0);
          },
          requestTip: (address, name) => this.dispatchEvent(new MaskRequestTipEvent({ address, name })),
        });
        return this.ui;
      },
      (error: unknown) => {
        this.#loading = null;
        this.fail('engine-load-failed', this.t('chat.error.uiLoad'), error);
        return null;
      },
    );
    return this.#loading;
  }

  #prefetch = (): void => {
    void this.#loadUi().then((ui) => ui?.prefetch());
  };

  override willUpdate(changed: PropertyValues<this>): void {
    this.setState('open', this.#active);
    const connected = this.kit.wallet.status === 'connected';
    this.setState('connected', connected);
    // A connected wallet: the controller loads now (it may count the inbox's unread before the chat opens);
    // not again after an error (a chunk that failed to load would otherwise be asked for at every update).
    if (connected && !this.errorCode) void this.#loadUi();
    if ((changed.has('peer') || changed.has('conversationId')) && this.hasUpdated) this.ui?.peerChanged();
  }

  override updated(): void {
    const active = this.#active && this.isConnected;
    if (active && !this.#wasActive) {
      // A full-screen panel (a phone) hides the bubble: focus goes into the panel instead of being lost.
      if (this.mode !== 'inline' && this.#part('launcher')?.checkVisibility?.() === false) this.#part('close-button')?.focus();
      void this.#loadUi().then((ui) => {
        ui?.markRead();
        return ui?.activate();
      });
    } else if (!active && this.#wasActive) this.ui?.deactivate();
    this.#wasActive = active;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('mask-request-chat', this.#onRequestChat);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('mask-request-chat', this.#onRequestChat);
    this.#wasActive = false;
  }

  /** A badge's "Message" action: the first chat on the page answers and opens for that address. */
  #onRequestChat = (event: Event): void => {
    const address = (event as Event & { address?: string | null }).address;
    if (event.defaultPrevented || !address) return;
    event.preventDefault();
    this.conversationId = '';
    this.peer = address;
    this.show();
  };

  #part(name: string): HTMLElement | null | undefined {
    return this.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
  }

  /** Closes the panel and gives focus back to the bubble (which a full-screen panel hides). */
  #closeToLauncher = (): void => {
    this.close();
    void this.updateComplete.then(() => this.#part('launcher')?.focus());
  };

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || this.mode === 'inline') return;
    event.stopPropagation();
    this.#closeToLauncher();
  };

  override render() {
    const inline = this.mode === 'inline';
    const ui = this.ui;
    const panel = html`<section part="panel" role=${inline ? 'region' : 'dialog'} aria-labelledby="title" ?hidden=${!inline && !this.open} @keydown=${this.#onKeydown}>
      <header part="header">
        <h2 part="title" id="title">${this.t('chat.title')}${this.peer ? html`<span class="visually-hidden"> · ${this.peer}</span>` : nothing}</h2>
        ${ui?.renderHeader() ?? nothing}
        ${inline ? nothing : html`<button part="close-button" type="button" aria-label=${this.t('chat.close')} @click=${this.#closeToLauncher}>×</button>`}
      </header>
      ${this.#active ? (ui?.render() ?? html`<p role="status">${this.t('chat.loading')}</p>`) : nothing} ${this.renderError()}
    </section>`;
    if (inline) return panel;
    const label = this.open ? this.t('chat.close') : this.unread ? this.t('chat.openUnread', { count: this.unread }) : this.t('chat.open');
    return html`${panel}
      <button part="launcher" aria-expanded=${this.open ? 'true' : 'false'} aria-label=${label} @click=${() => this.toggle()} @pointerenter=${this.#prefetch} @focus=${this.#prefetch}>
        ${BUBBLE_ICON}${this.unread && !this.open ? html`<span part="unread" aria-hidden="true">${this.unread > 99 ? '99+' : this.unread}</span>` : nothing}
      </button>`;
  }
}
