/**
 * The chat's templates: functions of what the controller (`chat-ui.ts`)
 * holds, read through `ChatView`, and the callbacks it offers. They keep no
 * state and start no work of their own; the one exception is a receipt,
 * whose on-chain check the controller starts the first time the receipt is
 * rendered (`ChatView.receipt`). Part of the chat's lazy chunk.
 *
 * Rows are the DOM budget (a conversation of 10,000 messages keeps about
 * three screens of rows, see `virtual-window.ts`): a bubble is written
 * without whitespace between tags, and leaf text is set as `.textContent`
 * where it is plain (a child binding costs a comment marker). Everything a
 * peer wrote is rendered as text (`chat-text.ts` for message text); one
 * message that fails to render shows a fallback in its own row. The inbox's
 * templates are in `chat-inbox.render.ts` (its own lazy chunk); they ask for
 * the identities of the rows they render, as receipts ask for their checks.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { shortAddress, type Address } from '../../internal/address.js';
import { formatUnits } from '../../internal/format.js';
import { explorerTxUrl } from '../../internal/links.js';
import { ellipsize, stripBidiControls } from '../../internal/text.js';
import type { ConversationFeed } from '../../messaging/feed.js';
import type { Messaging } from '../../messaging/messaging.js';
import type { ChatMessage, ConversationInfo, InstallationInfo } from '../../messaging/types.js';
import type { ReceiptCheck } from '../../tip/verify-receipt.js';
import type { ChatKey, ChatT } from './chat.messages.js';
import { messageText } from './chat-text.js';
import type { Sender } from './chat-people.js';
import { renderPeerBar, renderSender } from './chat-people.render.js';

export type { ChatKey, ChatT };

/** Where the peer's conversation stands. */
export type PeerState = 'idle' | 'resolving' | 'unreachable' | 'self' | 'ready' | 'failed';
/** What the panel shows once the chat is ready. */
export type PanelView = 'chat' | 'settings' | 'requests' | 'group' | 'group-new';
/** What the chain says of a receipt, as far as it is known. */
export type ReceiptState = ReceiptCheck | 'checking' | 'unknown-network';

/** The rows of the message list in the DOM, and the spacers' heights around them. */
export interface WindowRange {
  start: number;
  end: number;
  before: number;
  after: number;
}

/** What the templates read from the controller, and what they may ask of it. */
export interface ChatView {
  readonly t: ChatT;
  /** The language the element renders in (dates, times, amounts). */
  readonly lang: string;
  /** The element's `peer` as given (shown while it is being resolved). */
  readonly peerInput: string;
  /** The connected wallet's account. */
  readonly account: Address | null;
  readonly messaging: Pick<Messaging, 'phase' | 'progress' | 'connection' | 'error'> | null;
  readonly view: PanelView;
  readonly peerState: PeerState;
  readonly peerAddress: Address | null;
  /** The peer as the chat names them: their verified name, else their short address. */
  readonly peerLabel: string;
  /** Who the conversation is with: a DM's peer, or a group (its name). */
  readonly peer: { address: Address | null; label: string; group: boolean };
  /** This browser was just added to a wallet that chats elsewhere: say history may be incomplete. */
  readonly historyNote: boolean;
  /** The visitor's last message another member has read (it shows "Seen"). */
  readonly seenId: string | null;
  /** A group message's sender (null in a DM, and for the visitor's own messages). */
  senderOf(m: ChatMessage): Sender | null;
  /** The conversation shown (set while `peerState` is `ready`). */
  readonly feed: ConversationFeed | null;
  /** This browser's XMTP inbox. */
  readonly me: string | undefined;
  readonly requests: readonly ConversationInfo[];
  /** The visitor's inbox, when the chat is one (no peer, or the account itself as peer). */
  readonly inbox: { render(): TemplateResult } | null;
  readonly installations: readonly InstallationInfo[] | null;
  /** The settings' backup section. */
  readonly backup: { render(): TemplateResult | typeof nothing };
  /** The settings' notifications section (only when the host set `notifications`). */
  readonly notify: { render(): TemplateResult | typeof nothing };
  /** The group views (the "New group" form, a group's details), when `view` is `group-new` or `group`. */
  readonly groups: { render(): TemplateResult };
  /** The lines a group change shows ("alice.eth added bob.eth"). */
  updateLines(m: ChatMessage): string[];
  /** Opens the details of the group shown. */
  openGroupDetails(): void;
  readonly installationsError: string;
  readonly busy: boolean;
  readonly copied: boolean;
  readonly draft: string;
  readonly replyTo: ChatMessage | null;
  readonly announcement: string;
  readonly invitation: string;
  /** The slice of `items` to render (the virtual window). */
  range(items: readonly ChatMessage[]): WindowRange;
  /** Characters of a message's text shown so far ("Show more" adds to it). */
  shownChars(id: string): number;
  /** What the chain says of a receipt; the first call starts the check. */
  receipt(m: ChatMessage, mine: boolean): ReceiptState;
  /** The kit's chain with this id (or its default chain: compare the id). */
  chain(id: number): { readonly id: number; readonly name: string; readonly blockExplorer?: string } | undefined;
  /** A message's attachment (its lazy chunk renders it), and the composer's attach button and preview (`chat-attachments.ts`). */
  attachment(m: ChatMessage): TemplateResult;
  attachComposer(disabled: boolean): TemplateResult;
  readonly onPaste: (event: ClipboardEvent) => void;
  readonly onDrop: (event: DragEvent) => void;
  readonly onDragOver: (event: DragEvent) => void;

