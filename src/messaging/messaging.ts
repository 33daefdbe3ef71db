/**
 * The page's messaging context: one XMTP client per page (per XMTP network),
 * shared by every `<mask-chat>`, created on first need with the connected
 * wallet as signer. Owns the client's life (load, register, resume, account
 * changes), the live stream, connection health and resync, and one
 * feed per conversation (`feed.ts`), to which it routes live messages. No DOM beyond `window` and
 * `document` events; the SDK itself loads from `engine.ts` only when a chat opens.
 */
import type { XmtpConfig } from '../config/config.js';
import { keccak256 } from '../internal/keccak.js';
import { VERSION } from '../internal/version.js';
import type { WalletService } from '../wallet/wallet.js';
import { ConversationFeed } from './feed.js';
import { coordinate } from './tabs.js';
import {
  EngineError,
  isEngineError,
  type ConnectionState,
  type ConversationInfo,
  type Engine,
  type EngineItem,
  type EngineOptions,
  type EngineProgress,
  type InstallationInfo,
} from './types.js';

export type MessagingPhase = 'idle' | 'loading' | 'needs-signature' | 'signing' | 'ready' | 'error';

/**
 * What the messaging context needs from the kit (its port; `Kit` satisfies
 * it): the wallet that signs and whose account it follows, and the XMTP network.
 */
export interface MessagingEnv {
  readonly wallet: Pick<WalletService, 'account' | 'chainId' | 'request' | 'addEventListener' | 'removeEventListener'>;
  readonly config: { readonly xmtp: XmtpConfig };
}

/**
 * Loads the engine chunk (the SDK), or the prebuilt engine at `url` (the kit's
 * `xmtp.engineUrl`: `mask-widgets-engine.js` of the CDN build, for apps whose
 * bundler cannot bundle the SDK's worker and wasm). Also used to prefetch on hover.
 */
export const loadEngine = (url?: string): Promise<typeof import('./engine.js')> =>
  url ? import(/* @vite-ignore */ /* webpackIgnore: true */ new URL(url, document.baseURI).href) : import('./engine.js');

const utf8Hex = (text: string): string => `0x${Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('')}`;

/**
 * What the wallet signs to make the backup key. Never changes: the same wallet's signature of it is the
 * same on every site (wallets sign with deterministic nonces), so a backup opens wherever that wallet does.
 */
export const BACKUP_KEY_TEXT =
  'mask-widgets chat backup\n\nSigning this makes the key that encrypts your XMTP conversations in a backup file, and opens that file again on any site with this chat. It sends nothing and costs nothing.';

/**
 * The page's XMTP client and its state. Fires `change` on every state change,
 * `item` for every item of the live stream, and `request` when a conversation
 * from someone new appears.
 */
export class Messaging extends EventTarget {
  phase: MessagingPhase = 'idle';
  progress: EngineProgress | null = null;
  connection: ConnectionState = 'connecting';
  error: EngineError | null = null;
  /**
   * The chain of the connected account when it is a smart account (code at the address, asked with
   * `eth_getCode` through the wallet): it then registers with an ERC-1271 signature on that chain.
   */
  smartAccountChainId: number | null = null;
  engine: Engine | null = null;
  /** The account the engine runs for (lower-case). */
  account: string | null = null;
  /** How long the worker and wasm may take (ms); the first chat to start sets it. */
  timeoutMs = 30_000;

  readonly #kit: MessagingEnv;
  readonly #feeds = new Map<string, ConversationFeed>();
  #starting: Promise<void> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retryDelay = 2000;
  #resyncing: Promise<void> | null = null;
  #listening = false;
  #registeredElsewhere = false;

  constructor(kit: MessagingEnv) {
    super();
    this.#kit = kit;
    kit.wallet.addEventListener('change', this.#onWallet);
  }

  requireEngine(): Engine {
    if (!this.engine) throw new EngineError('unknown', 'The chat is not ready.');
    return this.engine;
  }

  #set(patch: Partial<Pick<Messaging, 'phase' | 'progress' | 'connection' | 'error'>>): void {
    Object.assign(this, patch);
    this.dispatchEvent(new Event('change'));
  }

  /** Loads the engine and resumes or prepares this browser's installation. Idempotent. */
  start(): Promise<void> {
    if (this.phase === 'ready' || this.phase === 'needs-signature' || this.phase === 'signing') return Promise.resolve();
    this.#starting ??= this.#start().finally(() => (this.#starting = null));
    return this.#starting;
  }

