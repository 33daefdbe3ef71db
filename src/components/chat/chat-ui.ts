/**
 * The chat's conversation UI, loaded with `import()` the first time a
 * `<mask-chat>` is hovered, focused or opened (the entry keeps only the
 * launcher). A reactive controller on the element: it renders into the
 * element's own shadow root, so every part stays on `<mask-chat>`.
 * The XMTP SDK itself loads later still, from `messaging/engine.ts`.
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Kit } from '../../context/kit.js';
import type { MaskErrorCode } from '../../events/error-codes.js';
import { MaskMessageReceivedEvent } from '../../events/mask-message-received.js';
import { MaskMessageSentEvent } from '../../events/mask-message-sent.js';
import { shortAddress, toChecksumAddress, type Address } from '../../internal/address.js';
import { formatUnits } from '../../internal/format.js';
import { addMessages } from '../../internal/i18n.js';
import { explorerTxUrl } from '../../internal/links.js';
import { ellipsize, stripBidiControls } from '../../internal/text.js';
import { toMetadataAmount } from '../../messaging/amount.js';
import type { ConversationFeed } from '../../messaging/feed.js';
import { getMessaging, loadEngine, type Messaging } from '../../messaging/messaging.js';
import type { ChatMessage, ConversationInfo, EngineError, InstallationInfo } from '../../messaging/types.js';
import type { ReceiptCheck } from '../../tip/verify-receipt.js';
import { KitError } from '../../wallet/errors.js';
import { chatUiStyles } from './chat-ui.styles.js';
import { chatMessages, type ChatMessageKey } from './chat.messages.js';
import { FIRST_CHARS, messageText, MORE_CHARS } from './chat-text.js';
import { VirtualWindow } from './virtual-window.js';

export { chatUiStyles };

addMessages('en', chatMessages as unknown as Parameters<typeof addMessages>[1]);

/** The element's inputs the UI reads. */
export interface ChatElement extends HTMLElement {
  readonly peer: string;
  readonly conversationId: string;
  readonly engineTimeout: number;
  readonly mode: string;
  readonly open: boolean;
  /** The language the element renders in. */
  readonly resolvedLang: string;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
  addController(c: ReactiveController): void;
}

/** What the lazy UI needs from its element. */
export interface ChatHost {
  readonly element: ChatElement;
  readonly kit: Kit;
  fail(code: MaskErrorCode, message: string, cause?: unknown): void;
  clearError(): void;
  setState(name: string, on: boolean): void;
  /** Chat keys and the kit's shared keys (`wallet.*`, `error.*`). */
  t(key: ChatMessageKey | 'chat.title' | 'chat.loading' | 'wallet.connect' | 'wallet.retry' | 'wallet.connectedAs' | 'error.invalidAddress', vars?: Record<string, string | number>): string;
  connect(): Promise<Address | null>;
  setUnread(count: number): void;
  requestTip(address: Address, name: string | null): void;
}

type PeerState = 'idle' | 'resolving' | 'unreachable' | 'self' | 'ready' | 'failed';
type View = 'chat' | 'settings' | 'requests';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const GROUP_GAP_NS = 5n * 60n * 1_000_000_000n;
/** Distinct reactions shown on one message; the rest are counted (`+12`). */
const MAX_REACTIONS_SHOWN = 12;

/** Milliseconds of a nanosecond timestamp, kept inside what a Date can hold (±8.64e15 ms). */
const msOf = (ns: string): number => Math.min(Number(BigInt(ns) / 1_000_000n), 8.64e15);

export class ChatUi implements ReactiveController {
  readonly #host: ChatHost;
  #messaging: Messaging | null = null;
  #feed: ConversationFeed | null = null;
  #peerState: PeerState = 'idle';
  #peerAddress: Address | null = null;
  #peerName: string | null = null;
  #peerKey = '';
  #view: View = 'chat';
  #requests: ConversationInfo[] = [];
  #installations: InstallationInfo[] | null = null;
  #installationsError = '';
  #draft = '';
  #replyTo: ChatMessage | null = null;
  #announcement = '';
  #copied = false;
  #shownError: EngineError | null = null;
  #busy = false;
  #unread = 0;
  #stickToBottom = true;
  /** Characters shown of long messages the visitor expanded ("Show more"), by message id. */
  readonly #expanded = new Map<string, number>();
  readonly #window = new VirtualWindow();

