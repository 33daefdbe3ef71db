/**
 * What a tip asks of the chain: token metadata, balances, code at the
 * recipient, gas and fees, the transfer itself, the receipt, and revert
 * reasons in words. Plain JSON-RPC through the kit's viem client (batched)
 * and viem's ABI coder; our own receipt poll follows sped-up and replaced
 * transactions. No DOM.
 */
import { decodeErrorResult, decodeFunctionResult, encodeFunctionData, formatTransactionReceipt, hexToString, type Client, type Hex } from 'viem';
import type { Address } from '../internal/address.js';
import { rpcCode } from '../wallet/errors.js';
import { bytes32SymbolAbi, erc20Abi } from './erc20.js';

/** What is sent: the native coin, or an ERC-20 token by address. */
export type TokenRef = { kind: 'native' } | { kind: 'erc20'; address: Address };

export interface TxRequest {
  from: Address;
  to: Address;
  value: bigint;
  data?: Hex;
}

export interface TipReceipt {
  status: 'success' | 'reverted';
  blockNumber: bigint;
  transactionHash: Hex;
  gasUsed: bigint;
  /** The hash of the transaction that was actually mined, when the wallet replaced (sped up) ours. */
  replacedBy?: Hex;
  /** viem's full receipt object. */
  raw: unknown;
}

/** How a failure reads to a person. */
export type ChainProblem =
  | { kind: 'rejected' }
  | { kind: 'insufficient-funds' }
  | { kind: 'reverted'; reason: string | null }
  | { kind: 'rpc'; detail: string };

const hex = (value: bigint): Hex => `0x${value.toString(16)}`;

function rpc<T>(client: Client, method: string, params: unknown[]): Promise<T> {
  return (client.request as unknown as (args: { method: string; params: unknown[] }) => Promise<T>)({ method, params });
}

/** The transaction that moves `amount` of `token` to `to`. */
export function buildTransfer(from: Address, token: TokenRef, to: Address, amount: bigint): TxRequest {
  if (token.kind === 'native') return { from, to, value: amount };
  return { from, to: token.address, value: 0n, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] }) };
}

/** The JSON-RPC / EIP-1193 form of `tx`. */
export function rpcTransaction(tx: TxRequest): Record<string, string> {
  const out: Record<string, string> = { from: tx.from, to: tx.to, value: hex(tx.value) };
  if (tx.data) out.data = tx.data;
  return out;
}

async function callView(client: Client, to: Address, data: Hex): Promise<Hex> {
  return rpc<Hex>(client, 'eth_call', [{ to, data }, 'latest']);
}

/** The address answered, and it is not an ERC-20 token (no code, `decimals()` reverts or returns nothing readable). */
export class NotTokenError extends Error {
  override name = 'NotTokenError';
}

/**
 * True when the node ran the call and it reverted (JSON-RPC code 3, or a numbered RPC error that says
 * so). A transport failure (down, HTTP 5xx, timeout, unreadable answer) is not a revert: the caller must
 * report it as a network failure, never as a fact about the contract.
 */
export function isRevert(error: unknown): boolean {
  let e = error as { code?: unknown; details?: unknown; shortMessage?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++, e = e.cause as typeof e) {
    if (e.code === 3) return true;
    if (typeof e.code === 'number' && /revert/i.test(`${String(e.details ?? '')} ${String(e.shortMessage ?? '')}`)) return true;
  }
  return false;
}

/**
 * An ERC-20's symbol and decimals, read from the chain. Throws `NotTokenError`
 * only when the chain answered that the address is not a token (no code, no
 * readable `decimals()`); a node that did not answer throws its own error. A
 * missing symbol is null (the caller falls back to the configured one).
 */
export async function readTokenInfo(client: Client, address: Address): Promise<{ symbol: string | null; decimals: number }> {
  const [code, decimalsData, symbolData] = await Promise.all([
    readCode(client, address),
    callView(client, address, encodeFunctionData({ abi: erc20Abi, functionName: 'decimals' })).catch((error: unknown) => {
      if (isRevert(error)) return null;
      throw error;
    }),
    callView(client, address, encodeFunctionData({ abi: erc20Abi, functionName: 'symbol' })).catch(() => '0x' as Hex),
  ]);
  if (code === '0x') throw new NotTokenError(`no contract at ${address}`);
  if (decimalsData === null) throw new NotTokenError(`decimals() reverts at ${address}`);
  let decimals: number;
  try {
    decimals = Number(decodeFunctionResult({ abi: erc20Abi, functionName: 'decimals', data: decimalsData }));
  } catch (error) {
    throw new NotTokenError(`decimals() at ${address} returned no number`, { cause: error });
  }
  if (!Number.isSafeInteger(decimals) || decimals < 0 || decimals > 255) throw new NotTokenError(`bad decimals ${decimals}`);
  return { symbol: decodeSymbol(symbolData), decimals };
}