  connect(): void;
  register(): void;
  retry(): void;
  recheck(): void;
  copyInvite(): void;
  toggleSettings(): void;
  requestTip(): void;
  openRequest(request: ConversationInfo): void;
  /** From a conversation opened in the inbox, back to the list. */
  back(): void;
  consent(allow: boolean): void;
  send(): void;
  cancelReply(): void;
  reply(m: ChatMessage): void;
  react(m: ChatMessage, emoji: string): void;
  resend(m: ChatMessage): void;
  showMore(id: string): void;
  recheckReceipt(id: string): void;
  revokeOthers(): void;
  readonly onInput: (event: Event) => void;
  readonly onKeydown: (event: KeyboardEvent) => void;
  readonly onScroll: (event: Event) => void;
}

const GROUP_GAP_NS = 5n * 60n * 1_000_000_000n;
/** Distinct reactions shown on one message; the rest are counted (`+12`). */
const MAX_REACTIONS_SHOWN = 12;

/** Milliseconds of a nanosecond timestamp, kept inside what a Date can hold (±8.64e15 ms). */
const msOf = (ns: string): number => Math.min(Number(BigInt(ns) / 1_000_000n), 8.64e15);

/** The panel's header actions (next to the title). */
export function renderHeader(v: ChatView): TemplateResult | typeof nothing {
  const m = v.messaging;
  if (!m || m.phase !== 'ready') return nothing;
  const t = v.t;
  const state = m.connection;
  return html`<span part="status" class="status ${state}" role="status">${t(`chat.state.${state}`)}</span>
      ${v.peerAddress && (v.peerState === 'ready' || (v.inbox && v.feed))
        ? html`<button part="tip-button" class="icon" type="button" @click=${() => v.requestTip()}>${t('chat.tip')}</button>`
        : nothing}
      <button part="settings-button" class="icon" type="button" aria-pressed=${v.view === 'settings' ? 'true' : 'false'} @click=${() => v.toggleSettings()}>${t('chat.settings')}</button>`;
}

/** Where history may be partial (a new installation; device sync brings the rest when another one is online). */
function renderHistoryNote(v: ChatView): TemplateResult | typeof nothing {
  return v.historyNote ? html`<p part="history-note" class="note banner" .textContent=${v.t('chat.historyNote')}></p>` : nothing;
}

/** The inbox while its chunk loads. */
export function renderInboxLoading(t: ChatT): TemplateResult {
  return html`<p part="inbox-state" class="note center" role="status">${t('chat.inbox.loading')}</p>`;
}

