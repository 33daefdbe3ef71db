/**
 * A tip receipt in a chat is a claim: any XMTP client can post "Tip sent,
 * 5 ETH" with any hash. This checks the claim against the chain and answers
 * with a code the chat turns into words; it never throws and has no DOM.
 *
 *   verifyReceipt(client, claim, options) → ReceiptCheck
 *
 *   confirmed    mined, succeeded, and it moved exactly what the message says
 *                (sender, recipient, token, amount). `token.listed: false`
 *                means the token is not one the kit was configured with: only
 *                a contract that calls itself `token.symbol` (anyone can deploy
 *                one), so show its address beside the symbol.
 *   pending      the node knows the transaction; no block holds it yet.
 *   not-found    the node does not know the hash (or it is not a hash).
 *   failed       mined and reverted: nothing moved.
 *   incomplete   the message leaves out the sender, the recipient, the amount
 *                (or says 0) or the currency, so there is nothing to confirm.
 *                Checked before any request.
 *   mismatch     mined, but not what the message says; `field` names the first
 *                difference in the order token, sender, from, to, amount.
 *                `sender`: the claimed `from` is not one of the message
 *                author's addresses (`options.senderAddresses`, checked before
 *                any request), or, for an unlisted token, the transaction was
 *                signed by someone else (`actual`). A value the message gives
 *                that cannot be one (an address that is not 0x + 40 hex, a
 *                negative amount) is a mismatch with `actual: null`.
 *   unavailable  the node did not answer, or answered something that is not a
 *                transaction: no verdict. Try again later.
 *
 * Amounts are compared as values, not digits: the claim's `amount` is scaled by
 * its `decimals` (XMTP metadata moves trailing zeros into `decimals`, see
 * messaging/amount.ts), the chain's by the token's decimals. The kit's own
 * sender rounds amounts with more than 15 significant digits to 15, so such a
 * rounded claim matches too; `confirmed.amount` is always the chain's value, and
 * is what to show.
 *
 * Which transfers count: the transaction's own value (native coin, to `tx.to`),
 * and ERC-20 `Transfer(from, to, value)` logs with a positive value. A log
 * counts for a claimed currency only when the contract that emitted it is the
 * configured token with that symbol (a look-alike "USDC" elsewhere does not),
 * or, for a symbol the kit has no token for, a contract whose `symbol()` says
 * so and whose transfer the transaction's signer made (any contract can emit a
 * Transfer log naming anyone). Zero-value transfers never count: anyone can make
 * a token log one "from" someone else.
 *
 * Cache: what a mined transaction did is final (a re-org after a tip is
 * displayed is not noticed in this page's life), so it is kept, keyed by chain
 * and hash, and every later claim about it is checked without a request.
 * "Not found" is kept briefly (`notFoundMs`): a transaction just sent may not
 * have reached this node yet. Pending and unavailable are never kept. Lookups
 * of the same hash in flight at once share one request.
 *
 * Plain JSON-RPC through the kit's viem client and a small ABI reader of our
 * own: no viem code in this chunk beyond the client handed in.
 */
import type { Client } from 'viem';
import { toChecksumAddress, type Address } from '../internal/address.js';
import type { ChainConfig, TokenConfig } from '../config/chains.js';

/** What a receipt message says was sent. Remote data: any field may be anything. */
export interface TransferClaim {
  hash: string;
  from: string | null;
  to: string | null;
  /** The amount, scaled by `decimals`: `amount / 10^decimals` whole tokens. */
  amount: bigint | null;
  /** The scale of `amount` (XMTP metadata's `decimals`); null: `amount` is in the token's own base units. */
  decimals: number | null;
  /** The token's symbol as the message writes it (`ETH`, `usdc`). */
  currency: string | null;
}

/** What moved, as the chain and the kit's configuration say. */
export type ReceiptToken = { kind: 'native'; symbol: string; decimals: number } | { kind: 'erc20'; address: Address; symbol: string; decimals: number; listed: boolean };

export type MismatchField = 'token' | 'sender' | 'from' | 'to' | 'amount';

