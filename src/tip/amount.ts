/**
 * Exact token amounts: typed text to base units (bigint) and back. No floats
 * anywhere: `0.1 + 0.2` never happens to anybody's money here.
 * Pure functions, no DOM, no viem.
 */
import { unitsToDecimal } from '../internal/format.js';

/** Why a typed amount was refused. Each has its own sentence (`tip.amount.*`). */
export type AmountProblem =
  | 'empty'
  | 'negative'
  | 'sign'
  | 'zero'
  | 'exponent'
  | 'hex'
  | 'comma'
  | 'separator'
  | 'not-a-number'
  | 'too-many-decimals'
  | 'too-large';

export type AmountResult =
  | { ok: true; value: bigint; /** the normalised text, e.g. `1.5` */ text: string }
  | { ok: false; problem: AmountProblem };

export const MAX_UINT256 = (1n << 256n) - 1n;

/** Longest text we look at; anything longer is not an amount a person typed. */
const MAX_LENGTH = 100;

/**
 * Normalises what people type on any keyboard: full-width digits and dot,
 * Arabic-Indic and extended Arabic-Indic digits, the Arabic decimal separator,
 * and surrounding white space. Deliberately not NFKC: that would turn `5²`
 * into `52`.
 */
function normalise(input: string): string {
  return input
    .replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - 0xff10))
    .replace(/\uff0e/g, '.')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066b/g, '.')
    .trim();
}

/** Digits in the largest uint256 (2^256 - 1 has 78). */
const MAX_WHOLE_DIGITS = 78;

/**
 * A text longer than anyone types, looked at without the shape checks below
 * (their patterns are not meant for megabytes): a plain decimal number comes
 * back without its redundant zeros (`000…0001.5000…` is `1.5`), to be parsed
 * as usual when that is short; otherwise the reason it is refused. A long
 * negative number is negative; anything that is not digits and one dot is not
 * a number, whatever its length.
 */
function shortened(text: string): { text: string } | { problem: AmountProblem } {
  const negative = /^[-\u2212\u2012\u2013\u2014]/.test(text);
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  if (!/^[0-9.]+$/.test(body) || dot !== body.lastIndexOf('.') || body === '.') return { problem: 'not-a-number' };
  if (negative) return { problem: 'negative' };
  const whole = (dot < 0 ? body : body.slice(0, dot)).replace(/^0+(?=\d)/, '');
  const fraction = dot < 0 ? '' : body.slice(dot + 1).replace(/0+$/, '');
  const plain = fraction ? `${whole}.${fraction}` : whole || '0';
  if (plain.length <= MAX_LENGTH) return { text: plain };
  return { problem: whole.length > MAX_WHOLE_DIGITS ? 'too-large' : 'too-many-decimals' };
}

/**
 * Parses a typed amount into base units of a token with `decimals` decimals.
 * Accepts plain decimal notation only (`5`, `0.25`, `.5`, `5.`); trailing
 * zeros past the token's decimals are harmless (`1.500000000` is 1.5). Every
 * other shape is refused with a reason, deliberately rather than guessed:
 * `1e3` (exponent), `0x10` (hex), `1,5` and `1,000` (comma: decimal or
 * thousands separator? we do not guess with money), `-1`, `+1`, `0`.
 */
export function parseAmount(input: unknown, decimals: number): AmountResult {
  if (!Number.isSafeInteger(decimals) || decimals < 0 || decimals > 255) throw new RangeError(`decimals must be 0..255, got ${decimals}`);
  let text = normalise(typeof input === 'string' ? input : input == null ? '' : String(input));
  if (!text) return { ok: false, problem: 'empty' };
  if (text.length > MAX_LENGTH) {
    const short = shortened(text);
    if ('problem' in short) return { ok: false, problem: short.problem };
    text = short.text;
  }
  if (/^[-\u2212\u2012\u2013\u2014]/.test(text)) return { ok: false, problem: 'negative' };
  if (text.startsWith('+')) return { ok: false, problem: 'sign' };
  if (/^0[xob]/i.test(text)) return { ok: false, problem: 'hex' };
  if (/^(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(text)) return { ok: false, problem: 'exponent' };
  if (/^[\d.]*,[\d.,]*$/.test(text)) return { ok: false, problem: 'comma' };
  if (/^\d[\d.]*([\s_'\u00a0\u202f]+\d[\d.]*)+$/.test(text)) return { ok: false, problem: 'separator' };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (!match[1] && !match[2])) return { ok: false, problem: 'not-a-number' };
  const whole = match[1].replace(/^0+(?=\d)/, '') || '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) return { ok: false, problem: 'too-many-decimals' };
  const value = BigInt(whole + fraction.padEnd(decimals, '0'));
  if (value === 0n) return { ok: false, problem: 'zero' };
  if (value > MAX_UINT256) return { ok: false, problem: 'too-large' };
  return { ok: true, value, text: fraction ? `${whole}.${fraction}` : whole };
}

/** `value` base units as an exact decimal string (`1500000n, 6` → `1.5`): the kit's one conversion, `unitsToDecimal`. */
export const formatAmount = (value: bigint, decimals: number): string => unitsToDecimal(value, decimals);

/**
 * `value` rounded UP to at most `maxFraction` decimals, for estimates such as
 * network fees ("up to 0.000043 ETH" never understates). Exact when it fits.
 */
export function formatAmountCeil(value: bigint, decimals: number, maxFraction = 6): string {
  if (decimals <= maxFraction || value <= 0n) return formatAmount(value, decimals);
  const step = 10n ** BigInt(decimals - maxFraction);
  const rounded = ((value + step - 1n) / step) * step;
  return formatAmount(rounded, decimals);
}

/**
 * `value` rounded DOWN to at most `maxFraction` decimals, for what the visitor
 * holds ("your balance is 9999.99996 ETH": never overstated, and not 18 digits
 * of wei). A positive value too small for that keeps every digit rather than
 * reading as 0.
 */
export function formatAmountFloor(value: bigint, decimals: number, maxFraction = 6): string {
  if (decimals <= maxFraction || value <= 0n) return formatAmount(value, decimals);
  const step = 10n ** BigInt(decimals - maxFraction);
  const rounded = (value / step) * step;
  return formatAmount(rounded === 0n ? value : rounded, decimals);
}
