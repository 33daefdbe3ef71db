/**
 * The inbox's templates (`chat-inbox.ts` holds the state): tabs, filter, "New
 * conversation", and the list, a listbox for chats (arrow keys, Home/End,
 * Page Up/Down, Enter opens; the focused row is `aria-activedescendant`) and
 * a list of rows with Allow / Block for requests. Only the rows near the
 * visible ones are in the DOM, between two spacers. Every name and preview is
 * remote text, set as text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { identicon } from '../../internal/identicon.js';
import type { Address } from '../../internal/address.js';
import type { ConversationSummary } from '../../messaging/types.js';
import type { ChatT } from './chat.messages.js';

export type InboxTab = 'chats' | 'requests';
export type InboxStatus = 'loading' | 'ready' | 'error';

/** What the templates read from the inbox (`chat-inbox.ts`), and what they may ask of it. */
export interface InboxView {
  readonly status: InboxStatus;
  readonly error: string;
  readonly tab: InboxTab;
  readonly filter: string;
  readonly active: number;
  readonly composing: boolean;
  readonly composeValue: string;
  readonly composeBusy: boolean;
  readonly composeError: string;
  readonly announcement: string;
  /** The rows of the current tab that match the filter. */
  readonly visible: readonly ConversationSummary[];
  requestCount(): number;
  label(row: ConversationSummary): string;
  address(row: ConversationSummary): Address | null;
  picture(row: ConversationSummary): string | null;
  preview(row: ConversationSummary): string;
  /** Whether the credential source flags a request's sender. */
  flag(row: ConversationSummary): 'risky' | 'spam' | null;
  flagSource(row: ConversationSummary): string;
  /** Looks up the identities of the rows in the DOM. */
  lookUp(rows: readonly ConversationSummary[]): void;
  range(): { start: number; end: number; before: number; after: number };
  load(again?: boolean): Promise<void>;
  setTab(tab: InboxTab): void;
  open(row: ConversationSummary): void;
  answer(row: ConversationSummary, allow: boolean): Promise<void>;
  toggleCompose(): void;
  startNew(): Promise<void>;
  /** "New group": the group form (`chat-groups.ts`). */
  newGroup(): void;
  readonly onScroll: (event: Event) => void;
  readonly onListKeydown: (event: KeyboardEvent) => void;
  readonly onFilter: (event: Event) => void;
  readonly onComposeInput: (event: Event) => void;
}

/** Milliseconds of a nanosecond timestamp, kept inside what a Date can hold. */
const msOf = (ns: string): number => Math.min(Number(BigInt(ns) / 1_000_000n), 8.64e15);

function when(ns: string, lang: string): string {
  const ms = msOf(ns);
  if (!ms) return '';
  const date = new Date(ms);
  const today = new Date().toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(lang, today ? { timeStyle: 'short' } : { dateStyle: 'short' }).format(date);
}

function avatar(inbox: InboxView, row: ConversationSummary): TemplateResult {
  const picture = inbox.picture(row);
  const address = inbox.address(row);
  return html`<span part="inbox-avatar" class="avatar" aria-hidden="true">${picture
    ? html`<img src=${picture} alt="" loading="lazy" referrerpolicy="no-referrer" />`
    : address
      ? identicon(address)
      : html`<span class="group-mark">#</span>`}</span>`;
}

/** The mark of a request from a flagged sender (a warning in words, before the preview; nothing is hidden). */
function flagText(inbox: InboxView, row: ConversationSummary, t: ChatT): TemplateResult | typeof nothing {
  const flag = inbox.flag(row);
  if (!flag) return nothing;
  return html`<span part="inbox-flag" class="flag">${t(flag === 'risky' ? 'chat.inbox.flaggedRisky' : 'chat.inbox.flaggedSpam', { source: inbox.flagSource(row) })}</span> `;
}

/** The row's text: name, time, preview and unread count (as text; the count is also in the row's name). */
function rowText(inbox: InboxView, row: ConversationSummary, t: ChatT, lang: string): TemplateResult {
  return html`${avatar(inbox, row)}<span class="who"><span part="inbox-name" class="name" .textContent=${inbox.label(row)}></span><span part="inbox-time" class="time" .textContent=${when(row.lastActivityNs, lang)}></span><span part="inbox-preview" class="preview">${flagText(inbox, row, t)}${inbox.preview(row)}</span></span>${row.unread
    ? html`<span part="inbox-unread" class="count" aria-hidden="true" .textContent=${row.unread >= 99 ? '99+' : String(row.unread)}></span>`
    : nothing}<span class="visually-hidden" .textContent=${row.unread ? t('chat.inbox.unread', { count: row.unread }) : ''}></span>`;
}