function decodeSymbol(data: Hex): string | null {
  let symbol: string | null = null;
  try {
    symbol = decodeFunctionResult({ abi: erc20Abi, functionName: 'symbol', data });
  } catch {
    try {
      symbol = hexToString(decodeFunctionResult({ abi: bytes32SymbolAbi, functionName: 'symbol', data }), { size: 32 });
    } catch {
      return null;
    }
  }
  // Remote text: printable, short, no control characters; a longer symbol is cut with "…" (whole characters, never half a pair).
  const clean = [...symbol.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim()];
  if (!clean.length) return null;
  return clean.length > 16 ? `${clean.slice(0, 15).join('')}…` : clean.join('');
}

export async function readCode(client: Client, address: Address): Promise<Hex> {
  return rpc<Hex>(client, 'eth_getCode', [address, 'latest']);
}

/**
 * True when `code` is a contract a tip could get stuck in. An EIP-7702
 * delegation designator (`0xef0100` + address) marks an ordinary account
 * that delegates to code: its owner still holds the key, so it is not one.
 */
export function isContractCode(code: Hex): boolean {
  if (!code || code === '0x') return false;
  return !(code.length === 48 && code.toLowerCase().startsWith('0xef0100'));
}

export async function readBalances(client: Client, account: Address, token: TokenRef): Promise<{ native: bigint; token: bigint }> {
  const native = rpc<Hex>(client, 'eth_getBalance', [account, 'latest']).then(BigInt);
  if (token.kind === 'native') {
    const value = await native;
    return { native: value, token: value };
  }
  const data = encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [account] });
  const [n, t] = await Promise.all([native, callView(client, token.address, data)]);
  return { native: n, token: decodeFunctionResult({ abi: erc20Abi, functionName: 'balanceOf', data: t }) };
}

/**
 * The most a wallet will charge per unit of gas right now: twice the base fee
 * plus the priority fee (what wallets offer by default), or the legacy gas price.
 */
export async function readMaxFeePerGas(client: Client): Promise<bigint> {
  const block = await rpc<{ baseFeePerGas?: Hex } | null>(client, 'eth_getBlockByNumber', ['latest', false]);
  if (block?.baseFeePerGas) {
    const tip = await rpc<Hex>(client, 'eth_maxPriorityFeePerGas', [])
      .then(BigInt)
      .catch(() => 1_000_000_000n);
    return BigInt(block.baseFeePerGas) * 2n + tip;
  }
  return BigInt(await rpc<Hex>(client, 'eth_gasPrice', []));
}

/** Gas for `tx`; throws the node's error (a revert carries its reason). */
export async function estimateGas(client: Client, tx: TxRequest): Promise<bigint> {
  return BigInt(await rpc<Hex>(client, 'eth_estimateGas', [rpcTransaction(tx)]));
}

/** Asks the wallet to send `tx`; resolves with the hash. */
export async function sendTransaction(request: (args: { method: string; params?: unknown }) => Promise<unknown>, tx: TxRequest): Promise<Hex> {
  const hash = await request({ method: 'eth_sendTransaction', params: [rpcTransaction(tx)] });
  if (typeof hash !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(hash)) throw new Error(`The wallet returned no transaction hash (${String(hash).slice(0, 80)}).`);
  return hash as Hex;
}

