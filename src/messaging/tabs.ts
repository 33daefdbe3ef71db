/**
 * Cross-tab coordination of the XMTP client. The SDK keeps its database in
 * OPFS, which one client per origin can open at a time; a second tab that
 * started its own client would fail (xmtp.chat answers with a "close the other
 * tab" modal). Instead every tab gets the same `Engine` interface:
 *
 * - **Owner election.** The tab that gets the Web Lock
 *   `mask-widgets:xmtp:<env>|<api url>|<account>` (locks are per origin)
 *   creates the real engine (`engine.ts`, worker, wasm, OPFS) and holds the
 *   lock until the engine closes (account change, `close()`, tab gone).
 * - **Relay.** Other tabs send each `Engine` call over a BroadcastChannel of
 *   the same name: `{t:'req', id, to: owner, method, args}`, answered with
 *   `{t:'res', id, ok, value | error:{code, message}}`. Every request has its
 *   own id and a timeout (30 s; 90 s for network-bound calls; 5 min for calls
 *   that wait for a wallet signature) that rejects with a clear `EngineError`.
 *   Relay tabs never load the worker or the wasm.
 * - **Streams.** The owner runs the one live stream and broadcasts every item,
 *   state and restart to all tabs; relays subscribe with a `stream` request
 *   and pass events to their page's handlers (the message list de-duplicates
 *   by id). A relay's connection state is the owner's stream state, and
 *   `reconnecting` while no tab owns the client.
 * - **Handover.** Relays also queue for the lock. When the owner leaves it
 *   posts `bye` (on `close()` and `pagehide`) and the browser releases its
 *   lock; the first queued tab creates the real engine, which resumes this
 *   browser's installation from OPFS (no signature), announces itself with
 *   `owner`, restarts the stream and asks its page to resync. Requests that
 *   were in flight to the old owner are sent once more to the new one (the
 *   engine's writes are idempotent: prepared messages carry idempotency keys);
 *   a second loss rejects. Other relays re-subscribe to the new owner's
 *   stream and resync too. A takeover that cannot open the database yet (the
 *   old worker still shutting down) is retried.
 * - **Signing.** Wallet prompts appear only in the tab where the visitor
 *   acted: a `register` or `revokeInstallations` call relayed from another tab
 *   makes the owner's signer send `{t:'sign', to: that tab, message}`; that
 *   tab asks its own wallet (its `personal_sign`) and answers `signed`.
 *   Signing calls are serialised in the owner, so a signature request always
 *   goes to the tab whose call is running; `register` on an installation
 *   another tab registered meanwhile asks nothing. A takeover never signs.
 *   When a `register` call succeeds the owner posts `registered`, and every
 *   tab's `onRegistered` runs: pages still offering "Sign to enable chat"
 *   become ready without a click.
 * - **Disposal.** `close()` posts `bye`, closes the real engine, releases or
 *   abandons the lock request, rejects what is pending and closes the channel.
 *
 * Without Web Locks or BroadcastChannel the engine is created directly (one tab).
 * Known limit: the OPFS pool is per origin, not per account, so two tabs of one
 * site on two different accounts still cannot both run a client.
 */
import { EngineError, isEngineError, type ConnectionState, type Engine, type EngineOptions, type StreamHandlers } from './types.js';

type CreateEngine = (options: EngineOptions) => Promise<Engine>;
type Method = Exclude<keyof Engine, 'inboxId' | 'installationId' | 'close'>;
type WireError = { code: EngineError['code']; message: string };

type Wire =
  | { t: 'hello'; from: string }
  | { t: 'owner'; from: string; inboxId: string; installationId: string }
  | { t: 'bye'; from: string }
  | { t: 'registered'; from: string }
  | { t: 'req'; from: string; to: string; id: string; method: Method; args: unknown[] }
  | { t: 'res'; from: string; to: string; id: string; ok: boolean; value?: unknown; error?: WireError; moved?: boolean }
  | { t: 'sign'; from: string; to: string; id: string; message: string }
  | { t: 'signed'; from: string; to: string; id: string; ok: boolean; value?: string; error?: string }
  | { t: 'item'; from: string; item: Parameters<StreamHandlers['onItem']>[0] }
  | { t: 'state'; from: string; state: ConnectionState }
  | { t: 'restart'; from: string }
  | { t: 'joined'; from: string; id: string };

