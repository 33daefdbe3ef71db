/**
 * The visitor's inbox in `<mask-chat>` (no `peer` and no `conversation-id`,
 * or the connected account as `peer`): every DM and group by last activity,
 * two tabs (chats, and requests from people the visitor has not answered),
 * a filter, and "New conversation". Part of the chat's lazy chunk; the
 * controller (`chat-ui.ts`) owns it and shows a row's conversation when one
 * is opened.
 *
 * Rows come from the engine in two steps: the list (`conversationList()`, two
 * SDK calls however many conversations there are) paints at once, with a
 * quiet placeholder where a row's peer, preview, time and count are not
 * known yet; then `summaries()` fills them in, in small batches, the rows in
 * view (and a margin) first, then the first screens of the tab, then every
 * other chat in the background (the unread total needs every allowed row's
 * count: it is reported once they are all known); requests as they are shown. Then rows follow the live stream:
 * a message moves its conversation to the top, updates the preview and, from
 * someone else in a conversation not on screen, its unread count. Unread
 * counts are against a per-inbox "last read" mark in localStorage
 * (`messaging/last-read.ts`), moved when the conversation is shown.
 * Identities (avatar and verified name) come from the kit's identity service
 * for the rows in the DOM only; the service batches and caches them.
 * Requests are also checked against the credential source (web3.bio, unless
 * turned off): a request from a sender flagged as risky or spam is marked and
 * sorted after the others, never hidden.
 *
 * Its own lazy chunk (with its templates and strings), loaded by the chat's
 * controller when the chat is an inbox.
 *
 * The list keeps about three screens of rows in the DOM (fixed-height rows,
 * two spacers), so 1,000 conversations cost the DOM of a few dozen.
 */
import type { Kit } from '../../context/kit.js';
import type { MaskErrorCode } from '../../events/error-codes.js';
import type { Identity, Trust } from '../../identity/types.js';
import { shortAddress, toChecksumAddress, type Address } from '../../internal/address.js';
import { KitError, sentence } from '../../internal/errors.js';
import { ellipsize, stripBidiControls } from '../../internal/text.js';
import { LastReadStore } from '../../messaging/last-read.js';
import type { Messaging } from '../../messaging/messaging.js';
import { isEngineError, type ChatMessage, type ConversationSummary, type Engine, type EngineItem } from '../../messaging/types.js';
import { addMessages } from '../../internal/i18n.js';
import type { TemplateResult } from 'lit';
import { inboxMessages } from './chat-inbox.messages.js';
import { renderInbox, type InboxStatus, type InboxTab, type InboxView } from './chat-inbox.render.js';
import type { ChatT } from './chat.messages.js';

addMessages('en', inboxMessages as unknown as Parameters<typeof addMessages>[1]);

/** Height of one inbox row in px (the styles set the same). */
export const INBOX_ROW = 60;
/** Rows kept in the DOM above and below the visible ones. */
const OVERSCAN = 8;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const UNREAD_CAP = 99;
/** Rows of a tab whose identities are looked up together, once all of them are filled in (one batch of lookups). */
const PREFETCH = 100;
/** Conversations filled in per `summaries()` call (a call costs a few worker calls per conversation). */
const BATCH = 24;
/** Rows beyond the ones in the DOM filled in with them. */
const MARGIN = 8;
/**
 * How many conversations of each consent state the list asks for first: a screen to paint at once, then
 * the rows whose identities are looked up together, then all of them (`undefined`). The SDK's list costs
 * a few tens of ms per conversation in its worker: 1,000 take tens of seconds.
 */
const LIST_STEPS = [24, PREFETCH];


/** What the inbox needs from the chat's controller. */
export interface InboxHost {
  readonly kit: Kit;
  readonly t: ChatT;
  readonly lang: string;
  messaging(): Messaging | null;
  update(): void;
  /** The panel is shown (inline, or the launcher open). */
  isOpen(): boolean;
  /** The conversation shown now (opened from the inbox), if any. */
  shownId(): string | null;
  /** Shows a row's conversation. */
  open(row: ConversationSummary, label: string, address: Address | null): void;
  fail(code: MaskErrorCode, message: string, cause?: unknown): void;
  clearError(): void;
  /** The total of unread messages changed. */
  setUnread(total: number): void;
  root(): ShadowRoot | null;
  /** Shows the "New group" form. */
  newGroup?(): void;
}

