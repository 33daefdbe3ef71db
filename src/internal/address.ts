import { keccak256 } from './keccak.js';

export type Address = `0x${string}`;

/** EIP-55 mixed-case checksum of a 40-hex-digit address. */
function checksum(hex40: string): Address {
  const lower = hex40.toLowerCase();
  const hash = keccak256(new TextEncoder().encode(lower));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const nibble = (hash[i >> 1] >> (i % 2 ? 0 : 4)) & 0xf;
    out += nibble >= 8 ? lower[i].toUpperCase() : lower[i];
  }
  return out as Address;
}

/**
 * The checksummed form of `value`, or null when it is not a 20-byte hex
 * address. Mixed case must already be a valid EIP-55 checksum (a typo in a
 * checksummed address is caught); all-lower and all-upper are accepted.
 */
export function toChecksumAddress(value: string | null | undefined): Address | null {
  const text = value?.trim() ?? '';
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) return null;
  const body = text.slice(2);
  const sum = checksum(body);
  if (body !== body.toLowerCase() && body !== body.toUpperCase() && sum !== text) return null;
  return sum;
}

/** `0x1234…abcd` from a checksummed address. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