export type ReceiptCheck =
  | { status: 'confirmed'; token: ReceiptToken; from: Address; to: Address; /** base units of `token` */ amount: bigint; blockNumber: bigint }
  | { status: 'pending' }
  | { status: 'not-found' }
  | { status: 'failed' }
  | { status: 'incomplete'; missing: 'from' | 'to' | 'amount' | 'currency' }
  | {
      status: 'mismatch';
      field: MismatchField;
      /** What the message says (from, to, token: its text, at most 80 characters); null for amount. */
      claimed: string | null;
      /** What the chain shows: an address, a token symbol (or address when it has none), or base units of `token`; null when the claimed value cannot be one. */
      actual: string | null;
      /**
       * amount: the token the chain moved, to format `actual`. token: what it
       * moved instead, when known (an unlisted token's `address` tells a
       * look-alike "USDC" from the configured one).
       */
      token?: ReceiptToken;
    }
  | { status: 'unavailable'; reason: string };

export interface VerifyOptions {
  /** The chain's native coin; default the client's chain's. Without one, native claims are `unavailable`. */
  nativeSymbol?: string;
  nativeDecimals?: number;
  /** The chain's configured tokens (`ChainConfig.tokens`: the key is the symbol when the entry has none). */
  tokens?: Readonly<Record<string, TokenConfig>> | readonly TokenConfig[];
  /** The addresses of the message's author; when given, the claimed `from` must be one of them. */
  senderAddresses?: readonly string[];
  /** Where verdicts are kept; default the shared `receiptCache`; null keeps nothing. */
  cache?: ReceiptCache | null;
}

/** Options for a chain of the kit's configuration. */
export function verifyOptionsFor(chain: Pick<ChainConfig, 'nativeCurrency' | 'tokens'>, senderAddresses?: readonly string[]): VerifyOptions {
  return { nativeSymbol: chain.nativeCurrency.symbol, nativeDecimals: chain.nativeCurrency.decimals, tokens: chain.tokens ?? {}, ...(senderAddresses ? { senderAddresses } : {}) };
}

/**
 * The claim in a chat's transaction reference (`ChatTransaction`, whose amount
 * is a decimal string, possibly with a fraction another client sent: `0.25`
 * at decimals 2 is 25 at decimals 4). An amount that is not a plain decimal
 * becomes null (→ incomplete).
 */
export function claimFromTransaction(tx: { hash: string; amount: string | null; decimals: number | null; currency: string | null; from: string | null; to: string | null }): TransferClaim {
  let amount: bigint | null = null;
  let decimals = typeof tx.decimals === 'number' ? tx.decimals : null;
  const match = typeof tx.amount === 'string' && tx.amount.length <= 100 ? /^(\d+)(?:\.(\d+))?$/.exec(tx.amount) : null;
  if (match) {
    const fraction = match[2] ?? '';
    amount = BigInt(match[1]! + fraction);
    if (fraction) decimals = (decimals ?? 0) + fraction.length;
  }
  return { hash: tx.hash, from: tx.from, to: tx.to, amount, decimals, currency: tx.currency };
}