/** The panel's body. */
export function renderBody(v: ChatView): TemplateResult {
  const t = v.t;
  const m = v.messaging;
  if (!v.account) {
    return html`<div class="center">
        <p>${t('chat.connectFirst')}</p>
        <button class="primary" part="connect-button" type="button" @click=${() => v.connect()}>${t('wallet.connect')}</button>
      </div>`;
  }
  if (m?.phase === 'ready' && (v.view === 'group' || v.view === 'group-new')) return v.groups.render();
  if (m?.phase === 'ready' && v.view === 'chat') {
    const inbox = v.inbox;
    if (!inbox) return renderConversation(v);
    if (!v.feed) return html`${renderHistoryNote(v)}${inbox.render()}`;
    return html`<button part="back-button" class="link back" type="button" @click=${() => v.back()}>${t('chat.inbox.back')}</button>${renderMessages(v, v.feed)}`;
  }
  return html`<p part="account" class="note">${t('wallet.connectedAs', { account: shortAddress(v.account) })}</p>${renderSetup(v)}`;
}

function renderSetup(v: ChatView): TemplateResult {
  const t = v.t;
  const m = v.messaging;
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
          : html`<button class="primary" part="sign-button" type="button" @click=${() => v.register()}>${t('chat.sign.button')}</button>`}
        ${renderErrorActions(v)}
      </div>`;
  }
  if (m.phase === 'error') {
    return html`<div class="center">${renderErrorActions(v)}${m.error?.code === 'installation-limit' ? renderInstallations(v, true) : nothing}</div>`;
  }
  return renderSettings(v);
}

function renderErrorActions(v: ChatView): TemplateResult | typeof nothing {
  const m = v.messaging;
  const t = v.t;
  if (!m?.error) return nothing;
  if (m.error.code === 'engine-load-failed') {
    return html`<p class="note">${t('chat.error.engineHelp')}</p><button class="secondary" type="button" @click=${() => v.retry()}>${t('wallet.retry')}</button>`;
  }
  if (m.error.code === 'installation-limit') return nothing;
  if (m.phase === 'error') return html`<button class="secondary" type="button" @click=${() => v.retry()}>${t('wallet.retry')}</button>`;
  return nothing;
}

function renderInstallations(v: ChatView, limit: boolean): TemplateResult {
  const t = v.t;
  const list = v.installations;
  const fmt = new Intl.DateTimeFormat(v.lang, { dateStyle: 'medium', timeStyle: 'short' });
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
        : html`<p class="note">${v.installationsError || t('chat.installations.loading')}</p>`}
      <p class="note">${t('chat.installations.explain')}</p>
      ${(list && list.some((i) => !i.current)) || limit
        ? html`<p class="note">${t('chat.installations.consequence')}</p>
            <button class="secondary" part="revoke-button" type="button" ?disabled=${v.busy || !list} @click=${() => v.revokeOthers()}>${t('chat.installations.revoke')}</button>`
        : nothing}
    </section>`;
}

function renderSettings(v: ChatView): TemplateResult {
  const t = v.t;
  return html`<div class="settings" part="settings">
      ${renderInstallations(v, false)} ${v.notify.render()} ${v.backup.render()}
      <button class="secondary" type="button" @click=${() => v.toggleSettings()}>${t('chat.back')}</button>
    </div>`;
}

function renderConversation(v: ChatView): TemplateResult {
  const t = v.t;
  const state = v.peerState === 'ready' && !v.feed ? 'resolving' : v.peerState;
  switch (state) {
    case 'idle':
    case 'resolving':
      return html`<div class="center"><p role="status">${t('chat.resolving', { name: v.peerInput || '…' })}</p></div>`;
    case 'self':
      return html`<div class="center"><p>${t('chat.self')}</p></div>`;
    case 'unreachable':
      return html`<div class="explain" part="unreachable">
          <label for="invite">${t('chat.inviteLabel')}</label>
          <textarea id="invite" part="invitation" readonly rows="3" .value=${v.invitation}></textarea>
          <button class="primary" part="copy-button" type="button" @click=${() => v.copyInvite()}>${v.copied ? t('chat.copied') : t('chat.copyInvite')}</button>
          <button class="secondary" type="button" @click=${() => v.recheck()}>${t('chat.checkAgain')}</button>
        </div>`;
    case 'failed':
      return html`<div class="center"><button class="secondary" type="button" @click=${() => v.retry()}>${t('wallet.retry')}</button></div>`;
    default:
      return renderMessages(v, v.feed!);
  }
}