export class ChatInbox implements InboxView {
  status: InboxStatus = 'loading';
  error = '';
  tab: InboxTab = 'chats';
  filter = '';
  /** The keyboard's row, an index into `visible`. */
  active = 0;
  composing = false;
  composeValue = '';
  composeBusy = false;
  composeError = '';
  /** Said politely to screen readers (new conversations, counts). */
  announcement = '';
  readonly #host: InboxHost;
  readonly #rows = new Map<string, ConversationSummary>();
  /** Row ids by last activity (the engine's order, then the live stream's moves). */
  #order: string[] = [];
  #sorted: ConversationSummary[] | null = null;
  /** Partial rows whose summaries were asked for ('asked') or answered ('done'). */
  readonly #asked = new Map<string, 'asked' | 'done'>();
  #pumping = false;
  /** The summaries batch in flight (settles when answered, never rejects). */
  #batch: Promise<void> | null = null;
  #visible: { key: string; rows: ConversationSummary[] } | null = null;
  readonly #identities = new Map<string, Identity | null>();
  /** Trust signals of request senders by lower-case address (null: asked, or not known). */
  readonly #trust = new Map<string, Trust | null>();
  readonly #seen = new Set<string>();
  #store: LastReadStore | null = null;
  #inbox = '';
  #loading: Promise<void> | null = null;
  /** Every conversation listed (not only the first steps' newest ones). */
  #complete = false;
  /** Counts the list's loads (a later step of an earlier load adds nothing). */
  #generation = 0;
  #scrollTop = 0;
  #height = 480;
  #total = -1;

  constructor(host: InboxHost) {
    this.#host = host;
  }