/** A chain id from a transaction reference's network id (`31337`, `eip155:8453`, `0x2105`); null when it is none. */
export function chainIdOf(networkId: string): number | null {
  const text = typeof networkId === 'string' ? networkId.trim().replace(/^eip155:/i, '') : '';
  const id = /^0x[0-9a-f]{1,13}$/i.test(text) ? Number.parseInt(text, 16) : /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/* ------------------------------------------------------------------ */
/* What the chain says                                                 */
/* ------------------------------------------------------------------ */

/** One movement of value in a mined transaction. Addresses lower-case; token 'native' or the contract. */
interface Transfer {
  token: 'native' | Address;
  from: string;
  to: string;
  amount: bigint;
}

/** What a mined transaction did: final, so it is cached. */
interface Facts {
  success: boolean;
  signer: string;
  blockNumber: bigint;
  transfers: Transfer[];
}

type Lookup = { kind: 'mined'; facts: Facts } | { kind: 'pending' } | { kind: 'not-found' };

/** An ERC-20's symbol and decimals as read on chain; null: not a token. */
type TokenInfo = { symbol: string | null; decimals: number } | null;

/** The node did not answer usefully: no verdict. */
class Unavailable extends Error {}

/** keccak256("Transfer(address,address,uint256)") */
const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';
const HASH = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const QUANTITY = /^0x[0-9a-fA-F]{1,64}$/;
/** Claimed amounts stop at 100 digits (a uint256 has 78; the rest is room for a scale). */
const MAX_CLAIMED_AMOUNT = 10n ** 100n;
/** At most this many unlisted token contracts are asked for their symbol per claim. */
const MAX_SYMBOL_READS = 4;

const SELECTOR_SYMBOL = '0x95d89b41';
const SELECTOR_DECIMALS = '0x313ce567';

function rpc<T>(client: Client, method: string, params: unknown[]): Promise<T> {
  return (client.request as unknown as (args: { method: string; params: unknown[] }) => Promise<T>)({ method, params });
}

/** A short, printable reason from any error. */
function reasonOf(error: unknown): string {
  const e = error as { shortMessage?: unknown; message?: unknown } | null;
  const text = typeof e?.shortMessage === 'string' ? e.shortMessage : typeof e?.message === 'string' ? e.message : String(error);
  return clean(text.split('\n')[0] ?? '', 120) || 'no answer';
}

/** Remote text made printable and short: no control, zero-width or direction characters. */
function clean(text: string, max: number): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '').trim().slice(0, max);
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Unavailable(`malformed ${what}`);
  return value as Record<string, unknown>;
}

function quantity(value: unknown, what: string): bigint {
  if (typeof value !== 'string' || !QUANTITY.test(value)) throw new Unavailable(`malformed ${what}`);
  return BigInt(value);
}

function address(value: unknown, what: string): string {
  if (typeof value !== 'string' || !ADDRESS.test(value)) throw new Unavailable(`malformed ${what}`);
  return value.toLowerCase();
}

/** The address in an indexed topic (12 zero bytes, then 20), or null. */
function topicAddress(topic: unknown): string | null {
  return typeof topic === 'string' && /^0x0{24}[0-9a-fA-F]{40}$/.test(topic) ? `0x${topic.slice(26).toLowerCase()}` : null;
}

/** What a mined transaction moved, from the node's transaction and receipt. */
function factsOf(hash: string, rawTx: unknown, rawReceipt: unknown): Facts {
  const tx = object(rawTx, 'transaction');
  const receipt = object(rawReceipt, 'receipt');
  if (typeof tx.hash !== 'string' || tx.hash.toLowerCase() !== hash) throw new Unavailable('the node answered for another transaction');
  if (typeof receipt.transactionHash !== 'string' || receipt.transactionHash.toLowerCase() !== hash) throw new Unavailable('the node answered for another receipt');
  const status = receipt.status;
  if (status !== '0x1' && status !== '0x0') throw new Unavailable('malformed receipt status');
  const signer = address(tx.from, 'sender');
  const to = tx.to === null || tx.to === undefined ? null : address(tx.to, 'recipient');
  const value = quantity(tx.value, 'value');
  const blockNumber = quantity(receipt.blockNumber, 'block number');
  if (!Array.isArray(receipt.logs)) throw new Unavailable('malformed receipt logs');
  const transfers: Transfer[] = [];
  if (to && value > 0n) transfers.push({ token: 'native', from: signer, to, amount: value });
  for (const raw of receipt.logs as unknown[]) {
    const log = object(raw, 'log');
    const topics = log.topics;
    // ERC-721's Transfer has the same signature with a fourth (indexed) topic: not a token amount.
    if (log.removed === true || !Array.isArray(topics) || topics.length !== 3 || String(topics[0]).toLowerCase() !== TRANSFER_TOPIC) continue;
    const from = topicAddress(topics[1]);
    const recipient = topicAddress(topics[2]);
    if (!from || !recipient || typeof log.data !== 'string' || !HASH.test(log.data)) continue;
    const amount = BigInt(log.data);
    if (amount > 0n) transfers.push({ token: address(log.address, 'log address') as Address, from, to: recipient, amount });
  }
  return { success: status === '0x1', signer, blockNumber, transfers };
}

