/**
 * The tip's inputs as the page wrote them (`to`, `token`, `chain`, `presets`,
 * `amount`) checked before anything touches the network. Every refusal is a
 * stable error code plus a message key, so the element always has a sentence
 * to show. Pure functions, no DOM, no viem.
 */
import type { MaskErrorCode } from '../events/error-codes.js';
import { toChecksumAddress, type Address } from '../internal/address.js';
import type { Sentence } from '../internal/errors.js';
import { addMessages } from '../internal/i18n.js';
import { ellipsize, stripBidiControls } from '../internal/clip.js';
import { findChain, type ChainConfig } from '../config/chains.js';
import { parseAmount, type AmountProblem } from './amount.js';
import { tipMessages, type TipMessageKey } from './tip.messages.js';

// The lazy chunk's sentences join the English catalogue when it loads (the entry keeps first-paint strings only).
addMessages('en', tipMessages as unknown as Parameters<typeof addMessages>[1]);

export interface Problem {
  code: MaskErrorCode;
  key: TipMessageKey;
  vars?: Sentence['vars'];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export type RecipientInput = { kind: 'address'; address: Address } | { kind: 'name'; name: string };

export type TokenInput =
  | { kind: 'native'; symbol: string; decimals: number }
  | { kind: 'erc20'; address: Address; /** configured symbol, if any (the chain's wins) */ symbol?: string };

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** User input quoted in a sentence: one line, at most 42 characters. */
export function quote(value: unknown): string {
  const text = stripBidiControls(String(value ?? ''))
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .trim();
  return ellipsize(text, 42);
}

const problem = (code: MaskErrorCode, key: TipMessageKey, vars?: Problem['vars']): { ok: false; problem: Problem } => ({
  ok: false,
  problem: { code, key, vars },
});

/**
 * `to`: a 0x address (EIP-55 checked when mixed case), or a name for the
 * identity service (ENS `alice.eth`, Lens `lens/stani` or `stani.lens`).
 */
export function parseRecipient(value: unknown): Checked<RecipientInput> {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return problem('invalid-recipient', 'tip.recipient.empty');
  if (/^0x/i.test(text) && !text.includes('.')) {
    const address = toChecksumAddress(text);
    if (!address) return problem('invalid-recipient', 'tip.recipient.badAddress', { value: quote(text) });
    if (address === ZERO_ADDRESS) return problem('invalid-recipient', 'tip.recipient.zero');
    return { ok: true, value: { kind: 'address', address } };
  }
  const looksLikeName =
    text.length <= 255 &&
    !/[\s\u0000-\u001f\u007f-\u009f/\\]/.test(text.replace(/^lens\//i, '')) &&
    (/^lens\/./i.test(text) || /^[^.]+(\.[^.]+)+$/.test(text));
  if (!looksLikeName) return problem('invalid-recipient', 'tip.recipient.notName', { value: quote(text) });
  return { ok: true, value: { kind: 'name', name: text } };
}

/** `chain`: a configured chain id, key or name; empty = the kit's default chain. */
export function parseChain(value: unknown, chains: readonly ChainConfig[], defaultChain: number): Checked<ChainConfig> {
  const text = typeof value === 'string' ? value.trim() : value == null ? '' : String(value);
  const chain = findChain(chains, text || defaultChain);
  if (chain) return { ok: true, value: chain };
  return problem('unsupported-chain', 'tip.chain.unknown', { value: quote(text), chains: chains.map((c) => c.key).join(', ') });
}

/**
 * `token`: `native` (or empty, or the chain's native symbol), a symbol from the
 * chain's configured tokens (`USDC`), or an ERC-20 address.
 */
export function parseToken(value: unknown, chain: ChainConfig): Checked<TokenInput> {
  const text = typeof value === 'string' ? value.trim() : '';
  const native = chain.nativeCurrency;
  if (!text || text.toLowerCase() === 'native' || text.toLowerCase() === native.symbol.toLowerCase()) {
    return { ok: true, value: { kind: 'native', symbol: native.symbol, decimals: native.decimals } };
  }
  if (/^0x/i.test(text)) {
    const address = toChecksumAddress(text);
    if (!address || address === ZERO_ADDRESS) return problem('invalid-token', 'tip.token.badAddress', { value: quote(text) });
    const known = Object.entries(chain.tokens ?? {}).find(([, t]) => t.address.toLowerCase() === address.toLowerCase());
    return { ok: true, value: { kind: 'erc20', address, symbol: known?.[1].symbol ?? known?.[0] } };
  }
  const entry = Object.entries(chain.tokens ?? {}).find(([symbol]) => symbol.toLowerCase() === text.toLowerCase());
  const address = entry ? toChecksumAddress(entry[1].address) : null;
  if (!entry || !address) {
    const known = ['native', ...Object.keys(chain.tokens ?? {})].join(', ');
    return problem('invalid-token', 'tip.token.unknown', { value: quote(text), chain: chain.name, known });
  }
  return { ok: true, value: { kind: 'erc20', address, symbol: entry[1].symbol ?? entry[0] } };
}

/** The message key for each refused amount. */
export const AMOUNT_MESSAGES: Record<AmountProblem, TipMessageKey> = {
  empty: 'tip.amount.empty',
  negative: 'tip.amount.negative',
  sign: 'tip.amount.sign',
  zero: 'tip.amount.zero',
  exponent: 'tip.amount.exponent',
  hex: 'tip.amount.hex',
  comma: 'tip.amount.comma',
  separator: 'tip.amount.separator',
  'not-a-number': 'tip.amount.notANumber',
  'too-many-decimals': 'tip.amount.decimals',
  'too-large': 'tip.amount.tooLarge',
};

/** A typed amount in base units, or the sentence saying why not. */
export function checkAmount(value: unknown, token: { symbol: string; decimals: number }): Checked<bigint> {
  const result = parseAmount(value, token.decimals);
  if (result.ok) return { ok: true, value: result.value };
  return problem('invalid-amount', AMOUNT_MESSAGES[result.problem], { value: quote(value), symbol: token.symbol, decimals: token.decimals });
}

/**
 * `presets="1,5,10"`: the valid amounts, normalised, without duplicates (at
 * most six). Invalid entries are dropped: a preset is a shortcut, and the
 * custom field is always there.
 */
export function parsePresets(value: unknown, decimals: number): string[] {
  if (typeof value !== 'string' || !value.trim()) return [];
  const out: string[] = [];
  for (const part of value.split(/[,;\s]+/)) {
    const result = parseAmount(part, decimals);
    if (result.ok && !out.includes(result.text)) out.push(result.text);
    if (out.length === 6) break;
  }
  return out;
}
