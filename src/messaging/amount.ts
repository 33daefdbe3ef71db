/**
 * Token amounts in transaction references. XMTP's `transactionReference`
 * metadata carries `amount` as a JSON number (an f64), so base units above
 * 2^53 (every native-token tip above ~0.009 ETH) cannot travel as they are.
 * Outgoing amounts are scaled exactly (trailing zeros move into `decimals`),
 * and received numbers are read back as exact decimal strings.
 */

/**
 * `amount` base units with `decimals` as metadata that survives a JSON number:
 * `1500000000000000000n, 18` → `{ amount: 1500000000000000, decimals: 15 }` (exact). When the
 * amount has more than 15 significant digits it is rounded to 15 (`exact: false`).
 */
export function toMetadataAmount(amount: bigint, decimals: number): { amount: number; decimals: number; exact: boolean } {
  if (amount < 0n) throw new RangeError('negative amount');
  let digits = amount.toString();
  let scale = decimals;
  let exact = true;
  while (digits.length > 1 && digits.endsWith('0') && scale > 0 && !Number.isSafeInteger(Number(digits))) {
    digits = digits.slice(0, -1);
    scale--;
  }
  if (!Number.isSafeInteger(Number(digits))) {
    // Too many significant digits: keep 15, rounded half up, in the same scale when possible.
    const drop = digits.length - 15;
    const kept = (BigInt(digits.slice(0, 15)) + (Number(digits[15]) >= 5 ? 1n : 0n)).toString();
    exact = false;
    if (drop <= scale) {
      digits = kept;
      scale -= drop;
    } else {
      // More whole units than a safe integer: keep the whole number (decimals 0) as a float.
      return { amount: Number(kept + '0'.repeat(drop - scale)), decimals: 0, exact };
    }
  }
  return { amount: Number(digits), decimals: scale, exact };
}

/**
 * A received `amount` as a decimal string of base units: integers exactly
 * (`1.5e21` → `1500000000000000000000`), anything else (a fraction another
 * client sent) as written, or null when it is not a finite number.
 */
export function amountFromMetadata(value: unknown): string | null {
  if (typeof value === 'bigint') return value >= 0n ? value.toString() : null;
  if (typeof value === 'string' && /^\d+$/.test(value)) return value.replace(/^0+(?=\d)/, '');
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || n < 0) return null;
  return Number.isInteger(n) ? BigInt(n).toString() : String(n);
}