/** Asks the node about `hash`. Throws `Unavailable` when it does not answer or answers garbage. */
async function lookUp(client: Client, hash: string): Promise<Lookup> {
  let tx: unknown;
  let receipt: unknown;
  try {
    [tx, receipt] = await Promise.all([rpc<unknown>(client, 'eth_getTransactionByHash', [hash]), rpc<unknown>(client, 'eth_getTransactionReceipt', [hash])]);
  } catch (error) {
    throw new Unavailable(reasonOf(error));
  }
  if (receipt === null || receipt === undefined) {
    if (tx === null || tx === undefined) return { kind: 'not-found' };
    object(tx, 'transaction');
    return { kind: 'pending' };
  }
  // A receipt without its transaction: the node is mid-update or broken; ask again later.
  if (tx === null || tx === undefined) throw new Unavailable('receipt without transaction');
  return { kind: 'mined', facts: factsOf(hash, tx, receipt) };
}

/* ------------------------------------------------------------------ */
/* Token contracts                                                     */
/* ------------------------------------------------------------------ */

/** True when the node answered the call with a revert (the contract refused), not a transport failure. */
function isRevert(error: unknown): boolean {
  let e = error as { code?: unknown; message?: unknown; details?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 8; depth++, e = e.cause as typeof e) {
    if (e.code === 3 || /revert/i.test(`${String(e.message ?? '')} ${String(e.details ?? '')}`)) return true;
  }
  return false;
}

/** The call's return data; null when the contract reverts. */
async function call(client: Client, to: string, data: string): Promise<string | null> {
  try {
    const result = await rpc<unknown>(client, 'eth_call', [{ to, data }, 'latest']);
    if (typeof result !== 'string' || !/^0x(?:[0-9a-fA-F]{2})*$/.test(result)) throw new Unavailable('malformed call result');
    return result;
  } catch (error) {
    if (error instanceof Unavailable) throw error;
    if (isRevert(error)) return null;
    throw new Unavailable(reasonOf(error));
  }
}

/** `symbol()`'s answer: an ABI string, or bytes32 (old tokens); null when it is neither or reads as nothing. */
export function decodeSymbolResult(data: string): string | null {
  const bytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
  const body = data.slice(2);
  let raw: Uint8Array;
  if (body.length === 64) {
    const all = bytes(body);
    const end = all.indexOf(0);
    raw = end < 0 ? all : all.subarray(0, end);
  } else {
    if (body.length < 128) return null;
    const offset = BigInt(`0x${body.slice(0, 64)}`);
    if (offset > BigInt(body.length / 2 - 32)) return null;
    const start = Number(offset) * 2;
    const length = BigInt(`0x${body.slice(start, start + 64)}`);
    if (length > 64n || start + 64 + Number(length) * 2 > body.length) return null;
    raw = bytes(body.slice(start + 64, start + 64 + Number(length) * 2));
  }
  try {
    return clean(new TextDecoder('utf-8', { fatal: true }).decode(raw), 16) || null;
  } catch {
    return null;
  }
}

/** `decimals()`'s answer, or null. */
function decodeDecimals(data: string): number | null {
  if (!/^0x[0-9a-fA-F]{64}$/.test(data)) return null;
  const value = BigInt(data);
  return value <= 255n ? Number(value) : null;
}

/** Symbol and decimals of the contract at `token`; null when it answers neither like an ERC-20. */
async function readToken(client: Client, token: string): Promise<TokenInfo> {
  const [symbolData, decimalsData] = await Promise.all([call(client, token, SELECTOR_SYMBOL), call(client, token, SELECTOR_DECIMALS)]);
  const decimals = decimalsData === null ? null : decodeDecimals(decimalsData);
  if (decimals === null) return null;
  return { symbol: symbolData === null ? null : decodeSymbolResult(symbolData), decimals };
}

/* ------------------------------------------------------------------ */
/* Cache                                                               */
/* ------------------------------------------------------------------ */

/**
 * Mined transactions' facts (kept), "not found" (kept `notFoundMs`), token
 * contracts' symbol and decimals (kept), and lookups in flight. Bounded: the
 * oldest entries go first.
 */