  get #el(): ChatElement {
    return this.#host.element;
  }
  get #isOpen(): boolean {
    return this.#el.mode === 'inline' || this.#el.open;
  }

  constructor(host: ChatHost) {
    this.#host = host;
    host.element.addController(this);
  }

  hostConnected(): void {
    this.#host.kit.wallet.addEventListener('change', this.#onWallet);
    document.addEventListener('mask-tip-confirmed', this.#onTipConfirmed);
  }

  hostDisconnected(): void {
    this.#host.kit.wallet.removeEventListener('change', this.#onWallet);
    document.removeEventListener('mask-tip-confirmed', this.#onTipConfirmed);
    this.#detachMessaging();
    this.#setFeed(null);
  }

  hostUpdated(): void {
    if (this.#view === 'chat' && this.#feed) this.#window.afterRender(this.#scroller(), this.#stickToBottom);
  }

  /** Loads the engine code ahead of a click (hover / focus on the launcher). */
  prefetch(): void {
    void loadEngine(this.#host.kit.config.xmtp.engineUrl).catch(() => {});
  }

  #update(): void {
    this.#host.element.requestUpdate();
  }

  #onWallet = (): void => {
    if (!this.#host.kit.wallet.account) {
      this.#setFeed(null);
      this.#peerState = 'idle';
    }
    this.#update();
    if (this.#isOpen) void this.activate();
  };

  #attachMessaging(): Messaging {
    const messaging = getMessaging(this.#host.kit);
    if (this.#messaging !== messaging) {
      this.#detachMessaging();
      this.#messaging = messaging;
      messaging.addEventListener('change', this.#onMessaging);
      messaging.addEventListener('request', this.#onRequest);
    }
    return messaging;
  }

  #detachMessaging(): void {
    this.#messaging?.removeEventListener('change', this.#onMessaging);
    this.#messaging?.removeEventListener('request', this.#onRequest);
    this.#messaging = null;
  }

  #onMessaging = (): void => {
    const m = this.#messaging;
    if (!m) return;
    this.#host.setState('loading', m.phase === 'loading');
    this.#host.setState('live', m.phase === 'ready' && m.connection === 'live');
    this.#host.setState('reconnecting', m.phase === 'ready' && m.connection === 'reconnecting');
    this.#host.setState('offline', m.phase === 'ready' && m.connection === 'offline');
    if (m.phase === 'error' && m.error && m.error !== this.#shownError) {
      this.#shownError = m.error;
      this.#host.fail(m.error.code, this.#sentence(m.error), m.error);
    } else if (m.phase !== 'error' && this.#shownError) {
      this.#shownError = null;
      this.#host.clearError();
    }
    if (m.phase === 'ready' && this.#isOpen) void this.#openPeer();
    if (m.phase !== 'ready' && this.#feed) this.#setFeed(null);
    this.#update();
  };

  #onRequest = (): void => {
    if (this.#view === 'requests' || (this.#el.mode === 'inline') || this.#isOpen) void this.#loadRequests();
  };

  #sentence(error: EngineError): string {
    const detail = error.message.slice(0, 200);
    switch (error.code) {
      case 'engine-load-failed':
        return this.#host.t('chat.error.engineLoad', { detail });
      case 'node-unreachable':
        return this.#host.t('chat.error.node', { detail });
      case 'signature-rejected':
        return this.#host.t('chat.error.signature');
      case 'installation-limit':
        return this.#host.t('chat.error.limit');
      default:
        return this.#host.t('chat.error.unknown', { detail });
    }
  }

  /** Called when the panel opens (or an inline chat is shown): start what is needed. */
  async activate(): Promise<void> {
    if (!this.#host.kit.wallet.account) return;
    const messaging = this.#attachMessaging();
    messaging.timeoutMs = this.#el.engineTimeout;
    this.#onMessaging();
    await messaging.start();
    if (messaging.phase === 'ready') await this.#openPeer();
  }

  /** Called when the panel closes. */
  deactivate(): void {
    this.#update();
  }

  /** The element's `peer` or `conversation-id` changed. */
  peerChanged(): void {
    this.#setFeed(null);
    this.#peerState = 'idle';
    this.#peerKey = '';
    if (this.#isOpen) void this.activate();
    this.#update();
  }

  #setFeed(feed: ConversationFeed | null): void {
    if (this.#feed === feed) return;
    this.#feed?.removeEventListener('change', this.#onFeed);
    this.#feed?.removeEventListener('messages', this.#onMessages);
    this.#feed = feed;
    feed?.addEventListener('change', this.#onFeed);
    feed?.addEventListener('messages', this.#onMessages);
    this.#stickToBottom = true;
    this.#window.reset();
  }

  #onFeed = (): void => this.#update();

  /** The peer's tip that this chat asked for was confirmed: post the receipt, and the note with it. */
  #tipRequested = false;
  #onTipConfirmed = (event: Event): void => {
    const detail = (event as Event & { detail?: { hash: string; to: string; amount: bigint; decimals: number; symbol: string; chainId: number; note?: string } }).detail;
    const feed = this.#feed;
    const peer = this.#peerAddress;
    if (!this.#tipRequested || !detail || !feed || !peer || detail.to?.toLowerCase() !== peer.toLowerCase()) return;
    this.#tipRequested = false;
    // Metadata amounts are JSON numbers: scaled so that wei above 2^53 still travel exactly.
    const { amount, decimals } = toMetadataAmount(detail.amount, detail.decimals);
    void feed
      .sendTransaction({
        networkId: String(detail.chainId),
        hash: detail.hash,
        amount,
        decimals,
        currency: detail.symbol,
        from: this.#host.kit.wallet.account ?? undefined,
        to: peer,
      })
      .then((id) => (detail.note?.trim() ? feed.sendText(detail.note.trim(), id) : id))
      .catch(() => {});
  };

  #onMessages = (event: Event): void => {
    const { messages, live } = (event as CustomEvent<{ messages: ChatMessage[]; live: boolean }>).detail;
    const me = this.#messaging?.engine?.inboxId;
    const incoming = messages.filter((m) => m.senderInboxId !== me);
    if (!live || !incoming.length) return;
    for (const m of incoming) {
      this.#host.element.dispatchEvent(new MaskMessageReceivedEvent({ id: m.id, conversationId: m.conversationId, kind: m.kind, text: m.text, sentAtNs: m.sentAtNs }));
    }
    const last = incoming[incoming.length - 1];
    this.#announcement = this.#host.t('chat.announce', { name: this.#peerLabel(), text: this.#summary(last) });
    if (!this.#isOpen) {
      this.#unread += incoming.length;
      this.#host.setUnread(this.#unread);
    }
    this.#update();
  };

  /** Opened: the unread count resets. */
  markRead(): void {
    this.#unread = 0;
    this.#host.setUnread(0);
  }

  #summary(m: ChatMessage): string {
    if (m.kind === 'transaction') return this.#host.t('chat.tx.title');
    return ellipsize(stripBidiControls(m.text), 140);
  }

  #peerLabel(): string {
    return this.#peerName ?? (this.#peerAddress ? shortAddress(this.#peerAddress) : this.#el.peer || this.#host.t('chat.title'));
  }

  async #openPeer(): Promise<void> {
    const messaging = this.#messaging;
    if (!messaging || messaging.phase !== 'ready') return;
    const key = `${this.#el.conversationId}|${this.#el.peer}|${messaging.account}`;
    if (this.#peerKey === key && this.#peerState !== 'failed') return;
    this.#peerKey = key;
    if (this.#peerState !== 'unreachable') this.#peerState = 'resolving';
    this.#update();
    try {
      let feed: ConversationFeed | null = null;
      if (this.#el.conversationId) {
        feed = await messaging.openConversation(this.#el.conversationId);
        if (!feed) throw new KitError('peer-not-reachable', this.#host.t('chat.error.noConversation'));
        this.#peerAddress = toChecksumAddress(feed.info.peerAddresses[0] ?? '') ?? null;
        this.#peerName = null;
      } else {
        const peer = this.#el.peer.trim();
        if (!peer) throw new KitError('invalid-recipient', this.#host.t('chat.error.noPeer'));
        if (ADDRESS.test(peer)) {
          this.#peerAddress = toChecksumAddress(peer);
          this.#peerName = null;
        } else if (peer.startsWith('0x')) {
          throw new KitError('invalid-address', this.#host.t('error.invalidAddress', { value: peer.slice(0, 64) }));
        } else {
          const identity = await this.#host.kit.identity();
          const resolved = await identity.resolveName(peer);
          this.#peerAddress = resolved.address;
          this.#peerName = resolved.name.replace(/^lens\//, '@');
          // A verified name the chat shows counts for the page's look-alike warnings (badge cards, tips).
          identity.noteShown(resolved.name, resolved.address);
        }
        if (this.#key() !== key) return;
        if (this.#peerAddress?.toLowerCase() === messaging.account) {
          this.#peerState = 'self';
          this.#update();
          return;
        }
        if (!(await messaging.canMessage(this.#peerAddress!))) {
          if (this.#peerState !== 'unreachable') this.#host.fail('peer-not-reachable', this.#host.t('chat.unreachable', { name: this.#peerLabel() }));
          this.#peerState = 'unreachable';
          this.#update();
          // They may enable chat any moment: look again while the chat is open.
          setTimeout(() => {
            if (this.#peerState === 'unreachable' && this.#key() === key && this.#isOpen) this.#recheck();
          }, 5000);
          return;
        }
        feed = await messaging.openDm(this.#peerAddress!);
      }
      if (this.#key() !== key) return;
      this.#host.clearError();
      this.#setFeed(feed);
      this.#peerState = 'ready';
      this.#update();
      await feed.loadInitial();
      void this.#loadRequests();
    } catch (error) {
      if (this.#key() !== key) return;
      this.#peerState = 'failed';
      const e = error as { code?: MaskErrorCode; message?: string };
      const code: MaskErrorCode = error instanceof KitError || (e.code && e.code !== 'unknown') ? (e.code as MaskErrorCode) : 'unknown';
      this.#host.fail(code, error instanceof KitError ? error.message : this.#host.t('chat.error.unknown', { detail: String(e.message ?? error).slice(0, 200) }), error);
      this.#update();
    }
  }

  #recheck(): void {
    this.#peerKey = '';
    void this.#openPeer();
  }

  #key(): string {
    return `${this.#el.conversationId}|${this.#el.peer}|${this.#messaging?.account}`;
  }

  async #loadRequests(): Promise<void> {
    const messaging = this.#messaging;
    if (!messaging || messaging.phase !== 'ready') return;
    try {
      this.#requests = (await messaging.requests()).filter((r) => r.id !== this.#feed?.id);
    } catch {
      this.#requests = [];
    }
    this.#update();
  }

  // ------------------------------------------------------------------ actions

  async #register(): Promise<void> {
    this.#host.clearError();
    try {
      await this.#messaging?.register();
    } catch (error) {
      const e = error as EngineError;
      this.#shownError = e;
      this.#host.fail(e.code, this.#sentence(e), e);
      if (e.code === 'installation-limit') void this.#loadInstallations();
    }
  }

  async #retry(): Promise<void> {
    this.#host.clearError();
    this.#shownError = null;
    if (this.#peerState === 'failed') {
      this.#peerKey = '';
      await this.#openPeer();
      return;
    }
    await this.#messaging?.retry();
    if (this.#messaging?.phase === 'ready') await this.#openPeer();
  }

  async #send(): Promise<void> {
    const feed = this.#feed;
    const text = this.#draft.trim();
    if (!feed || !text) return;
    const replyTo = this.#replyTo?.id;
    this.#draft = '';
    this.#replyTo = null;
    this.#stickToBottom = true;
    this.#update();
    try {
      const id = await feed.sendText(text, replyTo);
      this.#host.element.dispatchEvent(new MaskMessageSentEvent({ id, conversationId: feed.id, kind: replyTo ? 'reply' : 'text', text, sentAtNs: feed.list.get(id)?.sentAtNs ?? '' }));
    } catch {
      // Shown as failed on the message, with a retry button.
    }
  }

  async #resend(message: ChatMessage): Promise<void> {
    const feed = this.#feed;
    if (!feed) return;
    try {
      const id = await feed.retry(message.id);
      this.#host.element.dispatchEvent(new MaskMessageSentEvent({ id, conversationId: feed.id, kind: message.kind, text: message.text, sentAtNs: message.sentAtNs }));
    } catch {
      // Still failed; the button stays.
    }
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.#send();
    }
  };

  #onInput = (event: Event): void => {
    this.#draft = (event.target as HTMLTextAreaElement).value;
  };

  #scroller(): HTMLElement | null {
    return (this.#host.element.shadowRoot?.querySelector('[part~="messages"]') as HTMLElement | null) ?? null;
  }

  #onScroll = (event: Event): void => {
    const el = event.target as HTMLElement;
    this.#stickToBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (this.#window.onScroll(el, this.#feed?.list.size ?? 0)) this.#update();
    if (el.scrollTop < 200 && this.#window.atStart && this.#feed && !this.#feed.complete && !this.#feed.loadingOlder) {
      this.#window.preserveFromBottom(el);
      void this.#feed
        .loadOlder()
        .catch(() => {})
        .then(() => this.#el.updateComplete)
        .finally(() => this.#window.endPreserve());
    }
  };

  async #copyInvite(): Promise<void> {
    const text = this.#invitation();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = this.#host.element.shadowRoot?.querySelector('textarea[part~="invitation"]') as HTMLTextAreaElement | null;
      area?.select();
    }
    this.#copied = true;
    this.#update();
    setTimeout(() => {
      this.#copied = false;
      this.#update();
    }, 2000);
  }

  #invitation(): string {
    return this.#host.t('chat.invitation', { url: location.href.split('#')[0] });
  }

  async #consent(allow: boolean): Promise<void> {
    const feed = this.#feed;
    if (!feed) return;
    try {
      await feed.setConsent(allow ? 'allowed' : 'denied');
    } catch (error) {
      this.#host.fail('unknown', this.#host.t('chat.error.unknown', { detail: String((error as Error).message ?? error).slice(0, 200) }), error);
    }
  }

  async #answerRequest(request: ConversationInfo, allow: boolean): Promise<void> {
    const messaging = this.#messaging;
    if (!messaging) return;
    const feed = messaging.feed(request);
    await feed.setConsent(allow ? 'allowed' : 'denied').catch(() => {});
    this.#requests = this.#requests.filter((r) => r.id !== request.id);
    this.#update();
  }

  async #openRequest(request: ConversationInfo): Promise<void> {
    const messaging = this.#messaging;
    if (!messaging) return;
    const feed = messaging.feed(request);
    this.#peerAddress = toChecksumAddress(request.peerAddresses[0] ?? '') ?? null;
    this.#peerName = null;
    this.#view = 'chat';
    this.#setFeed(feed);
    this.#update();
    await feed.loadInitial().catch(() => {});
  }

  async #loadInstallations(): Promise<void> {
    this.#installationsError = '';
    try {
      this.#installations = (await this.#messaging?.installations()) ?? null;
    } catch (error) {
      this.#installations = null;
      this.#installationsError = String((error as Error).message ?? error).slice(0, 200);
    }
    this.#update();
  }

  async #revokeOthers(): Promise<void> {
    const messaging = this.#messaging;
    if (!messaging) return;
    this.#busy = true;
    this.#update();
    try {
      await messaging.revokeOthers();
      this.#host.clearError();
      this.#shownError = null;
      await this.#loadInstallations();
      if (messaging.phase === 'error' && messaging.error?.code === 'installation-limit') {
        await messaging.retry();
        await this.#register();
      }
    } catch (error) {
      const e = error as EngineError;
      this.#host.fail(e.code ?? 'unknown', this.#sentence(e), e);
    } finally {
      this.#busy = false;
      this.#update();
    }
  }

  #openSettings(): void {
    this.#view = this.#view === 'settings' ? 'chat' : 'settings';
    if (this.#view === 'settings') void this.#loadInstallations();
    this.#update();
  }

  // ------------------------------------------------------------------ render

  /** The panel's header actions (next to the title). */
  renderHeader(): TemplateResult | typeof nothing {
    const m = this.#messaging;
    if (!m || m.phase !== 'ready') return nothing;
    const t = this.#host.t.bind(this.#host);
    const state = m.connection;
    return html`<span part="status" class="status ${state}" role="status">${t(`chat.state.${state}`)}</span>
      ${this.#peerAddress && this.#peerState === 'ready'
        ? html`<button part="tip-button" class="icon" type="button" @click=${() => ((this.#tipRequested = true), this.#host.requestTip(this.#peerAddress!, this.#peerName))}>${t('chat.tip')}</button>`
        : nothing}
      <button part="settings-button" class="icon" type="button" aria-pressed=${this.#view === 'settings' ? 'true' : 'false'} @click=${() => this.#openSettings()}>${t('chat.settings')}</button>`;
  }

  /** The panel's body. */
  render(): TemplateResult {
    const t = this.#host.t.bind(this.#host);
    const m = this.#messaging;
    if (!this.#host.kit.wallet.account) {
      return html`<div class="center">
        <p>${t('chat.connectFirst')}</p>
        <button class="primary" part="connect-button" type="button" @click=${() => void this.#host.connect().then(() => this.activate())}>${t('wallet.connect')}</button>
      </div>`;
    }
    if (m?.phase === 'ready' && this.#view === 'chat') return this.#renderConversation();
    return html`<p part="account" class="note">${t('wallet.connectedAs', { account: shortAddress(this.#host.kit.wallet.account) })}</p>${this.#renderSetup()}`;
  }

  #renderSetup(): TemplateResult {
    const t = this.#host.t.bind(this.#host);
    const m = this.#messaging;
    if (!m || m.phase === 'idle' || m.phase === 'loading') {
      const step = m?.progress ?? 'code';
      const value = step === 'code' ? 1 : step === 'worker' ? 2 : 3;
      return html`<div class="center" part="progress-box">
        <progress part="progress" max="4" value=${value} aria-label=${t('chat.loading')}></progress>
        <p>${t(`chat.progress.${step === 'ready' ? 'network' : step}`)}</p>
      </div>`;
    }
    if (m.phase === 'needs-signature' || m.phase === 'signing') {
      return html`<div class="explain" part="signature">
        <h3>${t('chat.sign.title')}</h3>
        <p>${t('chat.sign.what')}</p>
        <p>${t('chat.sign.free')}</p>
        ${m.phase === 'signing'
          ? html`<p class="note" role="status">${t('chat.sign.waiting')}</p>`
          : html`<button class="primary" part="sign-button" type="button" @click=${() => void this.#register()}>${t('chat.sign.button')}</button>`}
        ${this.#renderErrorActions()}
      </div>`;
    }
    if (m.phase === 'error') {
      return html`<div class="center">${this.#renderErrorActions()}${m.error?.code === 'installation-limit' ? this.#renderInstallations(true) : nothing}</div>`;
    }
    return this.#renderSettings();
  }

  #renderErrorActions(): TemplateResult | typeof nothing {
    const m = this.#messaging;
    const t = this.#host.t.bind(this.#host);
    if (!m?.error) return nothing;
    if (m.error.code === 'engine-load-failed') {
      return html`<p class="note">${t('chat.error.engineHelp')}</p><button class="secondary" type="button" @click=${() => void this.#retry()}>${t('wallet.retry')}</button>`;
    }
    if (m.error.code === 'installation-limit') return nothing;
    if (m.phase === 'error') return html`<button class="secondary" type="button" @click=${() => void this.#retry()}>${t('wallet.retry')}</button>`;
    return nothing;
  }

  #renderInstallations(limit: boolean): TemplateResult {
    const t = this.#host.t.bind(this.#host);
    const list = this.#installations;
    const fmt = new Intl.DateTimeFormat(this.#el.resolvedLang, { dateStyle: 'medium', timeStyle: 'short' });
    return html`<section part="installations" aria-labelledby="installations-title">
      <h3 id="installations-title">${t('chat.installations.title')}</h3>
      ${list
        ? html`<p>${t('chat.installations.count', { count: list.length })}</p>
            <ul>
              ${list.map(
                (i) =>
                  html`<li part="installation">
                    <code>${i.id.slice(0, 8)}…</code> ${i.createdAt ? fmt.format(new Date(i.createdAt)) : t('chat.installations.noDate')}
                    ${i.current ? html`<strong>${t('chat.installations.this')}</strong>` : nothing}
                  </li>`,
              )}
            </ul>`
        : html`<p class="note">${this.#installationsError || t('chat.installations.loading')}</p>`}
      <p class="note">${t('chat.installations.explain')}</p>
      ${(list && list.some((i) => !i.current)) || limit
        ? html`<p class="note">${t('chat.installations.consequence')}</p>
            <button class="secondary" part="revoke-button" type="button" ?disabled=${this.#busy || !list} @click=${() => void this.#revokeOthers()}>${t('chat.installations.revoke')}</button>`
        : nothing}
    </section>`;
  }

  #renderSettings(): TemplateResult {
    const t = this.#host.t.bind(this.#host);
    return html`<div class="settings" part="settings">
      ${this.#renderInstallations(false)}
      <button class="secondary" type="button" @click=${() => this.#openSettings()}>${t('chat.back')}</button>
    </div>`;
  }

  #renderConversation(): TemplateResult {
    const t = this.#host.t.bind(this.#host);
    switch (this.#peerState) {
      case 'idle':
      case 'resolving':
        return html`<div class="center"><p role="status">${t('chat.resolving', { name: this.#el.peer || '…' })}</p></div>`;
      case 'self':
        return html`<div class="center"><p>${t('chat.self')}</p></div>`;
      case 'unreachable':
        return html`<div class="explain" part="unreachable">
          <label for="invite">${t('chat.inviteLabel')}</label>
          <textarea id="invite" part="invitation" readonly rows="3" .value=${this.#invitation()}></textarea>
          <button class="primary" part="copy-button" type="button" @click=${() => void this.#copyInvite()}>${this.#copied ? t('chat.copied') : t('chat.copyInvite')}</button>
          <button class="secondary" type="button" @click=${() => this.#recheck()}>${t('chat.checkAgain')}</button>
        </div>`;
      case 'failed':
        return html`<div class="center"><button class="secondary" type="button" @click=${() => void this.#retry()}>${t('wallet.retry')}</button></div>`;
      default:
        return this.#renderMessages();
    }
  }

  #renderMessages(): TemplateResult {
    const t = this.#host.t.bind(this.#host);
    const feed = this.#feed!;
    const me = this.#messaging?.engine?.inboxId;
    const items = feed.list.items;
    const range = this.#window.range(items, this.#stickToBottom);
    // Spacer heights are set as `.style` (the CSSOM): a style attribute, lit's styleMap included (its first
    // render writes the attribute), is blocked by a CSP without 'unsafe-inline' and the window collapses.
    const visible = items.slice(range.start, range.end);
    const dayFmt = new Intl.DateTimeFormat(this.#el.resolvedLang, { dateStyle: 'medium' });
    const timeFmt = new Intl.DateTimeFormat(this.#el.resolvedLang, { timeStyle: 'short' });
    const dayOf = (m: ChatMessage) => dayFmt.format(new Date(msOf(m.sentAtNs)));
    const request = feed.info.consent === 'unknown' && items.some((m) => m.senderInboxId !== me) && !items.some((m) => m.senderInboxId === me);
    return html`
      ${this.#requests.length
        ? html`<button part="requests-button" class="banner" type="button" @click=${() => void this.#openRequest(this.#requests[0])}>
            ${t('chat.requests.count', { count: this.#requests.length })}
          </button>`
        : nothing}
      ${request
        ? html`<div part="consent" class="banner" role="region" aria-label=${t('chat.requests.title')}>
            <p>${t('chat.requests.explain', { name: this.#peerLabel() })}</p>
            <button class="primary" part="allow-button" type="button" @click=${() => void this.#consent(true)}>${t('chat.requests.allow')}</button>
            <button class="secondary" part="block-button" type="button" @click=${() => void this.#consent(false)}>${t('chat.requests.block')}</button>
          </div>`
        : nothing}
      ${feed.info.consent === 'denied' ? html`<p class="note banner">${t('chat.requests.blocked')}</p>` : nothing}
      <div part="messages" class="messages" role="log" aria-live="polite" aria-busy=${feed.loadingOlder ? 'true' : 'false'} aria-label=${t('chat.log', { name: this.#peerLabel() })} tabindex="0" @scroll=${this.#onScroll}>
        <div class="spacer" .style=${`height:${range.before}px`}></div>
        ${range.start === 0 && feed.complete && items.length ? html`<p class="note start">${t('chat.start')}</p>` : nothing}
        ${feed.loadingOlder ? html`<p class="note start">${t('chat.loadingOlder')}</p>` : nothing}
        ${!items.length && !feed.loadingOlder ? html`<p part="greeting" class="greeting">${t('chat.greeting', { name: this.#peerLabel() })}</p>` : nothing}
        ${repeat(
          visible,
          (m) => m.id,
          (m, i) => {
            const index = range.start + i;
            const prev = items[index - 1];
            const newDay = !prev || dayOf(prev) !== dayOf(m);
            const grouped = !newDay && prev && prev.senderInboxId === m.senderInboxId && BigInt(m.sentAtNs) - BigInt(prev.sentAtNs) < GROUP_GAP_NS;
            const mine = m.senderInboxId === me;
            // Rows are the DOM budget (10,000 messages): no whitespace between tags, few bindings.
            return html`<div class="row" data-index=${index} data-id=${m.id}>${newDay ? html`<p part="day" class="day">${dayOf(m)}</p>` : nothing}${this.#safeBubble(m, mine, !!grouped, timeFmt)}</div>`;
          },
        )}
        <div class="spacer" .style=${`height:${range.after}px`}></div>
      </div>
      <p class="visually-hidden" aria-live="polite">${this.#announcement}</p>
      ${this.#replyTo
        ? html`<div part="replying" class="replying">
            ${t('chat.replyingTo', { text: ellipsize(stripBidiControls(this.#replyTo.text), 80) })}
            <button class="icon" type="button" aria-label=${t('chat.cancelReply')} @click=${() => ((this.#replyTo = null), this.#update())}>×</button>
          </div>`
        : nothing}
      <form part="composer" class="composer" @submit=${(e: Event) => (e.preventDefault(), void this.#send())}>
        <label class="visually-hidden" for="draft">${t('chat.composer', { name: this.#peerLabel() })}</label>
        <textarea id="draft" part="input" rows="1" placeholder=${t('chat.placeholder')} .value=${live(this.#draft)} @input=${this.#onInput} @keydown=${this.#onKeydown} ?disabled=${feed.info.consent === 'denied'}></textarea>
        <button class="primary" part="send-button" type="submit" ?disabled=${feed.info.consent === 'denied'}>${t('chat.send')}</button>
      </form>
    `;
  }

  /** One message; a message that fails to render shows a short fallback and leaves the others alone. */
  #safeBubble(m: ChatMessage, mine: boolean, grouped: boolean, timeFmt: Intl.DateTimeFormat): TemplateResult {
    try {
      return this.#renderBubble(m, mine, grouped, timeFmt);
    } catch {
      return html`<article part="bubble ${mine ? 'bubble-mine' : 'bubble-theirs'}" class="bubble ${mine ? 'mine' : 'theirs'}"><p part="text" class="text fallback" .textContent=${this.#host.t('chat.unsupported')}></p></article>`;
    }
  }

  /** A message's text, capped for layout, with "Show more" while some of it is not shown. */
  #renderText(m: ChatMessage): TemplateResult {
    const t = this.#host.t.bind(this.#host);
    if (m.kind === 'unknown' && !m.text) return html`<p part="text" class="text fallback" .textContent=${t('chat.unsupported')}></p>`;
    const { content, rest } = messageText(m.text, this.#expanded.get(m.id) ?? FIRST_CHARS);
    const more = () => {
      this.#expanded.set(m.id, (this.#expanded.get(m.id) ?? FIRST_CHARS) + MORE_CHARS);
      this.#update();
    };
    const cls = `text ${m.kind === 'unknown' ? 'fallback' : ''}`;
    const text = typeof content === 'string' ? html`<p part="text" class=${cls} dir="auto" .textContent=${content}></p>` : html`<p part="text" class=${cls} dir="auto">${content}</p>`;
    return rest > 0 ? html`${text}<button part="more-button" class="link" type="button" @click=${more}>${t('chat.showMore', { count: rest })}</button>` : text;
  }

  /**
   * One message. Written without whitespace between tags, and with leaf text
   * set as `.textContent` where it is plain (a child binding costs a comment
   * marker): every node here is paid once per rendered row.
   */
  #renderBubble(m: ChatMessage, mine: boolean, grouped: boolean, timeFmt: Intl.DateTimeFormat): TemplateResult {
    const t = this.#host.t.bind(this.#host);
    const time = timeFmt.format(new Date(msOf(m.sentAtNs)));
    const reactions = new Map<string, number>();
    for (const r of m.reactions) reactions.set(r.emoji, (reactions.get(r.emoji) ?? 0) + 1);
    const body =
      m.kind === 'transaction' && m.transaction
        ? this.#renderReceipt(m, mine)
        : this.#renderText(m);
    return html`<article part="bubble ${mine ? 'bubble-mine' : 'bubble-theirs'}" class="bubble ${mine ? 'mine' : 'theirs'} ${grouped ? 'grouped' : ''}" aria-label=${t(mine ? 'chat.fromMe' : 'chat.fromThem', { name: this.#peerLabel(), time })}>${m.replyTo ? html`<blockquote part="quote" .textContent=${this.#quote(m.replyTo)}></blockquote>` : nothing}${body}<footer class="meta"><time datetime=${new Date(msOf(m.sentAtNs)).toISOString()} .textContent=${time}></time>${this.#renderMeta(m, mine)}</footer>${reactions.size
      ? html`<ul part="reactions" class="reactions" aria-label=${t('chat.reactions')}>${[...reactions].slice(0, MAX_REACTIONS_SHOWN).map(([emoji, count]) => html`<li .textContent=${count > 1 ? `${emoji} ${count}` : emoji}></li>`)}${reactions.size > MAX_REACTIONS_SHOWN ? html`<li .textContent=${`+${reactions.size - MAX_REACTIONS_SHOWN}`}></li>` : nothing}</ul>`
      : nothing}</article>`;
  }

  /** A message's delivery state and actions: one template per case (one binding in the row). */
  #renderMeta(m: ChatMessage, mine: boolean): TemplateResult | typeof nothing {
    const t = this.#host.t.bind(this.#host);
    const delivery = t(`chat.delivery.${m.delivery}`);
    if (m.delivery === 'failed') {
      return html`<span part="delivery" class="delivery failed" .textContent=${delivery}></span><button part="retry-button" class="link" type="button" @click=${() => void this.#resend(m)}>${t('chat.resend')}</button>`;
    }
    if (m.delivery !== 'sent') return mine ? html`<span part="delivery" class="delivery ${m.delivery}" .textContent=${delivery}></span>` : nothing;
    const react = (emoji: string) => () => void this.#feed?.react(m, emoji).catch(() => {});
    const reply = () => ((this.#replyTo = m), this.#update());
    const actions = html`<button class="link" part="reply-button" type="button" aria-label=${t('chat.reply')} @click=${reply}>↩</button><button class="link" part="react-button" type="button" aria-label=${t('chat.react', { emoji: '👍' })} @click=${react('👍')}>👍</button><button class="link" part="react-button" type="button" aria-label=${t('chat.react', { emoji: '❤️' })} @click=${react('❤️')}>❤️</button>`;
    return mine ? html`<span part="delivery" class="delivery sent" .textContent=${delivery}></span>${actions}` : actions;
  }

  /** What a reply quotes: the message when it is shown (a tip's note quotes the tip), else the SDK's copy. */
  #quote(replyTo: NonNullable<ChatMessage['replyTo']>): string {
    const target = this.#feed?.list.get(replyTo.id);
    if (target?.kind === 'transaction') return this.#host.t('chat.tx.title');
    const text = target?.text || replyTo.text;
    return text ? ellipsize(stripBidiControls(text), 280) : this.#host.t('chat.quoteUnknown');
  }

  /** On-chain checks of the receipts shown, by message id: a receipt is a claim until the chain backs it. */
  readonly #checks = new Map<string, ReceiptCheck | 'checking' | 'unknown-network'>();

  #checkReceipt(m: ChatMessage, mine: boolean): void {
    const tx = m.transaction!;
    // Once per receipt; "Check again" and a pending transaction's next look delete the entry.
    if (this.#checks.has(m.id)) return;
    this.#checks.set(m.id, 'checking');
    const kit = this.#host.kit;
    void (async () => {
      const { chainIdOf, claimFromTransaction, verifyOptionsFor, verifyReceipt } = await import('../../tip/verify-receipt.js');
      const id = chainIdOf(tx.networkId);
      const chain = id === null ? undefined : kit.chain(id);
      if (!chain || chain.id !== id) return 'unknown-network' as const;
      // The claimed sender must be the message's author: a forwarded real receipt is not theirs.
      const author = mine ? [kit.wallet.account ?? ''] : (this.#feed?.info.peerAddresses ?? []);
      return verifyReceipt(await kit.client(chain), claimFromTransaction(tx), verifyOptionsFor(chain, author.filter(Boolean)));
    })()
      .catch((error: unknown): ReceiptCheck => ({ status: 'unavailable', reason: String((error as Error)?.message ?? error).slice(0, 120) }))
      .then((check) => {
        this.#checks.set(m.id, check);
        this.#update();
        // A pending transaction is looked at again while the chat is shown.
        if (check !== 'unknown-network' && check.status === 'pending') setTimeout(() => this.#feed?.list.get(m.id) && this.#checks.delete(m.id) && this.#update(), 5000);
      });
  }

  /** The sentence under a receipt: what the chain says of the claim. */
  #receiptStatus(check: ReceiptCheck | 'checking' | 'unknown-network', tx: NonNullable<ChatMessage['transaction']>, chainName: string): string {
    const t = this.#host.t.bind(this.#host);
    if (check === 'checking') return t('chat.tx.checking');
    if (check === 'unknown-network') return t('chat.tx.unknownNetwork', { network: tx.networkId });
    switch (check.status) {
      case 'confirmed':
        return check.token.kind === 'erc20' && !check.token.listed
          ? t('chat.tx.confirmedUnlisted', { chain: chainName, symbol: check.token.symbol, address: check.token.address })
          : t('chat.tx.confirmed', { chain: chainName });
      case 'pending':
        return t('chat.tx.pending');
      case 'not-found':
        return t('chat.tx.notFound');
      case 'failed':
        return t('chat.tx.failed');
      case 'incomplete':
        return t('chat.tx.incomplete');
      case 'mismatch':
        return check.actual === null && check.field !== 'sender' ? t('chat.tx.mismatch.invalid') : t(`chat.tx.mismatch.${check.field}`);
      default:
        return t('chat.tx.unavailable');
    }
  }

  #renderReceipt(m: ChatMessage, mine: boolean): TemplateResult {
    const t = this.#host.t.bind(this.#host);
    const tx = m.transaction!;
    const lang = this.#el.resolvedLang;
    this.#checkReceipt(m, mine);
    const check = this.#checks.get(m.id) ?? 'checking';
    const confirmed = check !== 'checking' && check !== 'unknown-network' && check.status === 'confirmed' ? check : null;
    const chainId = Number.parseInt(tx.networkId.replace(/^eip155:/, ''), tx.networkId.startsWith('0x') ? 16 : 10);
    const chain = Number.isFinite(chainId) ? this.#host.kit.chain(chainId) : undefined;
    const chainName = chain && chain.id === chainId ? chain.name : t('chat.tx.network', { id: tx.networkId });
    // A confirmed receipt shows what the chain moved; a claim shows what it says, marked as a claim by the status line.
    const amount = confirmed
      ? `${formatUnits(confirmed.amount, confirmed.token.decimals, lang)} ${confirmed.token.symbol}`
      : tx.amount !== null && /^\d+$/.test(tx.amount) && tx.decimals !== null
        ? `${formatUnits(tx.amount, tx.decimals, lang)} ${tx.currency ?? ''}`.trim()
        : '';
    const explorer = explorerTxUrl(chain?.blockExplorer, tx.hash);
    const state = check === 'checking' ? 'checking' : check === 'unknown-network' ? 'unchecked' : check.status;
    return html`<div part="receipt" class="receipt ${state}" data-check=${state}>
      <strong>${t('chat.tx.title')}</strong>
      ${amount ? html`<span part="receipt-amount" class="amount" .textContent=${amount}></span>` : nothing}
      <span class="note" .textContent=${chainName}></span>
      <span part="receipt-status" class="check" .textContent=${this.#receiptStatus(check, tx, chainName)}></span>
      ${check !== 'checking' && check !== 'unknown-network' && check.status === 'unavailable'
        ? html`<button part="receipt-retry" class="link" type="button" @click=${() => (this.#checks.delete(m.id), this.#update())}>${t('chat.tx.checkAgain')}</button>`
        : nothing}
      ${explorer
        ? html`<a part="link receipt-link" href=${explorer} target="_blank" rel="noopener noreferrer">${t('chat.tx.explorer')}</a>`
        : html`<code class="hash" title=${tx.hash}>${tx.hash.slice(0, 10)}…${tx.hash.slice(-6)}</code>`}
    </div>`;
  }
}