export function renderInbox(inbox: InboxView, t: ChatT, lang: string): TemplateResult {
  const requests = inbox.requestCount();
  return html`<div part="inbox" class="inbox">
    <div class="inbox-bar">
      <div role="tablist" aria-label=${t('chat.inbox.title')} class="tabs">
        <button role="tab" part="inbox-tab" id="tab-chats" aria-controls="inbox-panel" aria-selected=${inbox.tab === 'chats' ? 'true' : 'false'} tabindex=${inbox.tab === 'chats' ? '0' : '-1'} type="button" @click=${() => inbox.setTab('chats')} @keydown=${onTabKey(inbox)}>${t('chat.inbox.chats')}</button>
        <button role="tab" part="inbox-tab" id="tab-requests" aria-controls="inbox-panel" aria-selected=${inbox.tab === 'requests' ? 'true' : 'false'} tabindex=${inbox.tab === 'requests' ? '0' : '-1'} type="button" @click=${() => inbox.setTab('requests')} @keydown=${onTabKey(inbox)}>${requests ? t('chat.inbox.requestsCount', { count: requests }) : t('chat.inbox.requests')}</button>
      </div>
      <button part="new-button" class="secondary" type="button" aria-expanded=${inbox.composing ? 'true' : 'false'} @click=${() => inbox.toggleCompose()}>${t('chat.inbox.new')}</button>
      <button part="new-group-button" class="secondary" type="button" @click=${() => inbox.newGroup()}>${t('chat.inbox.newGroup')}</button>
    </div>
    ${inbox.composing ? renderCompose(inbox, t) : nothing}
    <input part="inbox-filter" class="filter" type="search" aria-label=${t('chat.inbox.filter')} placeholder=${t('chat.inbox.filter')} .value=${inbox.filter} @input=${inbox.onFilter} />
    <div id="inbox-panel" role="tabpanel" aria-labelledby=${inbox.tab === 'chats' ? 'tab-chats' : 'tab-requests'}>${renderList(inbox, t, lang)}</div>
    <p class="visually-hidden" aria-live="polite">${inbox.announcement}</p>
  </div>`;
}

const onTabKey = (inbox: InboxView) => (event: KeyboardEvent) => {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  event.preventDefault();
  const next = inbox.tab === 'chats' ? 'requests' : 'chats';
  inbox.setTab(next);
  const root = (event.target as HTMLElement).getRootNode() as ShadowRoot;
  void Promise.resolve().then(() => (root.querySelector(`#tab-${next}`) as HTMLElement | null)?.focus());
};

function renderCompose(inbox: InboxView, t: ChatT): TemplateResult {
  return html`<form part="new-form" class="new" @submit=${(e: Event) => (e.preventDefault(), void inbox.startNew())}>
    <label for="inbox-new">${t('chat.inbox.newLabel')}</label>
    <div class="new-row">
      <input id="inbox-new" part="new-input" autocomplete="off" spellcheck="false" .value=${inbox.composeValue} @input=${inbox.onComposeInput} aria-invalid=${inbox.composeError ? 'true' : 'false'} aria-describedby="inbox-new-error" ?disabled=${inbox.composeBusy} />
      <button class="primary" part="new-start" type="submit" ?disabled=${inbox.composeBusy}>${inbox.composeBusy ? t('chat.inbox.checking') : t('chat.inbox.start')}</button>
    </div>
    <p id="inbox-new-error" part="new-error" class="note" role="status">${inbox.composeError}</p>
  </form>`;
}

function renderList(inbox: InboxView, t: ChatT, lang: string): TemplateResult {
  if (inbox.status === 'loading') return html`<p part="inbox-state" class="note center" role="status">${t('chat.inbox.loading')}</p>`;
  if (inbox.status === 'error')
    return html`<div class="center" part="inbox-state"><p>${inbox.error}</p><button class="secondary" type="button" @click=${() => void inbox.load(true)}>${t('chat.inbox.retry')}</button></div>`;
  const rows = inbox.visible;
  if (!rows.length) {
    const empty = inbox.filter.trim() ? t('chat.inbox.noMatch', { filter: inbox.filter.trim().slice(0, 60) }) : inbox.tab === 'requests' ? t('chat.inbox.noRequests') : t('chat.inbox.empty');
    return html`<p part="inbox-state" class="note center" role="status" .textContent=${empty}></p>`;
  }
  const range = inbox.range();
  const shown = rows.slice(range.start, range.end);
  inbox.lookUp(shown);
  const requests = inbox.tab === 'requests';
  const active = rows[inbox.active];
  const items = repeat(
    shown,
    (r) => r.id,
    (row, i) => {
      const index = range.start + i;
      if (requests) {
        return html`<li class="inbox-row request" part=${inbox.flag(row) ? 'inbox-row flagged' : 'inbox-row'} data-id=${row.id}><button class="open" type="button" @click=${() => inbox.open(row)}>${rowText(inbox, row, t, lang)}</button><span class="actions"><button class="primary" part="allow-button" type="button" aria-label=${t('chat.inbox.allowName', { name: inbox.label(row) })} @click=${() => void inbox.answer(row, true)}>${t('chat.requests.allow')}</button><button class="secondary" part="block-button" type="button" aria-label=${t('chat.inbox.blockName', { name: inbox.label(row) })} @click=${() => void inbox.answer(row, false)}>${t('chat.requests.block')}</button></span></li>`;
      }
      // eslint-disable-next-line lit-a11y/click-events-have-key-events -- the listbox takes the keys (aria-activedescendant)
      return html`<div class="inbox-row" part="inbox-row" role="option" id=${`inbox-row-${index}`} data-id=${row.id} aria-selected=${row === active ? 'true' : 'false'} aria-posinset=${index + 1} aria-setsize=${rows.length} @click=${() => inbox.open(row)}>${rowText(inbox, row, t, lang)}</div>`;
    },
  );
  const spacerBefore = html`<div class="spacer" aria-hidden="true" .style=${`height:${range.before}px`}></div>`;
  const spacerAfter = html`<div class="spacer" aria-hidden="true" .style=${`height:${range.after}px`}></div>`;
  if (requests) {
    return html`<div part="inbox-list" class="inbox-list" @scroll=${inbox.onScroll}>${spacerBefore}<ul class="plain" aria-label=${t('chat.inbox.requests')}>${items}</ul>${spacerAfter}</div>`;
  }
  return html`<div part="inbox-list" class="inbox-list" role="listbox" tabindex="0" aria-label=${t('chat.inbox.chats')} aria-activedescendant=${active ? `inbox-row-${inbox.active}` : nothing} @keydown=${inbox.onListKeydown} @scroll=${inbox.onScroll}>${spacerBefore}${items}${spacerAfter}</div>`;
}