export class ReceiptCache {
  readonly #max: number;
  readonly #notFoundMs: number;
  readonly #now: () => number;
  readonly #lookups = new Map<string, { kind: 'mined'; facts: Facts } | { kind: 'not-found'; until: number }>();
  readonly #tokens = new Map<string, TokenInfo>();
  readonly #inFlight = new Map<string, Promise<Lookup>>();

  constructor({ maxEntries = 500, notFoundMs = 30_000, now = Date.now }: { maxEntries?: number; notFoundMs?: number; now?: () => number } = {}) {
    this.#max = Math.max(1, maxEntries);
    this.#notFoundMs = notFoundMs;
    this.#now = now;
  }

  clear(): void {
    this.#lookups.clear();
    this.#tokens.clear();
  }

  /** @internal */
  lookUp(key: string, load: () => Promise<Lookup>): Promise<Lookup> {
    const kept = this.#lookups.get(key);
    if (kept?.kind === 'mined') return Promise.resolve(kept);
    if (kept && this.#now() < kept.until) return Promise.resolve({ kind: 'not-found' });
    let running = this.#inFlight.get(key);
    if (!running) {
      running = load()
        .then((found) => {
          if (found.kind === 'mined') remember(this.#lookups, key, found, this.#max);
          else if (found.kind === 'not-found') remember(this.#lookups, key, { kind: 'not-found', until: this.#now() + this.#notFoundMs }, this.#max);
          else this.#lookups.delete(key);
          return found;
        })
        .finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, running);
    }
    return running;
  }

  /** @internal */
  async token(key: string, load: () => Promise<TokenInfo>): Promise<TokenInfo> {
    if (this.#tokens.has(key)) return this.#tokens.get(key)!;
    const info = await load();
    remember(this.#tokens, key, info, this.#max);
    return info;
  }
}

function remember<T>(map: Map<string, T>, key: string, value: T, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value!);
}

/** The cache every caller shares unless it passes its own. */
export const receiptCache = new ReceiptCache();

/** A throwaway cache for callers that keep nothing. */
const noCache = () => new ReceiptCache({ maxEntries: 1, notFoundMs: 0 });

/* ------------------------------------------------------------------ */
/* Verdict                                                             */
/* ------------------------------------------------------------------ */

const claimedText = (value: unknown) => (typeof value === 'string' ? clean(value, 80) : null);
const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Listed tokens as [symbol, address, decimals?], whichever form they came in. */
function listedTokens(tokens: VerifyOptions['tokens']): { symbol: string; address: string; decimals?: number }[] {
  const entries: [string | undefined, TokenConfig][] = Array.isArray(tokens)
    ? (tokens as readonly TokenConfig[]).map((t) => [undefined, t])
    : Object.entries((tokens ?? {}) as Record<string, TokenConfig>);
  const out: { symbol: string; address: string; decimals?: number }[] = [];
  for (const [key, token] of entries) {
    const symbol = token?.symbol ?? key;
    if (typeof symbol !== 'string' || typeof token?.address !== 'string' || !ADDRESS.test(token.address)) continue;
    const decimals = Number.isSafeInteger(token.decimals) && token.decimals! >= 0 && token.decimals! <= 255 ? token.decimals : undefined;
    out.push({ symbol, address: token.address.toLowerCase(), decimals });
  }
  return out;
}

/** `amount` (base units of a token with `tokenDecimals`) is the claimed value, exactly or as the kit's sender rounds it (15 significant digits). */
function sameAmount(amount: bigint, tokenDecimals: number, claimed: bigint, claimedDecimals: number | null): boolean {
  const scale = claimedDecimals ?? tokenDecimals;
  const claim = claimed * 10n ** BigInt(tokenDecimals);
  if (amount * 10n ** BigInt(scale) === claim) return true;
  const digits = amount.toString();
  if (digits.length <= 15) return false;
  const rounded = (BigInt(digits.slice(0, 15)) + (Number(digits[15]) >= 5 ? 1n : 0n)) * 10n ** BigInt(digits.length - 15);
  return rounded * 10n ** BigInt(scale) === claim;
}

/** The claim's problems that need no request, or its validated parts. */
function precheck(claim: TransferClaim, options: VerifyOptions): ReceiptCheck | { hash: string; from: string; to: string; amount: bigint; decimals: number | null; currency: string } {
  const c = (claim ?? {}) as Partial<Record<keyof TransferClaim, unknown>>;
  if (typeof c.hash !== 'string' || !HASH.test(c.hash)) return { status: 'not-found' };
  const present = (v: unknown) => v !== null && v !== undefined && v !== '';
  if (!present(c.from)) return { status: 'incomplete', missing: 'from' };
  if (!present(c.to)) return { status: 'incomplete', missing: 'to' };
  if (!present(c.currency)) return { status: 'incomplete', missing: 'currency' };
  if (!present(c.amount) || c.amount === 0n) return { status: 'incomplete', missing: 'amount' };
  const currency = typeof c.currency === 'string' ? c.currency.trim() : '';
  if (!currency || currency.length > 32) return { status: 'mismatch', field: 'token', claimed: claimedText(c.currency), actual: null };
  const decimals = c.decimals === null || c.decimals === undefined ? null : c.decimals;
  const amountValid = typeof c.amount === 'bigint' && c.amount > 0n && c.amount < MAX_CLAIMED_AMOUNT;
  const decimalsValid = decimals === null || (typeof decimals === 'number' && Number.isSafeInteger(decimals) && decimals >= 0 && decimals <= 255);
  if (typeof c.from !== 'string' || !ADDRESS.test(c.from.trim())) return { status: 'mismatch', field: 'from', claimed: claimedText(c.from), actual: null };
  const from = c.from.trim().toLowerCase();
  if (options.senderAddresses && !options.senderAddresses.some((a) => typeof a === 'string' && a.toLowerCase() === from)) {
    return { status: 'mismatch', field: 'sender', claimed: claimedText(c.from), actual: null };
  }
  if (typeof c.to !== 'string' || !ADDRESS.test(c.to.trim())) return { status: 'mismatch', field: 'to', claimed: claimedText(c.to), actual: null };
  if (!amountValid || !decimalsValid) return { status: 'mismatch', field: 'amount', claimed: null, actual: null };
  return { hash: c.hash.toLowerCase(), from, to: c.to.trim().toLowerCase(), amount: c.amount as bigint, decimals: decimals as number | null, currency };
}

/**
 * Checks a tip receipt's claim on the chain `client` reads. Never throws: a
 * node that does not answer is `unavailable`.
 */
export async function verifyReceipt(client: Client, claim: TransferClaim, options: VerifyOptions = {}): Promise<ReceiptCheck> {
  try {
    return await verify(client, claim, options);
  } catch (error) {
    return { status: 'unavailable', reason: error instanceof Unavailable ? error.message : reasonOf(error) };
  }
}

async function verify(client: Client, claim: TransferClaim, options: VerifyOptions): Promise<ReceiptCheck> {
  const checked = precheck(claim, options);
  if ('status' in checked) return checked;
  const cache = options.cache === null ? noCache() : (options.cache ?? receiptCache);
  const chainKey = client.chain?.id !== undefined ? `chain:${client.chain.id}` : `client:${client.uid}`;

  const found = await cache.lookUp(`${chainKey}:${checked.hash}`, () => lookUp(client, checked.hash));
  if (found.kind !== 'mined') return { status: found.kind };
  const { facts } = found;
  if (!facts.success) return { status: 'failed' };

  const nativeSymbol = options.nativeSymbol ?? client.chain?.nativeCurrency?.symbol;
  const nativeDecimals = options.nativeDecimals ?? client.chain?.nativeCurrency?.decimals ?? 18;
  const listed = listedTokens(options.tokens);
  const tokenInfo = (address: string) => cache.token(`${chainKey}:${address}`, () => readToken(client, address));

  /** The token each transfer moved, as far as it is known without reading. */
  const describe = async (token: Transfer['token']): Promise<ReceiptToken | null> => {
    if (token === 'native') return nativeSymbol ? { kind: 'native', symbol: nativeSymbol, decimals: nativeDecimals } : null;
    const config = listed.find((t) => t.address === token);
    const info = config?.decimals !== undefined ? null : await tokenInfo(token);
    const decimals = config?.decimals ?? info?.decimals;
    const symbol = config?.symbol ?? info?.symbol;
    if (decimals === undefined || !symbol) return null;
    return { kind: 'erc20', address: toChecksumAddress(token)!, symbol, decimals, listed: !!config };
  };

  // 1. Token: the transfers of the claimed currency.
  let candidates: { transfer: Transfer; token: ReceiptToken }[] = [];
  if (nativeSymbol !== undefined && sameText(checked.currency, nativeSymbol)) {
    for (const transfer of facts.transfers) if (transfer.token === 'native') candidates.push({ transfer, token: (await describe('native'))! });
  } else if (listed.some((t) => sameText(t.symbol, checked.currency))) {
    const addresses = listed.filter((t) => sameText(t.symbol, checked.currency)).map((t) => t.address);
    for (const transfer of facts.transfers) {
      if (transfer.token === 'native' || !addresses.includes(transfer.token)) continue;
      const token = await describe(transfer.token);
      if (!token) throw new Unavailable('the configured token does not say its decimals');
      candidates.push({ transfer, token });
    }
  } else {
    // A symbol the kit has no token for: ask the contracts that moved something (those the claimed sender moved first).
    const unlisted = facts.transfers.filter((t) => t.token !== 'native' && !listed.some((l) => l.address === t.token));
    const contracts = [...new Set([...unlisted.filter((t) => t.from === checked.from), ...unlisted].map((t) => t.token))].slice(0, MAX_SYMBOL_READS);
    for (const transfer of unlisted) {
      if (!contracts.includes(transfer.token)) continue;
      const token = await describe(transfer.token);
      if (token && sameText(token.symbol, checked.currency)) candidates.push({ transfer, token });
    }
  }
  if (!candidates.length) {
    // Without the native coin's symbol, "5 ETH" cannot be told apart from a token claim: no verdict.
    if (nativeSymbol === undefined) throw new Unavailable('the chain’s native currency is not configured');
    const first = facts.transfers[0];
    const token = first ? await describe(first.token).catch(() => null) : null;
    const actual = token?.symbol ?? (first && first.token !== 'native' ? toChecksumAddress(first.token) : null);
    return { status: 'mismatch', field: 'token', claimed: claimedText(checked.currency), actual, ...(token ? { token } : {}) };
  }

  // 2. Narrow to the transfers the claim describes; the first field that leaves none is the mismatch.
  const narrow = (keep: (c: (typeof candidates)[number]) => boolean, field: MismatchField, claimed: string | null, actual: (c: (typeof candidates)[number]) => string): ReceiptCheck | null => {
    const kept = candidates.filter(keep);
    if (kept.length) {
      candidates = kept;
      return null;
    }
    const first = candidates[0]!;
    return { status: 'mismatch', field, claimed, actual: actual(first), ...(field === 'amount' ? { token: first.token } : {}) };
  };
  const mismatch =
    // An unlisted token's transfer counts only when the transaction's signer made it.
    narrow((c) => c.token.kind === 'native' || c.token.listed || c.transfer.from === facts.signer, 'sender', claimedText(claim.from), () => toChecksumAddress(facts.signer)!) ??
    narrow((c) => c.transfer.from === checked.from, 'from', claimedText(claim.from), (c) => toChecksumAddress(c.transfer.from)!) ??
    narrow((c) => c.transfer.to === checked.to, 'to', claimedText(claim.to), (c) => toChecksumAddress(c.transfer.to)!) ??
    narrow((c) => sameAmount(c.transfer.amount, c.token.decimals, checked.amount, checked.decimals), 'amount', null, (c) => c.transfer.amount.toString());
  if (mismatch) return mismatch;

  const { transfer, token } = candidates[0]!;
  return { status: 'confirmed', token, from: toChecksumAddress(transfer.from)!, to: toChecksumAddress(transfer.to)!, amount: transfer.amount, blockNumber: facts.blockNumber };
}