  async #start(): Promise<void> {
    const wallet = this.#kit.wallet;
    const account = wallet.account;
    if (!account) return;
    this.#clearRetry();
    this.#registeredElsewhere = false;
    this.#set({ phase: 'loading', progress: 'code', error: null });
    try {
      const { createEngine } = await loadEngine(this.#kit.config.xmtp.engineUrl).catch((cause: unknown) => {
        throw new EngineError('engine-load-failed', `the chat code did not load (${String(cause)})`, { cause });
      });
      const { env, apiUrl, gatewayHost, deviceSync, historySyncUrl } = this.#kit.config.xmtp;
      const options: EngineOptions = {
        env,
        apiUrl,
        gatewayHost,
        deviceSync: deviceSync !== false,
        historySyncUrl,
        address: account,
        signMessage: async (message) => String(await wallet.request({ method: 'personal_sign', params: [utf8Hex(message), account] })),
        timeoutMs: this.timeoutMs,
        appVersion: VERSION,
        onProgress: (progress) => this.#set({ progress }),
        // Another tab registered this installation: no signature is needed here any more.
        onRegistered: () => {
          this.#registeredElsewhere = true;
          if (this.phase === 'needs-signature' && this.engine) void this.#ready();
        },
      };
      const code = await wallet.request({ method: 'eth_getCode', params: [account, 'latest'] }).catch(() => '0x');
      if (typeof code === 'string' && code !== '0x' && code !== '0x0' && wallet.chainId) options.scwChainId = wallet.chainId;
      this.smartAccountChainId = options.scwChainId ?? null;
      // One client per origin: this tab owns it or relays to the tab that does (tabs.ts).
      const engine = await coordinate(options, createEngine);
      if (wallet.account !== account) {
        engine.close();
        return;
      }
      this.engine = engine;
      this.account = account.toLowerCase();
      this.#retryDelay = 2000;
      if ((await engine.isRegistered()) || this.#registeredElsewhere) await this.#ready();
      else this.#set({ phase: 'needs-signature', progress: 'ready' });
    } catch (error) {
      this.engine?.close();
      this.engine = null;
      const e = isEngineError(error) ? error : new EngineError('unknown', String(error), { cause: error });
      this.#set({ phase: 'error', error: e, progress: null });
      if (e.code === 'node-unreachable') this.#scheduleRetry();
    }
  }

  /** Registers this browser with the one explained signature. */
  async register(): Promise<void> {
    const engine = this.requireEngine();
    this.#set({ phase: 'signing', error: null });
    try {
      await engine.register();
      await this.#ready();
    } catch (error) {
      const e = isEngineError(error) ? error : new EngineError('unknown', String(error), { cause: error });
      this.#set({ phase: e.code === 'installation-limit' ? 'error' : 'needs-signature', error: e });
      throw e;
    }
  }

  /** After a failure: try again now. */
  retry(): Promise<void> {
    if (this.phase === 'error' && this.error?.code === 'installation-limit' && this.engine) {
      this.#set({ phase: 'needs-signature', error: null });
      return Promise.resolve();
    }
    if (this.phase !== 'error') return Promise.resolve();
    this.#set({ phase: 'idle', error: null });
    return this.start();
  }

  async #ready(): Promise<void> {
    const engine = this.requireEngine();
    this.#set({ phase: 'ready', progress: 'ready', connection: 'connecting' });
    this.#listen();
    try {
      await engine.stream({
        onItem: (item) => this.#route(item),
        onConversation: (id) => this.dispatchEvent(new CustomEvent<string>('joined', { detail: id })),
        onState: (connection) => this.#set({ connection: navigator.onLine === false ? 'offline' : connection }),
        onRestart: () => void this.resync(),
      });
    } catch {
      this.#set({ connection: 'reconnecting' });
      this.#scheduleStreamRetry();
    }
  }

  #scheduleStreamRetry(): void {
    setTimeout(() => {
      if (this.phase === 'ready' && this.connection !== 'live' && this.engine) void this.#ready();
    }, 3000);
  }

  /** Group ids of duplicate DMs, mapped to the conversation shown for the same peer. */
  readonly #aliases = new Map<string, string>();

  #route(item: EngineItem): void {
    // Every live item, for the inbox (which follows all conversations, not one feed).
    this.dispatchEvent(new CustomEvent<EngineItem>('item', { detail: item }));
    const id = this.#aliases.get(item.conversationId) ?? item.conversationId;
    const feed = this.#feeds.get(id);
    if (feed) {
      feed.accept([id === item.conversationId ? item : { ...item, conversationId: id }], true);
      return;
    }
    // Two people who open a DM with each other at once get two DM groups; XMTP
    // stitches them. Route the other group's messages to the conversation shown.
    void this.engine
      ?.dmPeer(item.conversationId)
      .catch(() => null)
      .then((peer) => {
        const target = peer ? [...this.#feeds.values()].find((f) => f.info.peerInboxId === peer) : undefined;
        if (target) {
          this.#aliases.set(item.conversationId, target.id);
          target.accept([{ ...item, conversationId: target.id }], true);
        } else this.dispatchEvent(new CustomEvent('request', { detail: item.conversationId }));
      });
  }

  /** Pulls what the stream may have missed, for every open conversation. */
  resync(): Promise<void> {
    if (!this.engine || this.phase !== 'ready') return Promise.resolve();
    this.#resyncing ??= (async () => {
      try {
        await this.engine?.sync();
        await Promise.all([...this.#feeds.values()].map((f) => f.catchUp()));
        if (this.connection === 'offline' && navigator.onLine !== false) this.#set({ connection: 'live' });
      } catch {
        // The stream's own retry reports the state; the next trigger resyncs again.
      } finally {
        this.#resyncing = null;
      }
    })();
    return this.#resyncing;
  }

  #listen(): void {
    if (this.#listening || typeof window === 'undefined') return;
    this.#listening = true;
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    document.addEventListener('visibilitychange', this.#onVisible);
  }

  #onOnline = (): void => {
    if (this.phase === 'error' && this.error?.code === 'node-unreachable') void this.retry();
    else if (this.phase === 'ready') {
      this.#set({ connection: 'reconnecting' });
      void this.resync();
    }
  };
  #onOffline = (): void => {
    if (this.phase === 'ready') this.#set({ connection: 'offline' });
  };
  #onVisible = (): void => {
    if (document.visibilityState === 'visible') void this.resync();
  };

  #scheduleRetry(): void {
    this.#clearRetry();
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.phase === 'error' && this.error?.code === 'node-unreachable') void this.retry();
    }, this.#retryDelay);
    this.#retryDelay = Math.min(this.#retryDelay * 2, 15_000);
  }

  #clearRetry(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  /** The feed of a conversation (shared by every chat showing it). */
  feed(info: ConversationInfo): ConversationFeed {
    let feed = this.#feeds.get(info.id);
    if (!feed) {
      feed = new ConversationFeed(() => this.engine, info);
      this.#feeds.set(info.id, feed);
    }
    return feed;
  }

  async openDm(address: string): Promise<ConversationFeed> {
    return this.feed(await this.requireEngine().openDm(address));
  }

  async openConversation(id: string): Promise<ConversationFeed | null> {
    const info = await this.requireEngine().openConversation(id);
    return info ? this.feed(info) : null;
  }

  canMessage(address: string): Promise<boolean> {
    return this.requireEngine().canMessage(address);
  }

  requests(): Promise<ConversationInfo[]> {
    return this.requireEngine().requests();
  }

  installations(): Promise<InstallationInfo[]> {
    return this.requireEngine().installations();
  }

  /** The visitor's conversations as an encrypted backup file's bytes (asks the wallet for the key's signature). */
  async exportBackup(onSigned?: () => void): Promise<Uint8Array> {
    const engine = this.requireEngine();
    const key = await this.#backupKey();
    onSigned?.();
    return engine.exportBackup(key);
  }

  /** Imports a backup made by `exportBackup` with the same wallet; every conversation is read again afterwards. */
  async importBackup(data: Uint8Array, onSigned?: () => void): Promise<void> {
    const engine = this.requireEngine();
    const key = await this.#backupKey();
    onSigned?.();
    await engine.importBackup(data, key);
    // Feeds loaded before the import miss the older history it brought: the next open reads from the start.
    this.#feeds.clear();
    await this.resync();
  }

  /** keccak-256 of the wallet's signature of `BACKUP_KEY_TEXT`: no password to keep, and only that wallet opens the file. */
  async #backupKey(): Promise<Uint8Array> {
    let signature: unknown;
    try {
      signature = await this.#kit.wallet.request({ method: 'personal_sign', params: [utf8Hex(BACKUP_KEY_TEXT), this.account] });
    } catch (error) {
      const rejected = (error as { code?: unknown }).code === 4001;
      throw new EngineError(rejected ? 'signature-rejected' : 'unknown', String((error as Error).message ?? error), { cause: error });
    }
    const hex = String(signature).replace(/^0x/, '');
    if (!/^([0-9a-f]{2})+$/i.test(hex)) throw new EngineError('unknown', 'the wallet returned no signature');
    return keccak256(Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16)));
  }

  async revokeOthers(): Promise<void> {
    const engine = this.requireEngine();
    const list = await engine.installations();
    const others = list.filter((i) => !i.current).map((i) => i.id);
    await engine.revokeInstallations(others);
  }

  #onWallet = (): void => {
    const account = this.#kit.wallet.account?.toLowerCase() ?? null;
    if (account === this.account || (!this.engine && this.phase === 'idle')) return;
    // Another account (or none): this client is not theirs.
    this.engine?.close();
    this.engine = null;
    this.account = null;
    this.#feeds.clear();
    this.#clearRetry();
    this.#set({ phase: 'idle', progress: null, error: null, connection: 'connecting' });
  };
}

const contexts = new Map<string, Messaging>();

/** The page's messaging context for `kit`'s XMTP network (one client per network and page). */
export function getMessaging(kit: MessagingEnv): Messaging {
  const { env, apiUrl, gatewayHost } = kit.config.xmtp;
  const key = `${env}|${apiUrl ?? ''}|${gatewayHost ?? ''}`;
  let messaging = contexts.get(key);
  if (!messaging) {
    messaging = new Messaging(kit);
    contexts.set(key, messaging);
  }
  return messaging;
}