interface Pending {
  method: Method;
  args: unknown[];
  to: string;
  retried: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  timer: ReturnType<typeof setTimeout>;
}

const SIGNING: ReadonlySet<Method> = new Set(['register', 'revokeInstallations']);
const NETWORK: ReadonlySet<Method> = new Set(['exportBackup', 'importBackup', 'messages', 'sync', 'requests', 'conversationList', 'summaries', 'conversationSummary', 'openConversation', 'openDm', 'publish', 'stream', 'installations', 'canMessage', 'createGroup', 'groupDetails', 'addMembers', 'removeMembers', 'leaveGroup', 'updateGroup', 'inboxAddresses']);
const timeoutFor = (method: Method): number => (SIGNING.has(method) ? 300_000 : NETWORK.has(method) ? 90_000 : 30_000);

/** Overrides for tests (`test/e2e/chat-tabs-relay.e2e.ts`): one timeout for every relayed call, in ms. */
export interface TabLimits {
  callMs?: number;
}
const TAKEOVER_ATTEMPTS = 4;

const randomId = (): string => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
const toWire = (error: unknown): WireError =>
  isEngineError(error) ? { code: error.code, message: error.message } : { code: 'unknown', message: error instanceof Error ? error.message : String(error) };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

class Gate {
  settled = false;
  promise: Promise<void>;
  #resolve!: () => void;
  constructor() {
    this.promise = new Promise((r) => (this.#resolve = r));
  }
  open(): void {
    this.settled = true;
    this.#resolve();
  }
}

/** The lock and channel name for `options` (the origin scoping comes from the browser). */
export const tabKey = (options: Pick<EngineOptions, 'env' | 'apiUrl' | 'address'>): string =>
  `mask-widgets:xmtp:${options.env}|${options.apiUrl ?? ''}|${options.address.toLowerCase()}`;

/**
 * An engine shared by every tab of the origin: the real one when this tab
 * wins the lock, a relay to the tab that has it otherwise. Resolves once
 * calls can be routed; rejects like `create` when this tab owns and fails.
 */
export async function coordinate(options: EngineOptions, create: CreateEngine, limits: TabLimits = {}): Promise<Engine> {
  if (typeof navigator === 'undefined' || !navigator.locks || typeof BroadcastChannel === 'undefined') return create(options);
  const engine = new TabEngine(options, create, limits);
  try {
    await engine.started;
  } catch (error) {
    engine.close();
    throw error;
  }
  return engine;
}

export class TabEngine implements Engine {
  readonly #id = randomId();
  readonly #options: EngineOptions;
  readonly #create: CreateEngine;
  readonly #key: string;
  readonly #channel: BroadcastChannel;
  readonly #abort = new AbortController();
  #closed = false;
  #real: Engine | null = null;
  /** The owner's tab id (this tab's when it owns). */
  #owner: string | null = null;
  #release: (() => void) | null = null;
  #inboxId = '';
  #installationId = '';
  #routed = new Gate();
  readonly #pending = new Map<string, Pending>();
  readonly #signs = new Map<string, { to: string; resolve(v: string): void; reject(e: unknown): void; timer: ReturnType<typeof setTimeout> }>();
  #handlers: StreamHandlers | null = null;
  #streaming: Promise<ConnectionState> | null = null;
  #streamState: ConnectionState | null = null;
  #signer: ((message: string) => Promise<string>) | null = null;
  #signChain: Promise<unknown> = Promise.resolve();
  /** Settles once this tab can route calls (or failed to own at start). */
  readonly started: Promise<void>;
  #startResolve!: () => void;
  #startReject!: (e: unknown) => void;
  #startTimer: ReturnType<typeof setTimeout> | null = null;

  readonly #timeoutFor: (method: Method) => number;

  constructor(options: EngineOptions, create: CreateEngine, limits: TabLimits = {}) {
    this.#options = options;
    this.#create = create;
    this.#timeoutFor = limits.callMs ? () => limits.callMs! : timeoutFor;
    this.#key = tabKey(options);
    this.started = new Promise((resolve, reject) => {
      this.#startResolve = resolve;
      this.#startReject = reject;
    });
    this.#channel = new BroadcastChannel(this.#key);
    this.#channel.addEventListener('message', this.#onMessage);
    addEventListener('pagehide', this.#onPageHide);
    this.#lock(true);
  }

  get inboxId(): string {
    return this.#inboxId;
  }
  get installationId(): string {
    return this.#installationId;
  }
  /** Whether this tab runs the real client (for tests and diagnostics). */
  get owner(): boolean {
    return !!this.#real;
  }

  isRegistered = (): Promise<boolean> => this.#call('isRegistered', []);
  register = (): Promise<void> => this.#call('register', []);
  canMessage: Engine['canMessage'] = (...args) => this.#call('canMessage', args);
  openDm: Engine['openDm'] = (...args) => this.#call('openDm', args);
  openConversation: Engine['openConversation'] = (...args) => this.#call('openConversation', args);
  requests: Engine['requests'] = () => this.#call('requests', []);
  conversationList: Engine['conversationList'] = (...args) => this.#call('conversationList', args);
  summaries: Engine['summaries'] = (...args) => this.#call('summaries', args);
  conversationSummary: Engine['conversationSummary'] = (...args) => this.#call('conversationSummary', args);
  setConsent: Engine['setConsent'] = (...args) => this.#call('setConsent', args);
  messages: Engine['messages'] = (...args) => this.#call('messages', args);
  prepareText: Engine['prepareText'] = (...args) => this.#call('prepareText', args);
  dmPeer: Engine['dmPeer'] = (...args) => this.#call('dmPeer', args);
  members: Engine['members'] = (...args) => this.#call('members', args);
  sendReadReceipt: Engine['sendReadReceipt'] = (...args) => this.#call('sendReadReceipt', args);
  lastReadTimes: Engine['lastReadTimes'] = (...args) => this.#call('lastReadTimes', args);
  prepareTransaction: Engine['prepareTransaction'] = (...args) => this.#call('prepareTransaction', args);
  prepareReaction: Engine['prepareReaction'] = (...args) => this.#call('prepareReaction', args);
  prepareAttachment: Engine['prepareAttachment'] = (...args) => this.#call('prepareAttachment', args);
  publish: Engine['publish'] = (...args) => this.#call('publish', args);
  sync: Engine['sync'] = () => this.#call('sync', []);
  installations: Engine['installations'] = () => this.#call('installations', []);
  revokeInstallations: Engine['revokeInstallations'] = (...args) => this.#call('revokeInstallations', args);
  exportBackup: Engine['exportBackup'] = (...args) => this.#call('exportBackup', args);
  importBackup: Engine['importBackup'] = (...args) => this.#call('importBackup', args);
  createGroup: Engine['createGroup'] = (...args) => this.#call('createGroup', args);
  groupDetails: Engine['groupDetails'] = (...args) => this.#call('groupDetails', args);
  addMembers: Engine['addMembers'] = (...args) => this.#call('addMembers', args);
  removeMembers: Engine['removeMembers'] = (...args) => this.#call('removeMembers', args);
  leaveGroup: Engine['leaveGroup'] = (...args) => this.#call('leaveGroup', args);
  updateGroup: Engine['updateGroup'] = (...args) => this.#call('updateGroup', args);
  inboxAddresses: Engine['inboxAddresses'] = (...args) => this.#call('inboxAddresses', args);

  async stream(handlers: StreamHandlers): Promise<void> {
    this.#handlers = handlers;
    await this.#whenRouted(this.#timeoutFor('stream'));
    if (this.#real) {
      // A page's retry after a failed start restarts the stream; a live one is shared as is.
      if (this.#streaming && this.#streamState === 'live') handlers.onState('live');
      else await this.#ensureStream(true);
      return;
    }
    handlers.onState('connecting');
    handlers.onState(await this.#call<ConnectionState>('stream', []));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#post({ t: 'bye', from: this.#id });
    const real = this.#real;
    this.#real = null;
    real?.close();
    this.#release?.();
    this.#release = null;
    this.#abort.abort();
    if (this.#startTimer) clearTimeout(this.#startTimer);
    const closed = new EngineError('unknown', 'The chat connection was closed.');
    this.#startReject(closed);
    for (const p of this.#pending.values()) {
      clearTimeout(p.timer);
      p.reject(closed);
    }
    this.#pending.clear();
    for (const s of this.#signs.values()) {
      clearTimeout(s.timer);
      s.reject(closed);
    }
    this.#signs.clear();
    this.#handlers = null;
    this.#channel.removeEventListener('message', this.#onMessage);
    this.#channel.close();
    removeEventListener('pagehide', this.#onPageHide);
  }

  // --- ownership -----------------------------------------------------------

  /** Asks for the lock: at once (`ifAvailable`) at start, then queued behind the owner. */
  #lock(first: boolean): void {
    const options: LockOptions = first ? { ifAvailable: true } : { signal: this.#abort.signal };
    navigator.locks
      .request(this.#key, options, (lock) => {
        if (this.#closed) return;
        if (!lock) {
          this.#becomeRelay();
          return;
        }
        return new Promise<void>((release) => {
          this.#release = release;
          void this.#becomeOwner(first);
        });
      })
      .catch(() => {
        // AbortError after close(): nothing to do.
      });
  }

  #becomeRelay(): void {
    this.#post({ t: 'hello', from: this.#id });
    // The owner may still be loading its worker and wasm.
    const wait = this.#options.timeoutMs + 15_000;
    this.#startTimer = setTimeout(() => {
      if (!this.#routed.settled)
        this.#startReject(new EngineError('unknown', `Another tab of this site holds the chat connection and did not answer within ${Math.round(wait / 1000)} s.`));
    }, wait);
    this.#lock(false);
  }

  async #becomeOwner(first: boolean): Promise<void> {
    const takeover = !first;
    this.#owner = this.#id;
    if (this.#routed.settled) this.#routed = new Gate();
    if (takeover) this.#handlers?.onState('reconnecting');
    let engine: Engine | null = null;
    let failure: unknown = null;
    for (let attempt = 0; attempt < (takeover ? TAKEOVER_ATTEMPTS : 1) && !engine && !this.#closed; attempt++) {
      if (attempt) await sleep(750 * attempt);
      try {
        engine = await this.#create({ ...this.#options, signMessage: (message) => (this.#signer ?? this.#options.signMessage)(message) });
      } catch (error) {
        failure = error;
      }
    }
    if (this.#closed) {
      engine?.close();
      return;
    }
    if (!engine) {
      this.#release?.();
      this.#release = null;
      this.#owner = null;
      if (first) this.#startReject(failure);
      else {
        // Let another tab try; queue again after a pause.
        setTimeout(() => !this.#closed && this.#lock(false), 3000);
      }
      return;
    }
    this.#real = engine;
    this.#inboxId = engine.inboxId;
    this.#installationId = engine.installationId;
    this.#routed.open();
    this.#startResolve();
    this.#announce();
    for (const p of [...this.#pending.values()]) this.#reroute(p);
    const handlers = this.#handlers;
    if (takeover && handlers) {
      try {
        await this.#ensureStream(true);
        handlers.onRestart();
      } catch {
        handlers.onState('reconnecting');
      }
    }
  }

  #announce(): void {
    this.#post({ t: 'owner', from: this.#id, inboxId: this.#inboxId, installationId: this.#installationId });
  }

  #ensureStream(restart: boolean): Promise<ConnectionState> {
    if (this.#streaming && !restart) return this.#streaming;
    const real = this.#real!;
    const started = real
      .stream({
        onItem: (item) => {
          this.#handlers?.onItem(item);
          this.#post({ t: 'item', from: this.#id, item });
        },
        onState: (state) => {
          this.#streamState = state;
          this.#handlers?.onState(state);
          this.#post({ t: 'state', from: this.#id, state });
        },
        onRestart: () => {
          this.#handlers?.onRestart();
          this.#post({ t: 'restart', from: this.#id });
        },
        onConversation: (id) => {
          this.#handlers?.onConversation?.(id);
          this.#post({ t: 'joined', from: this.#id, id });
        },
      })
      .then(() => this.#streamState ?? 'live');
    this.#streaming = started;
    started.catch(() => {
      if (this.#streaming === started) this.#streaming = null;
    });
    return started;
  }

  // --- calls -----------------------------------------------------------------

  #whenRouted(ms: number): Promise<void> {
    if (this.#routed.settled) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new EngineError('unknown', `No tab of this site holds the chat connection (waited ${Math.round(ms / 1000)} s).`)),
        ms,
      );
      void this.#routed.promise.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async #call<T>(method: Method, args: unknown[], retried = false): Promise<T> {
    if (this.#closed) throw new EngineError('unknown', 'The chat connection was closed.');
    await this.#whenRouted(this.#timeoutFor(method));
    if (this.#real) return (await this.#serve(method, args, null)) as T;
    const to = this.#owner!;
    return new Promise<T>((resolve, reject) => {
      const id = randomId();
      const ms = this.#timeoutFor(method);
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new EngineError('unknown', `The tab that holds this site's chat connection did not answer "${method}" within ${Math.round(ms / 1000)} s.`));
      }, ms);
      this.#pending.set(id, { method, args, to, retried, resolve: resolve as (v: unknown) => void, reject, timer });
      this.#post({ t: 'req', from: this.#id, to, id, method, args });
    });
  }

  /** The owner went away during `p`: send it once more to whoever owns next. */
  #reroute(p: Pending): void {
    for (const [id, q] of this.#pending) if (q === p) this.#pending.delete(id);
    clearTimeout(p.timer);
    if (p.retried) p.reject(new EngineError('unknown', `The tab that held this site's chat connection closed during "${p.method}".`));
    else this.#call(p.method, p.args, true).then(p.resolve, p.reject);
  }

  /** Runs a call on the real engine; signing calls ask the tab `from` (or this one) to sign. */
  #serve(method: Method, args: unknown[], from: string | null): Promise<unknown> {
    const real = this.#real!;
    if (method === 'stream') return this.#ensureStream(false);
    const call = (): Promise<unknown> => (real[method] as (...a: unknown[]) => Promise<unknown>).apply(real, args);
    // Another tab may have registered this installation already: no second signature.
    const run =
      method === 'register'
        ? async () => {
            if (!(await real.isRegistered())) await call();
            // Every tab (this one too) learns that the installation is registered.
            this.#post({ t: 'registered', from: this.#id });
            this.#options.onRegistered?.();
          }
        : call;
    if (!SIGNING.has(method)) return run();
    const signer = from ? (message: string) => this.#askToSign(from, message) : this.#options.signMessage;
    const next = this.#signChain.then(async () => {
      this.#signer = signer;
      try {
        return await run();
      } finally {
        this.#signer = null;
      }
    });
    this.#signChain = next.catch(() => {});
    return next;
  }

  #askToSign(to: string, message: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const id = randomId();
      const timer = setTimeout(() => {
        this.#signs.delete(id);
        reject(new Error('The tab that asked for the signature did not answer.'));
      }, this.#timeoutFor('register'));
      this.#signs.set(id, { to, resolve, reject, timer });
      this.#post({ t: 'sign', from: this.#id, to, id, message });
    });
  }

  // --- wire ------------------------------------------------------------------

  #post(message: Wire): void {
    if (this.#closed && message.t !== 'bye') return;
    try {
      this.#channel.postMessage(message);
    } catch {
      // Closed channel or an uncloneable value: the request's timeout reports it.
    }
  }

  #onPageHide = (event: PageTransitionEvent): void => {
    if (!event.persisted) this.close();
  };

  #onMessage = (event: MessageEvent<Wire>): void => {
    const m = event.data;
    if (this.#closed || !m || typeof m !== 'object' || m.from === this.#id) return;
    if ('to' in m && m.to !== this.#id) return;
    switch (m.t) {
      case 'hello':
        if (this.#real) this.#announce();
        return;
      case 'owner':
        return this.#onOwner(m);
      case 'bye':
        return this.#onBye(m.from);
      case 'registered':
        this.#options.onRegistered?.();
        return;
      case 'req':
        return this.#onRequest(m);
      case 'res': {
        const p = this.#pending.get(m.id);
        if (!p) return;
        // That tab no longer owns the client: treat it as gone.
        if (m.moved) return this.#onBye(m.from);
        this.#pending.delete(m.id);
        clearTimeout(p.timer);
        if (m.ok) p.resolve(m.value);
        else p.reject(new EngineError(m.error?.code ?? 'unknown', m.error?.message ?? 'failed'));
        return;
      }
      case 'sign':
        this.#options.signMessage(m.message).then(
          (value) => this.#post({ t: 'signed', from: this.#id, to: m.from, id: m.id, ok: true, value }),
          (error: unknown) => this.#post({ t: 'signed', from: this.#id, to: m.from, id: m.id, ok: false, error: toWire(error).message }),
        );
        return;
      case 'signed': {
        const s = this.#signs.get(m.id);
        if (!s) return;
        this.#signs.delete(m.id);
        clearTimeout(s.timer);
        if (m.ok && typeof m.value === 'string') s.resolve(m.value);
        else s.reject(new Error(m.error ?? 'The signature was rejected.'));
        return;
      }
      default:
        if (m.from !== this.#owner || this.#real || !this.#handlers) return;
        if (m.t === 'item') this.#handlers.onItem(m.item);
        else if (m.t === 'state') this.#handlers.onState(m.state);
        else if (m.t === 'restart') this.#handlers.onRestart();
        else if (m.t === 'joined') this.#handlers.onConversation?.(m.id);
    }
  };

  #onOwner(m: Extract<Wire, { t: 'owner' }>): void {
    // This tab holds the lock (or is taking over): a late announcement of the old owner is stale.
    if (this.#real || this.#owner === this.#id) return;
    const previous = this.#owner;
    const handover = this.#routed.settled ? previous !== m.from : previous === null && this.#inboxId !== '';
    this.#owner = m.from;
    this.#inboxId = m.inboxId;
    this.#installationId = m.installationId;
    if (this.#startTimer) clearTimeout(this.#startTimer);
    this.#startTimer = null;
    if (!this.#routed.settled) this.#options.onProgress?.('ready');
    this.#routed.open();
    this.#startResolve();
    for (const p of [...this.#pending.values()]) if (p.to !== m.from) this.#reroute(p);
    if (handover && this.#handlers) void this.#resubscribe();
  }

  async #resubscribe(): Promise<void> {
    const handlers = this.#handlers;
    if (!handlers) return;
    try {
      handlers.onState(await this.#call<ConnectionState>('stream', []));
      handlers.onRestart();
    } catch {
      handlers.onState('reconnecting');
    }
  }

  #onBye(from: string): void {
    for (const [id, s] of this.#signs) {
      if (s.to !== from) continue;
      this.#signs.delete(id);
      clearTimeout(s.timer);
      s.reject(new Error('The tab that asked for the signature was closed.'));
    }
    if (this.#real) return;
    if (from === this.#owner) {
      this.#owner = null;
      if (this.#routed.settled) this.#routed = new Gate();
      this.#handlers?.onState('reconnecting');
    }
    for (const p of [...this.#pending.values()]) if (p.to === from) this.#reroute(p);
  }

  #onRequest(m: Extract<Wire, { t: 'req' }>): void {
    const reply = (fields: { ok: boolean; value?: unknown; error?: WireError; moved?: boolean }): void =>
      this.#post({ t: 'res', from: this.#id, to: m.from, id: m.id, ...fields });
    if (!this.#real) return reply({ ok: false, moved: true });
    this.#serve(m.method, m.args, m.from).then(
      (value) => reply({ ok: true, value }),
      (error: unknown) => reply({ ok: false, error: toWire(error) }),
    );
  }
}