function renderMessages(v: ChatView, feed: ConversationFeed): TemplateResult {
  const t = v.t;
  const me = v.me;
  const items = feed.list.items;
  const range = v.range(items);
  // Spacer heights are set as `.style` (the CSSOM): a style attribute, lit's styleMap included (its first
  // render writes the attribute), is blocked by a CSP without 'unsafe-inline' and the window collapses.
  const visible = items.slice(range.start, range.end);
  const dayFmt = new Intl.DateTimeFormat(v.lang, { dateStyle: 'medium' });
  const timeFmt = new Intl.DateTimeFormat(v.lang, { timeStyle: 'short' });
  const dayOf = (m: ChatMessage) => dayFmt.format(new Date(msOf(m.sentAtNs)));
  const request = feed.info.consent === 'unknown' && items.some((m) => m.senderInboxId !== me) && !items.some((m) => m.senderInboxId === me);
  // A group paused for this kit's XMTP version: readable, the composer off with the reason beside it.
  const paused = !!feed.info.pausedForVersion;
  const off = feed.info.consent === 'denied' || paused;
  return html`${renderPeerBar(v.peer, { label: t('chat.group.details'), open: () => v.openGroupDetails() })}${renderHistoryNote(v)}
      ${v.requests.length
        ? html`<button part="requests-button" class="banner" type="button" @click=${() => v.openRequest(v.requests[0])}>
            ${t('chat.requests.count', { count: v.requests.length })}
          </button>`
        : nothing}
      ${request
        ? html`<div part="consent" class="banner" role="region" aria-label=${t('chat.requests.title')}>
            <p>${t('chat.requests.explain', { name: v.peerLabel })}</p>
            <button class="primary" part="allow-button" type="button" @click=${() => v.consent(true)}>${t('chat.requests.allow')}</button>
            <button class="secondary" part="block-button" type="button" @click=${() => v.consent(false)}>${t('chat.requests.block')}</button>
          </div>`
        : nothing}
      ${feed.info.consent === 'denied' ? html`<p class="note banner">${t('chat.requests.blocked')}</p>` : nothing}
      <div part="messages" class="messages" role="log" aria-live="polite" aria-busy=${feed.loadingOlder ? 'true' : 'false'} aria-label=${t('chat.log', { name: v.peerLabel })} tabindex="0" @scroll=${v.onScroll}>
        <div class="spacer" .style=${`height:${range.before}px`}></div>
        ${range.start === 0 && feed.complete && items.length ? html`<p class="note start">${t('chat.start')}</p>` : nothing}
        ${feed.loadingOlder ? html`<p class="note start">${t('chat.loadingOlder')}</p>` : nothing}
        ${!items.some((m) => m.kind !== 'update') && !feed.loadingOlder ? html`<p part="greeting" class="greeting">${t('chat.greeting', { name: v.peerLabel })}</p>` : nothing}
        ${repeat(
          visible,
          (m) => m.id,
          (m, i) => {
            const index = range.start + i;
            const prev = items[index - 1];
            const newDay = !prev || dayOf(prev) !== dayOf(m);
            const grouped = !newDay && prev && prev.kind !== 'update' && prev.senderInboxId === m.senderInboxId && BigInt(m.sentAtNs) - BigInt(prev.sentAtNs) < GROUP_GAP_NS;
            const mine = m.senderInboxId === me;
            if (m.kind === 'update') {
              return html`<div class="row" data-index=${index} data-id=${m.id}>${newDay ? html`<p part="day" class="day">${dayOf(m)}</p>` : nothing}${v.updateLines(m).map((line) => html`<p part="group-update" class="update" dir="auto" .textContent=${line}></p>`)}</div>`;
            }
            // Rows are the DOM budget (10,000 messages): no whitespace between tags, few bindings.
            return html`<div class="row" data-index=${index} data-id=${m.id}>${newDay ? html`<p part="day" class="day">${dayOf(m)}</p>` : nothing}${safeBubble(v, feed, m, mine, !!grouped, timeFmt)}</div>`;
          },
        )}
        <div class="spacer" .style=${`height:${range.after}px`}></div>
      </div>
      <p class="visually-hidden" aria-live="polite">${v.announcement}</p>
      ${v.replyTo
        ? html`<div part="replying" class="replying">
            ${t('chat.replyingTo', { text: ellipsize(stripBidiControls(v.replyTo.text), 80) })}
            <button class="icon" type="button" aria-label=${t('chat.cancelReply')} @click=${() => v.cancelReply()}>×</button>
          </div>`
        : nothing}
      ${paused ? html`<p id="composer-off" part="composer-off" class="note">${t('chat.paused.composer')}</p>` : nothing}
      <form part="composer" class="composer" @submit=${(e: Event) => (e.preventDefault(), v.send())} @paste=${v.onPaste} @drop=${v.onDrop} @dragover=${v.onDragOver}>
        ${v.attachComposer(off)}
        <label class="visually-hidden" for="draft">${t('chat.composer', { name: v.peerLabel })}</label>
        <textarea id="draft" part="input" rows="1" placeholder=${t('chat.placeholder')} .value=${live(v.draft)} @input=${v.onInput} @keydown=${v.onKeydown} ?disabled=${off} aria-describedby=${paused ? 'composer-off' : nothing}></textarea>
        <button class="primary" part="send-button" type="submit" ?disabled=${off} aria-describedby=${paused ? 'composer-off' : nothing}>${t('chat.send')}</button>
      </form>
    `;
}