/** A transaction as the node reports it (the fields a replacement check needs). */
interface RpcTransaction {
  hash: Hex;
  from: Hex;
  to: Hex | null;
  nonce: Hex;
  value: Hex;
  input: Hex;
  blockNumber: Hex | null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits for the receipt of `hash` (one confirmation), following replacements
 * (a sped-up transaction). Rejects when the wallet cancelled it, and after
 * `timeout` with `WatchTimeoutError` (the transaction may still be mined).
 *
 * It asks for the receipt on every poll rather than on new blocks: viem's
 * block-driven watcher skips a block event that arrives while it is still
 * checking for a replacement, and on a chain that mines only when it gets a
 * transaction (anvil, Hardhat: what developers try the kit on) that event is
 * the only one, so the tip would sit in "pending" until the timeout.
 */
export async function waitForReceipt(client: Client, hash: Hex, options: { pollingInterval?: number; timeout?: number } = {}): Promise<TipReceipt> {
  const pollingInterval = options.pollingInterval ?? 1000;
  const deadline = Date.now() + (options.timeout ?? 15 * 60_000);
  let watched = hash;
  let original: RpcTransaction | undefined;
  let replacedBy: Hex | undefined;
  let cancelled = false;
  let scannedTo: bigint | undefined;
  for (;;) {
    const raw = await rpc<Record<string, unknown> | null>(client, 'eth_getTransactionReceipt', [watched]);
    if (raw) {
      if (cancelled) throw new CancelledError();
      const receipt = formatTransactionReceipt(raw as never);
      return { status: receipt.status, blockNumber: receipt.blockNumber, transactionHash: receipt.transactionHash, gasUsed: receipt.gasUsed, replacedBy, raw: receipt };
    }
    if (!replacedBy) {
      const tx = await rpc<RpcTransaction | null>(client, 'eth_getTransactionByHash', [hash]);
      if (tx) original ??= tx;
      else if (original) {
        // Gone from the node: replaced when the sender's nonce has moved past ours.
        const latest = BigInt(await rpc<Hex>(client, 'eth_blockNumber', []));
        const used = BigInt(await rpc<Hex>(client, 'eth_getTransactionCount', [original.from, hex(latest)]));
        if (used > BigInt(original.nonce)) {
          const found = await findReplacement(client, original, latest, scannedTo);
          scannedTo = latest;
          if (found) {
            replacedBy = found.hash;
            watched = found.hash;
            // A cancellation sends nothing to anyone: to itself, no value, no data.
            cancelled = found.to?.toLowerCase() === original.from.toLowerCase() && BigInt(found.value) === 0n && (found.input === '0x' || !found.input);
            continue;
          }
        }
      }
    }
    if (Date.now() > deadline) throw new WatchTimeoutError(hash);
    await sleep(pollingInterval);
  }
}

/** The mined transaction of `original`'s sender with its nonce, looking back from `latest` (at most 64 blocks, or to `after`). */
async function findReplacement(client: Client, original: RpcTransaction, latest: bigint, after?: bigint): Promise<RpcTransaction | undefined> {
  const from = original.from.toLowerCase();
  const stop = after ?? (latest > 64n ? latest - 64n : -1n);
  for (let n = latest; n > stop && n >= 0n; n--) {
    const block = await rpc<{ transactions: RpcTransaction[] } | null>(client, 'eth_getBlockByNumber', [hex(n), true]);
    const found = block?.transactions.find((tx) => tx.from.toLowerCase() === from && BigInt(tx.nonce) === BigInt(original.nonce));
    if (found) return found;
  }
  return undefined;
}

/** Watching the transaction took longer than allowed; it may still be mined. */
export class WatchTimeoutError extends Error {
  constructor(hash: Hex) {
    super(`No receipt for ${hash} yet.`);
  }
}

export class CancelledError extends Error {
  constructor() {
    super('The transaction was cancelled in the wallet.');
  }
}

/**
 * Why a mined transaction reverted: replays it as a call on the state of its
 * block. Null when the node will not say.
 */
export async function replayRevert(client: Client, tx: TxRequest, blockNumber: bigint): Promise<string | null> {
  try {
    await rpc(client, 'eth_call', [rpcTransaction(tx), hex(blockNumber)]);
    return null;
  } catch (error) {
    const problem = explainError(error);
    return problem.kind === 'reverted' ? problem.reason : null;
  }
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  details?: unknown;
  shortMessage?: unknown;
  data?: unknown;
  cause?: unknown;
  name?: unknown;
}

/** Every error in a `cause` chain (viem and wallets nest them). */
function chain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let e = error as ErrorLike | undefined;
  while (e && typeof e === 'object' && out.length < 8 && !out.includes(e)) {
    out.push(e);
    e = e.cause as ErrorLike | undefined;
  }
  return out;
}

/** Revert data found anywhere in an error (`data`, `data.data`, `data.originalError.data`). */
function revertData(errors: ErrorLike[]): Hex | null {
  for (const e of errors) {
    const d = e.data as { data?: unknown; originalError?: { data?: unknown } } | string | undefined;
    for (const candidate of [d, typeof d === 'object' ? d?.data : undefined, typeof d === 'object' ? d?.originalError?.data : undefined]) {
      if (typeof candidate === 'string' && /^0x[0-9a-fA-F]{8,}$/.test(candidate)) return candidate as Hex;
    }
  }
  return null;
}

/** A revert payload in words: `Error(string)` text, a token error's name, a panic code. */
export function decodeRevert(data: Hex): string | null {
  try {
    // viem adds Error(string) and Panic(uint256) to any ABI at run time; its types only list ours.
    const decoded = decodeErrorResult({ abi: erc20Abi, data }) as { errorName: string; args?: readonly unknown[] };
    if (decoded.errorName === 'Error') return String(decoded.args?.[0] ?? '') || null;
    if (decoded.errorName === 'Panic') return `panic 0x${BigInt(decoded.args?.[0] as bigint).toString(16)}`;
    return decoded.errorName;
  } catch {
    return null;
  }
}

/** Sorts any error from the node or the wallet into what the person should hear. */
export function explainError(error: unknown): ChainProblem {
  const errors = chain(error);
  const text = errors.map((e) => [e.message, e.details, e.shortMessage].filter((s) => typeof s === 'string').join(' ')).join(' ');
  const code = rpcCode(error);
  if (code === 4001 || code === 4100 || errors.some((e) => e.name === 'UserRejectedRequestError')) return { kind: 'rejected' };
  if (/insufficient funds|exceeds balance|insufficient balance for transfer/i.test(text)) return { kind: 'insufficient-funds' };
  const data = revertData(errors);
  if (code === 3 || data || /revert/i.test(text)) {
    const fromData = data ? decodeRevert(data) : null;
    const fromText = /execution reverted:?\s*([^\n]*?)(?:\s*(?:Version:|URL:|Request body:|$))/i.exec(text)?.[1]?.trim() || null;
    return { kind: 'reverted', reason: (fromData ?? fromText)?.slice(0, 200) || null };
  }
  const detail = String(errors.find((e) => typeof e.details === 'string')?.details ?? errors[0]?.message ?? error).slice(0, 200);
  return { kind: 'rpc', detail };
}