  render(): TemplateResult {
    return renderInbox(this, this.#host.t, this.#host.lang);
  }

  // ------------------------------------------------------------------ loading

  /** Loads the list (once per XMTP inbox; `again` reloads, after an error or a resync). */
  load(again = false): Promise<void> {
    const messaging = this.#host.messaging();
    const engine = messaging?.engine;
    if (!messaging || !engine || messaging.phase !== 'ready') return Promise.resolve();
    if (engine.inboxId !== this.#inbox) {
      this.#inbox = engine.inboxId;
      this.#store = new LastReadStore(engine.inboxId);
      this.#rows.clear();
      this.#order = [];
      this.#asked.clear();
      this.#seen.clear();
      this.status = 'loading';
      // Another inbox: the previous one's total goes; the new one's is reported once its counts are known.
      if (this.#total > 0) this.#host.setUnread(0);
      this.#total = -1;
      this.#changed();
      again = true;
    }
    if (!again && this.status !== 'error') return this.#loading ?? Promise.resolve();
    this.#loading ??= (async () => {
      if (this.status === 'error') this.status = 'loading';
      this.#host.update();
      const failed = (error: unknown): void => {
        this.status = 'error';
        const detail = String((error as Error)?.message ?? error).slice(0, 200);
        this.error = this.#host.t('chat.inbox.error', { detail });
        this.#host.fail(isEngineError(error) && error.code !== 'unknown' ? error.code : 'unknown', this.error, error);
      };
      try {
        const rows = await engine.conversationList({ sync: true, limit: LIST_STEPS[0] });
        if (engine.inboxId !== this.#inbox) return;
        this.#rows.clear();
        this.#asked.clear();
        this.#order = [];
        this.#complete = false;
        this.#generation++;
        this.#add(rows, LIST_STEPS[0]);
        this.status = 'ready';
        this.error = '';
        this.#changed();
        this.#pump();
      } catch (error) {
        failed(error);
      } finally {
        this.#loading = null;
        this.#host.update();
      }
      if (this.status === 'ready') void this.#listRest(engine, failed);
    })();
    return this.#loading;
  }

  /** The rest of the list, in longer steps (each lists from the top again: the SDK has no cursor by activity). */
  async #listRest(engine: Engine, failed: (error: unknown) => void): Promise<void> {
    const generation = this.#generation;
    const inbox = this.#inbox;
    for (const limit of [...LIST_STEPS.slice(1), undefined]) {
      // The rows on screen are filled in first: the list and the fill share the SDK's one worker.
      await this.#batch;
      if (this.#complete || this.#generation !== generation) return;
      try {
        const rows = await engine.conversationList({ limit });
        if (this.#generation !== generation || this.status !== 'ready') return;
        this.#add(rows, limit);
        this.#changed();
        this.#pump();
      } catch (error) {
        if (this.#generation === generation && this.#inbox === inbox) failed(error);
        return;
      } finally {
        this.#host.update();
      }
    }
  }

  /**
   * Adds listed rows not known yet, after the known ones (a longer list starts with the shorter one's
   * rows, or the stream has moved them up meanwhile). Complete when a consent state listed fewer than `limit`.
   */
  #add(rows: readonly ConversationSummary[], limit: number | undefined): void {
    let allowed = 0;
    let unknown = 0;
    for (const row of rows) {
      if (row.consent === 'allowed') allowed++;
      else unknown++;
      if (this.#rows.has(row.id)) continue;
      this.#rows.set(row.id, row.partial ? row : this.#fix(row));
      this.#order.push(row.id);
    }
    this.#complete = limit === undefined || (allowed < limit && unknown < limit);
  }

  /** A row as the engine gave it, with the conversation shown now counted as read. */
  #fix(row: ConversationSummary): ConversationSummary {
    if (row.id === this.#host.shownId() && this.#host.isOpen()) {
      this.#store?.mark(row.id, row.lastActivityNs);
      return { ...row, unread: 0 };
    }
    return row;
  }

  #changed(): void {
    this.#sorted = null;
    this.#visible = null;
    // The total once every allowed row is listed and its count known (a partial total would be a wrong number).
    if (this.status === 'loading' || !this.#complete) return;
    let total = 0;
    for (const r of this.#rows.values()) {
      if (r.consent !== 'allowed') continue;
      if (r.partial && (this.#asked.get(r.id) !== 'done' || this.#fetching.has(r.id))) return;
      total += r.unread;
    }
    if (total !== this.#total) {
      this.#total = total;
      this.#host.setUnread(total);
    }
  }

  get total(): number {
    return Math.max(0, this.#total);
  }

  get rows(): readonly ConversationSummary[] {
    this.#sorted ??= this.#order.map((id) => this.#rows.get(id)).filter((r): r is ConversationSummary => !!r);
    return this.#sorted;
  }

  /** The rows of the current tab that match the filter. */
  get visible(): readonly ConversationSummary[] {
    const key = `${this.tab}\u0000${this.filter}`;
    if (this.#visible?.key === key) return this.#visible.rows;
    const needle = this.filter.trim().toLowerCase();
    let rows = this.rows.filter(
      (r) =>
        (this.tab === 'requests' ? r.consent === 'unknown' : r.consent === 'allowed') &&
        (!needle || (r.partial && r.kind === 'dm' ? '' : this.label(r)).toLowerCase().includes(needle) || r.peerAddresses.some((a) => a.includes(needle)) || (r.groupName ?? '').toLowerCase().includes(needle)),
    );
    // Requests from flagged senders last (the sort is stable: by last activity within each group).
    if (this.tab === 'requests') rows = rows.sort((a, b) => Number(!!this.flag(a)) - Number(!!this.flag(b)));
    this.#visible = { key, rows };
    if (this.active >= rows.length) this.active = Math.max(0, rows.length - 1);
    return rows;
  }

  /** Whether the credential source flags a request's sender (`risky` before `spam`); null when not (or not known). */
  flag(row: ConversationSummary): 'risky' | 'spam' | null {
    const address = this.address(row);
    const trust = address ? this.#trust.get(address.toLowerCase()) : null;
    return trust?.risky.length ? 'risky' : trust?.spam.length ? 'spam' : null;
  }

  /** Where the flag came from (`web3.bio`). */
  flagSource(row: ConversationSummary): string {
    const address = this.address(row);
    const source = (address && this.#trust.get(address.toLowerCase())?.source) || '';
    return source === 'web3bio' ? 'web3.bio' : source;
  }

  /** Asks the credential source about every request's sender once (a handful of requests; cached by the service). */
  #checkRequests(): void {
    const wanted = this.rows.filter((r) => r.consent === 'unknown').map((r) => this.address(r)).filter((a): a is Address => !!a && !this.#trust.has(a.toLowerCase()));
    if (!wanted.length) return;
    for (const a of wanted) this.#trust.set(a.toLowerCase(), null);
    void this.#host.kit.identity().then((service) =>
      Promise.all(
        wanted.map((a) =>
          (typeof service.trust === 'function' ? service.trust(a) : Promise.resolve(null)).then(
            (trust) => this.#trust.set(a.toLowerCase(), trust),
            () => {}, // not checked: no mark (the sender's badge card says the check failed)
          ),
        ),
      ).then(() => {
        this.#visible = null;
        this.#host.update();
      }),
    );
  }

  /** How many requests there are; 0 (no count shown) until the whole list is in. */
  requestCount(): number {
    return this.#complete ? this.rows.filter((r) => r.consent === 'unknown').length : 0;
  }

  /** Whether every conversation is listed (the first steps list only the newest ones). */
  get complete(): boolean {
    return this.#complete;
  }

  // ------------------------------------------------------------------ what a row shows

  address(row: ConversationSummary): Address | null {
    return row.kind === 'dm' ? toChecksumAddress(row.peerAddresses[0] ?? '') : null;
  }

  identity(row: ConversationSummary): Identity | null {
    const address = this.address(row);
    return address ? (this.#identities.get(address.toLowerCase()) ?? null) : null;
  }

  /** A group's name, a peer's verified name, or their short address (remote text, cleaned: render as text). */
  label(row: ConversationSummary): string {
    if (row.kind === 'group') return row.groupName ? ellipsize(stripBidiControls(row.groupName).replace(/\s+/g, ' '), 60) : this.#host.t('chat.inbox.group');
    if (row.partial) return this.#host.t('chat.inbox.dm');
    const identity = this.identity(row);
    if (identity?.name) return identity.name.replace(/^lens\//, '@');
    const address = this.address(row);
    return address ? shortAddress(address) : this.#host.t('chat.inbox.unknownPeer');
  }

  /** The picture to show: a verified avatar (the identity service checked it), or a group's https image; null for the identicon. */
  picture(row: ConversationSummary): string | null {
    if (row.kind === 'group') return httpsImage(row.groupImageUrl);
    return this.identity(row)?.avatar ?? null;
  }

  preview(row: ConversationSummary): string {
    if (row.partial) return this.#host.t('chat.inbox.pending');
    const last = row.last;
    if (!last) return this.#host.t('chat.inbox.noMessages');
    const text = last.kind === 'transaction' ? this.#host.t('chat.tx.title') : ellipsize(stripBidiControls(last.text).replace(/\s+/g, ' ').trim(), 90);
    return last.senderInboxId === this.#inbox ? this.#host.t('chat.inbox.fromMe', { text }) : text;
  }

  /**
   * The rows in the DOM: fills in the partial ones, and looks up the identities of DM rows (the
   * service batches and caches) beyond the tab's first rows, which `#prefetch` looks up together.
   */
  lookUp(rows: readonly ConversationSummary[]): void {
    this.#pump();
    this.#checkRequests();
    const first = new Set(this.visible.slice(0, PREFETCH).map((r) => r.id));
    this.#lookUp(rows.filter((r) => !first.has(r.id)));
  }

  #lookUp(rows: readonly ConversationSummary[]): void {
    const wanted = rows.map((r) => this.address(r)).filter((a): a is Address => !!a && !this.#identities.has(a.toLowerCase()));
    if (!wanted.length) return;
    for (const a of wanted) this.#identities.set(a.toLowerCase(), null);
    void this.#host.kit.identity().then((service) =>
      Promise.all(
        wanted.map((a) =>
          service.lookup(a).then(
            (identity) => {
              this.#identities.set(a.toLowerCase(), identity);
              if (identity.name) service.noteShown(identity.name, a);
            },
            () => {},
          ),
        ),
      ).then(() => {
        this.#visible = null;
        this.#host.update();
      }),
    );
  }

  /**
   * The identities of the current tab's first rows, asked at once when all of them are filled in:
   * one batch instead of one per scrolled window or per summaries batch.
   */
  #prefetch(): void {
    try {
      const first = this.visible.slice(0, PREFETCH);
      // All of them listed (the list's first step has only a screen of them) and filled in.
      if ((first.length < PREFETCH && !this.#complete) || first.some((r) => r.partial && this.#asked.get(r.id) !== 'done')) return;
      this.#lookUp(first);
    } catch {
      // Without the identity service the rows keep their short addresses.
    }
  }

  // ------------------------------------------------------------------ filling in

  /**
   * The next partial rows to fill in: those in view (and a margin), the tab's first screens, then
   * every other chat (the unread total needs their counts). Requests are filled in as they are shown.
   */
  #next(): string[] {
    const want = (r: ConversationSummary): boolean => !!r.partial && !this.#asked.has(r.id) && !this.#fetching.has(r.id);
    const visible = this.visible;
    const { start, end } = this.range();
    const ids = new Set<string>();
    const take = (rows: readonly ConversationSummary[]): void => {
      for (const r of rows) {
        if (ids.size >= BATCH) return;
        if (want(r)) ids.add(r.id);
      }
    };
    take(visible.slice(Math.max(0, start - MARGIN), end + MARGIN));
    take(visible.slice(0, PREFETCH));
    take(this.rows.filter((r) => r.consent === 'allowed'));
    return [...ids];
  }

  /** Fills in partial rows, one batch at a time (so the rows in view go first as the list scrolls). */
  #pump(): void {
    const engine = this.#host.messaging()?.engine;
    if (this.#pumping || !engine || !this.#store || this.status !== 'ready') return;
    const ids = this.#next();
    if (!ids.length) return;
    this.#pumping = true;
    const inbox = this.#inbox;
    for (const id of ids) this.#asked.set(id, 'asked');
    this.#batch = engine
      .summaries(ids, this.#store.all)
      .catch(() => [] as ConversationSummary[])
      .then((found) => {
        if (this.#inbox !== inbox) return;
        for (const id of ids) this.#asked.set(id, 'done');
        for (const row of found) {
          const current = this.#rows.get(row.id);
          // Rows the stream moved meanwhile are fetched again (`#fetchRow`); the others keep their place.
          if (!current?.partial || this.#fetching.has(row.id)) continue;
          this.#rows.set(row.id, this.#fix(row));
        }
        this.#sortFilled();
        this.#changed();
        this.#prefetch();
        try {
          this.#checkRequests();
        } catch {
          // Without the identity service requests are not checked.
        }
        this.#host.update();
      })
      .finally(() => {
        this.#pumping = false;
        if (this.#inbox === inbox) this.#pump();
      })
      .catch(() => {});
  }

  /**
   * The filled rows by their last shown message, in the places filled rows hold (rows not filled in keep
   * theirs). The SDK lists by its own last activity, which counts more than the rows show: a reaction to
   * an old message lists its conversation above newer ones (`test/e2e/chat-inbox.e2e.ts`) until its row
   * is filled in.
   */
  #sortFilled(): void {
    const slots: number[] = [];
    const filled: ConversationSummary[] = [];
    this.#order.forEach((id, i) => {
      const row = this.#rows.get(id);
      if (row && !row.partial) {
        slots.push(i);
        filled.push(row);
      }
    });
    filled.sort((a, b) => compareDesc(a.lastActivityNs, b.lastActivityNs));
    slots.forEach((slot, k) => (this.#order[slot] = filled[k].id));
  }

  /** Moves a row to the top of the list (newest activity). */
  #front(id: string): void {
    const at = this.#order.indexOf(id);
    if (at === 0) return;
    if (at > 0) this.#order.splice(at, 1);
    this.#order.unshift(id);
  }

  // ------------------------------------------------------------------ the window

  /** The slice of `visible` in the DOM and the spacers around it. */
  range(): { start: number; end: number; before: number; after: number } {
    const n = this.visible.length;
    const first = Math.floor(this.#scrollTop / INBOX_ROW);
    const start = Math.max(0, Math.min(first - OVERSCAN, n - 1));
    const end = Math.min(n, first + Math.ceil(this.#height / INBOX_ROW) + OVERSCAN);
    return { start: Math.max(0, start), end, before: Math.max(0, start) * INBOX_ROW, after: Math.max(0, n - end) * INBOX_ROW };
  }

  #scroller(): HTMLElement | null {
    return (this.#host.root()?.querySelector('[part~="inbox-list"]') as HTMLElement | null) ?? null;
  }

  readonly onScroll = (event: Event): void => {
    const el = event.target as HTMLElement;
    const before = this.range();
    this.#scrollTop = el.scrollTop;
    if (el.clientHeight) this.#height = el.clientHeight;
    const after = this.range();
    if (before.start !== after.start || before.end !== after.end) this.#host.update();
  };

  /** Moves the keyboard's row to `index` and scrolls it into view. */
  #moveTo(index: number): void {
    const n = this.visible.length;
    if (!n) return;
    this.active = Math.max(0, Math.min(n - 1, index));
    const el = this.#scroller();
    if (el) {
      const top = this.active * INBOX_ROW;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + INBOX_ROW > el.scrollTop + el.clientHeight) el.scrollTop = top + INBOX_ROW - el.clientHeight;
      this.#scrollTop = el.scrollTop;
      if (el.clientHeight) this.#height = el.clientHeight;
    }
    this.#host.update();
  }

  readonly onListKeydown = (event: KeyboardEvent): void => {
    const n = this.visible.length;
    const page = Math.max(1, Math.floor(this.#height / INBOX_ROW) - 1);
    const moves: Record<string, number> = { ArrowDown: this.active + 1, ArrowUp: this.active - 1, Home: 0, End: n - 1, PageDown: this.active + page, PageUp: this.active - page };
    if (event.key in moves) {
      event.preventDefault();
      this.#moveTo(moves[event.key]);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const row = this.visible[this.active];
      if (row) this.open(row);
    }
  };

  // ------------------------------------------------------------------ actions

  setTab(tab: InboxTab): void {
    if (this.tab === tab) return;
    this.tab = tab;
    this.active = 0;
    this.#scrollTop = 0;
    this.#prefetch();
    const el = this.#scroller();
    if (el) el.scrollTop = 0;
    this.#host.update();
  }

  readonly onFilter = (event: Event): void => {
    this.filter = (event.target as HTMLInputElement).value;
    this.active = 0;
    this.#scrollTop = 0;
    const el = this.#scroller();
    if (el) el.scrollTop = 0;
    this.#host.update();
  };

  open(row: ConversationSummary): void {
    if (row.partial) {
      // Not filled in yet: its peer first (the conversation's header and feed need it).
      const engine = this.#host.messaging()?.engine;
      if (!engine || !this.#store) return;
      void engine
        .conversationSummary(row.id, this.#store.all)
        .catch(() => null)
        .then((found) => {
          const current = this.#rows.get(row.id);
          if (found && current?.partial) this.#rows.set(row.id, found);
          this.#changed();
          // Never asks twice: without the engine's row it opens with what the list gave.
          const next = this.#rows.get(row.id);
          this.open(next && !next.partial ? next : { ...(found ?? row), partial: false });
        });
      return;
    }
    const index = this.visible.indexOf(row);
    if (index >= 0) this.active = index;
    this.#host.open(row, this.label(row), this.address(row));
    this.markRead(row.id, row.lastActivityNs);
  }

  /** The conversation is on screen up to `ns`: its unread count clears. */
  markRead(id: string, ns: string): void {
    this.#store?.mark(id, ns);
    const row = this.#rows.get(id);
    if (row && row.unread) {
      this.#rows.set(id, { ...row, unread: 0 });
      this.#changed();
      this.#host.update();
    }
  }

  /** A conversation this inbox joined (the engine's conversation stream): listed at the top unless known or blocked. */
  async joined(id: string): Promise<void> {
    // The same fetch as for a new conversation's first message: messages arriving meanwhile are counted in.
    if (this.status !== 'ready' || this.#rows.has(id) || this.#fetching.has(id)) return;
    await this.#fetchRow(id);
  }

  /** Opens the conversation with this id (the element's `openConversation`). Resolves false when there is none. */
  async openId(id: string): Promise<boolean> {
    await this.load();
    let row = this.#rows.get(id);
    if (!row) {
      const engine = this.#host.messaging()?.engine;
      const found = engine && this.#store ? await engine.conversationSummary(id, this.#store.all).catch(() => null) : null;
      if (!found) return false;
      row = found;
      this.#rows.set(id, row);
      this.#front(id);
      this.#changed();
    }
    if (row.partial) this.open(row);
    else {
      this.#host.open(row, this.label(row), this.address(row));
      this.markRead(row.id, row.lastActivityNs);
    }
    return true;
  }

  async answer(row: ConversationSummary, allow: boolean): Promise<void> {
    const messaging = this.#host.messaging();
    if (!messaging?.engine) return;
    try {
      await messaging.engine.setConsent(row.id, allow ? 'allowed' : 'denied');
      const feed = messaging.feed({ id: row.id, peerInboxId: row.peerInboxId, peerAddresses: row.peerAddresses, consent: row.consent, pausedForVersion: row.pausedForVersion });
      feed.info = { ...feed.info, consent: allow ? 'allowed' : 'denied' };
      if (allow) {
        this.#rows.set(row.id, { ...row, consent: 'allowed' });
        this.#place(row.id);
      } else {
        this.#rows.delete(row.id);
        this.#order = this.#order.filter((id) => id !== row.id);
      }
      this.#changed();
      this.announcement = this.#host.t(allow ? 'chat.inbox.allowed' : 'chat.inbox.blocked', { name: this.label(row) });
    } catch (error) {
      this.#host.fail('unknown', this.#host.t('chat.error.unknown', { detail: String((error as Error)?.message ?? error).slice(0, 200) }), error);
    }
    this.#host.update();
  }

  /** The conversation on screen was allowed or blocked (its consent banner). */
  consentChanged(id: string, consent: ConversationSummary['consent']): void {
    const row = this.#rows.get(id);
    if (!row) return;
    this.#rows.set(id, { ...row, consent });
    if (consent === 'allowed') this.#place(id);
    this.#changed();
  }

  /** An allowed request joins the chats by its last activity (before the first chat it is newer than). */
  #place(id: string): void {
    const row = this.#rows.get(id);
    if (!row || row.partial) return;
    this.#order = this.#order.filter((other) => other !== id);
    let at = this.#order.findIndex((other) => {
      const r = this.#rows.get(other);
      return !!r && r.consent === 'allowed' && !r.partial && compareDesc(row.lastActivityNs, r.lastActivityNs) < 0;
    });
    if (at < 0) {
      // Older than every filled chat: after the last chat.
      at = this.#order.length;
      while (at > 0 && this.#rows.get(this.#order[at - 1])?.consent !== 'allowed') at--;
    }
    this.#order.splice(at, 0, id);
    this.#sorted = null;
  }

  newGroup(): void {
    this.composing = false;
    this.#host.newGroup?.();
  }

  /** A conversation the visitor created (a group): listed at once, before the stream brings it. */
  added(row: ConversationSummary): void {
    this.#rows.set(row.id, row);
    this.#front(row.id);
    this.#sorted = null;
    this.#changed();
    this.#host.update();
  }

  toggleCompose(): void {
    this.composing = !this.composing;
    this.composeError = '';
    this.#host.update();
    if (this.composing) void Promise.resolve().then(() => (this.#host.root()?.querySelector('#inbox-new') as HTMLInputElement | null)?.focus());
  }

  readonly onComposeInput = (event: Event): void => {
    this.composeValue = (event.target as HTMLInputElement).value;
  };

  /** "New conversation": an address, ENS name or Lens handle, resolved, checked for XMTP, then opened. */
  async startNew(): Promise<void> {
    const messaging = this.#host.messaging();
    const given = this.composeValue.trim();
    if (!messaging || this.composeBusy) return;
    const t = this.#host.t;
    const say = (code: MaskErrorCode, message: string, cause?: unknown): void => {
      this.composeError = message;
      this.#host.fail(code, message, cause);
    };
    this.composeError = '';
    if (!given) {
      say('invalid-recipient', t('chat.inbox.newEmpty'));
      this.#host.update();
      return;
    }
    this.composeBusy = true;
    this.#host.update();
    try {
      let address: Address | null;
      let name: string | null = null;
      if (ADDRESS.test(given)) address = toChecksumAddress(given);
      else if (given.startsWith('0x')) throw new KitError('invalid-address', t('error.invalidAddress', { value: ellipsize(stripBidiControls(given), 64) }));
      else {
        const identity = await this.#host.kit.identity();
        const resolved = await identity.resolveName(given);
        address = resolved.address;
        name = resolved.name.replace(/^lens\//, '@');
        identity.noteShown(resolved.name, resolved.address);
      }
      if (!address) throw new KitError('invalid-address', t('error.invalidAddress', { value: ellipsize(stripBidiControls(given), 64) }));
      if (address.toLowerCase() === messaging.account) {
        say('invalid-recipient', t('chat.self'));
        return;
      }
      if (!(await messaging.canMessage(address))) {
        say('peer-not-reachable', t('chat.unreachable', { name: name ?? shortAddress(address) }));
        return;
      }
      const feed = await messaging.openDm(address);
      const existing = this.#rows.get(feed.id);
      const row: ConversationSummary = existing ?? {
        id: feed.id,
        kind: 'dm',
        peerInboxId: feed.info.peerInboxId,
        peerAddresses: feed.info.peerAddresses.length ? feed.info.peerAddresses : [address.toLowerCase()],
        groupName: null,
        groupImageUrl: null,
        consent: 'allowed',
        last: null,
        lastActivityNs: `${Date.now()}000000`,
        unread: 0,
      };
      this.#rows.set(row.id, row);
      if (!existing) this.#front(row.id);
      this.#changed();
      this.composing = false;
      this.composeValue = '';
      this.#host.clearError();
      this.#host.open(row, name ?? this.label(row), address);
    } catch (error) {
      const e = error as { code?: MaskErrorCode; message?: string };
      const message = error instanceof KitError ? (error.sentence ? sentence(error.sentence, this.#host.lang) : error.message) : t('chat.error.unknown', { detail: String(e?.message ?? error).slice(0, 200) });
      say(error instanceof KitError ? error.code : e?.code && e.code !== ('unknown' as string) ? e.code : 'unknown', message, error);
    } finally {
      this.composeBusy = false;
      this.#host.update();
    }
  }

  // ------------------------------------------------------------------ live

  /** Rows being fetched from the engine, with the messages that arrived for them meanwhile. */
  readonly #fetching = new Map<string, number>();

  async #fetchRow(id: string): Promise<void> {
    const engine = this.#host.messaging()?.engine;
    if (!engine || !this.#store) return;
    let found: ConversationSummary | null = null;
    for (let round = 0; round < 5; round++) {
      const arrived = this.#fetching.get(id) ?? 0;
      this.#fetching.set(id, arrived);
      found = await engine.conversationSummary(id, this.#store.all).catch(() => null);
      if (this.#fetching.get(id) === arrived) break;
    }
    this.#fetching.delete(id);
    const current = this.#rows.get(id);
    if (!found || found.consent === 'denied' || (current && !current.partial)) {
      this.#changed();
      return;
    }
    this.#rows.set(found.id, this.#fix(found));
    this.#front(found.id);
    this.#changed();
    if (!current) this.announcement = this.#host.t('chat.inbox.newConversation', { name: this.label(found) });
    this.#host.update();
  }

  /** A message from the live stream (any conversation). */
  onItem(item: EngineItem): void {
    if (!this.#store || item.kind === 'reaction' || this.#seen.has(item.id)) return;
    this.#seen.add(item.id);
    if (this.#seen.size > 10_000) this.#seen.delete(this.#seen.values().next().value!);
    const message = item as ChatMessage;
    const row = this.#rows.get(message.conversationId);
    if (!row || row.partial) {
      if (row) {
        // Listed but not filled in yet: to the top now, its row from the engine (with this message counted).
        this.#front(row.id);
        this.#changed();
        this.#host.update();
      }
      // A new conversation (or one that was not listed): ask the engine for its row, again when
      // more of its messages arrive meanwhile (the engine's row then counts them too).
      const waiting = this.#fetching.get(message.conversationId);
      if (waiting !== undefined) this.#fetching.set(message.conversationId, waiting + 1);
      else void this.#fetchRow(message.conversationId);
      return;
    }
    if (message.kind === 'update') {
      // A membership or metadata line: no preview, no count; a new name is the row's name.
      const named = message.update?.changes.find((c) => c.field === 'name');
      if (named) {
        this.#rows.set(row.id, { ...row, groupName: named.value });
        this.#changed();
        this.#host.update();
      }
      return;
    }
    const mine = message.senderInboxId === this.#inbox;
    const shown = this.#host.shownId() === row.id && this.#host.isOpen();
    // Not newer than the row: the engine's row already has it (fetched while it arrived), or it is out of order.
    const newer = compareDesc(message.sentAtNs, row.lastActivityNs) < 0 || !row.last;
    const next: ConversationSummary = {
      ...row,
      ...(newer ? { last: { senderInboxId: message.senderInboxId, kind: message.kind, text: message.text, sentAtNs: message.sentAtNs } } : {}),
      lastActivityNs: compareDesc(message.sentAtNs, row.lastActivityNs) < 0 ? message.sentAtNs : row.lastActivityNs,
      unread: mine || shown || !newer ? row.unread : Math.min(UNREAD_CAP, row.unread + 1),
    };
    if (shown) this.#store.mark(row.id, message.sentAtNs);
    this.#rows.set(row.id, next);
    if (compareDesc(message.sentAtNs, row.lastActivityNs) < 0) this.#front(row.id);
    this.#changed();
    this.#host.update();
  }
}

/** A group's image URL when it is a plain https URL (what a group's members set is remote text). */
function httpsImage(url: string | null): string | null {
  if (!url || url.length > 2048 || !/^https:\/\/[^\s"'<>\\]+$/i.test(url)) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Newest first, for nanosecond timestamps as decimal strings. */
function compareDesc(a: string, b: string): number {
  return a.length !== b.length ? b.length - a.length : b < a ? -1 : b > a ? 1 : 0;
}