/** One message; a message that fails to render shows a short fallback and leaves the others alone. */
function safeBubble(v: ChatView, feed: ConversationFeed, m: ChatMessage, mine: boolean, grouped: boolean, timeFmt: Intl.DateTimeFormat): TemplateResult {
  try {
    return renderBubble(v, feed, m, mine, grouped, timeFmt);
  } catch {
    return html`<article part="bubble ${mine ? 'bubble-mine' : 'bubble-theirs'}" class="bubble ${mine ? 'mine' : 'theirs'}"><p part="text" class="text fallback" .textContent=${v.t('chat.unsupported')}></p></article>`;
  }
}

/** A message's text, capped for layout, with "Show more" while some of it is not shown. */
function renderText(v: ChatView, m: ChatMessage): TemplateResult {
  const t = v.t;
  if (m.kind === 'unknown' && !m.text) return html`<p part="text" class="text fallback" .textContent=${t('chat.unsupported')}></p>`;
  const { content, rest } = messageText(m.text, v.shownChars(m.id));
  const cls = `text ${m.kind === 'unknown' ? 'fallback' : ''}`;
  const text = typeof content === 'string' ? html`<p part="text" class=${cls} dir="auto" .textContent=${content}></p>` : html`<p part="text" class=${cls} dir="auto">${content}</p>`;
  return rest > 0 ? html`${text}<button part="more-button" class="link" type="button" @click=${() => v.showMore(m.id)}>${t('chat.showMore', { count: rest })}</button>` : text;
}

/**
 * One message. Written without whitespace between tags, and with leaf text
 * set as `.textContent` where it is plain (a child binding costs a comment
 * marker): every node here is paid once per rendered row.
 */
function renderBubble(v: ChatView, feed: ConversationFeed, m: ChatMessage, mine: boolean, grouped: boolean, timeFmt: Intl.DateTimeFormat): TemplateResult {
  const t = v.t;
  const time = timeFmt.format(new Date(msOf(m.sentAtNs)));
  const reactions = new Map<string, number>();
  for (const r of m.reactions) reactions.set(r.emoji, (reactions.get(r.emoji) ?? 0) + 1);
  const body = m.kind === 'attachment' && m.attachment ? v.attachment(m) : m.kind === 'transaction' && m.transaction ? renderReceipt(v, m, mine) : renderText(v, m);
  const sender = v.senderOf(m);
  return html`<article part="bubble ${mine ? 'bubble-mine' : 'bubble-theirs'}" class="bubble ${mine ? 'mine' : 'theirs'} ${grouped ? 'grouped' : ''}" aria-label=${t(mine ? 'chat.fromMe' : 'chat.fromThem', { name: sender?.label ?? v.peerLabel, time })}>${sender && !grouped ? renderSender(sender) : nothing}${m.replyTo ? html`<blockquote part="quote" .textContent=${quote(v, feed, m.replyTo)}></blockquote>` : nothing}${body}<footer class="meta"><time datetime=${new Date(msOf(m.sentAtNs)).toISOString()} .textContent=${time}></time>${renderMeta(v, m, mine)}</footer>${reactions.size
    ? html`<ul part="reactions" class="reactions" aria-label=${t('chat.reactions')}>${[...reactions].slice(0, MAX_REACTIONS_SHOWN).map(([emoji, count]) => html`<li .textContent=${count > 1 ? `${emoji} ${count}` : emoji}></li>`)}${reactions.size > MAX_REACTIONS_SHOWN ? html`<li .textContent=${`+${reactions.size - MAX_REACTIONS_SHOWN}`}></li>` : nothing}</ul>`
    : nothing}</article>`;
}

/** A message's delivery state and actions: one template per case (one binding in the row). */
function renderMeta(v: ChatView, m: ChatMessage, mine: boolean): TemplateResult | typeof nothing {
  const t = v.t;
  const delivery = m.id === v.seenId ? t('chat.seen') : t(`chat.delivery.${m.delivery}`);
  if (m.delivery === 'failed') {
    return html`<span part="delivery" class="delivery failed" .textContent=${delivery}></span><button part="retry-button" class="link" type="button" @click=${() => v.resend(m)}>${t('chat.resend')}</button>`;
  }
  if (m.delivery !== 'sent') return mine ? html`<span part="delivery" class="delivery ${m.delivery}" .textContent=${delivery}></span>` : nothing;
  const react = (emoji: string) => () => v.react(m, emoji);
  const reply = () => v.reply(m);
  const actions = html`<button class="link" part="reply-button" type="button" aria-label=${t('chat.reply')} @click=${reply}>↩</button><button class="link" part="react-button" type="button" aria-label=${t('chat.react', { emoji: '👍' })} @click=${react('👍')}>👍</button><button class="link" part="react-button" type="button" aria-label=${t('chat.react', { emoji: '❤️' })} @click=${react('❤️')}>❤️</button>`;
  return mine ? html`<span part="delivery" class="delivery sent" .textContent=${delivery}></span>${actions}` : actions;
}

/** What a reply quotes: the message when it is shown (a tip's note quotes the tip), else the SDK's copy. */
function quote(v: ChatView, feed: ConversationFeed, replyTo: NonNullable<ChatMessage['replyTo']>): string {
  const target = feed.list.get(replyTo.id);
  if (target?.kind === 'transaction') return v.t('chat.tx.title');
  const text = target?.text || replyTo.text;
  return text ? ellipsize(stripBidiControls(text), 280) : v.t('chat.quoteUnknown');
}

/** The sentence under a receipt: what the chain says of the claim. */
export function receiptStatus(t: ChatT, check: ReceiptState, tx: NonNullable<ChatMessage['transaction']>, chainName: string): string {
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

/** A tip receipt: what the chain moved once it is confirmed, else what the message claims, marked as a claim by the status line. */
function renderReceipt(v: ChatView, m: ChatMessage, mine: boolean): TemplateResult {
  const t = v.t;
  const tx = m.transaction!;
  const lang = v.lang;
  const check = v.receipt(m, mine);
  const confirmed = check !== 'checking' && check !== 'unknown-network' && check.status === 'confirmed' ? check : null;
  const chainId = Number.parseInt(tx.networkId.replace(/^eip155:/, ''), tx.networkId.startsWith('0x') ? 16 : 10);
  const chain = Number.isFinite(chainId) ? v.chain(chainId) : undefined;
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
      <span part="receipt-status" class="check" .textContent=${receiptStatus(t, check, tx, chainName)}></span>
      ${check !== 'checking' && check !== 'unknown-network' && check.status === 'unavailable'
        ? html`<button part="receipt-retry" class="link" type="button" @click=${() => v.recheckReceipt(m.id)}>${t('chat.tx.checkAgain')}</button>`
        : nothing}
      ${explorer
        ? html`<a part="link receipt-link" href=${explorer} target="_blank" rel="noopener noreferrer">${t('chat.tx.explorer')}</a>`
        : html`<code class="hash" title=${tx.hash}>${tx.hash.slice(0, 10)}…${tx.hash.slice(-6)}</code>`}
    </div>`;
}
