/**
 * A small Keccak-256 (the pre-SHA-3 padding Ethereum uses), for EIP-55
 * address checksums in the entry without pulling a hashing library.
 * 64-bit lanes as BigInt: slow for bulk hashing, fine for addresses.
 */
const MASK = (1n << 64n) - 1n;
const ROUND_CONSTANTS: bigint[] = [];
const ROTATIONS: number[] = [];

// Derive the round constants and rotation offsets (FIPS 202 §3.2).
{
  let r = 1;
  for (let round = 0; round < 24; round++) {
    let rc = 0n;
    for (let j = 0; j < 7; j++) {
      if (r & 1) rc |= 1n << BigInt((1 << j) - 1);
      r = (r << 1) ^ (r & 0x80 ? 0x71 : 0);
    }
    ROUND_CONSTANTS.push(rc);
  }
  let x = 1;
  let y = 0;
  for (let t = 0; t < 24; t++) {
    ROTATIONS[x + 5 * y] = (((t + 1) * (t + 2)) / 2) % 64;
    [x, y] = [y, (2 * x + 3 * y) % 5];
  }
  ROTATIONS[0] = 0;
}

const rotl = (v: bigint, n: number): bigint => (n ? ((v << BigInt(n)) | (v >> BigInt(64 - n))) & MASK : v);

function permute(s: bigint[]): void {
  for (let round = 0; round < 24; round++) {
    const c = [0, 1, 2, 3, 4].map((x) => s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20]);
    for (let i = 0; i < 25; i++) s[i] ^= c[(i + 4) % 5] ^ rotl(c[(i + 1) % 5], 1);
    const b: bigint[] = [];
    // rho and pi: b[y, 2x+3y] = rot(a[x, y]).
    for (let i = 0; i < 25; i++) {
      const x = i % 5;
      const y = Math.floor(i / 5);
      b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(s[i], ROTATIONS[i]);
    }
    for (let i = 0; i < 25; i++) s[i] = b[i] ^ (~b[(i % 5 + 1) % 5 + 5 * Math.floor(i / 5)] & MASK & b[(i % 5 + 2) % 5 + 5 * Math.floor(i / 5)]);
    s[0] ^= ROUND_CONSTANTS[round];
  }
}

/** Keccak-256 of `data`, as 32 bytes. */
export function keccak256(data: Uint8Array): Uint8Array {
  const rate = 136;
  const padded = new Uint8Array(Math.ceil((data.length + 1) / rate) * rate);
  padded.set(data);
  padded[data.length] ^= 0x01;
  padded[padded.length - 1] ^= 0x80;
  const s: bigint[] = new Array(25).fill(0n);
  for (let off = 0; off < padded.length; off += rate) {
    for (let i = 0; i < rate / 8; i++) {
      let lane = 0n;
      for (let k = 7; k >= 0; k--) lane = (lane << 8n) | BigInt(padded[off + i * 8 + k]);
      s[i] ^= lane;
    }
    permute(s);
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((s[i >> 3] >> BigInt((i & 7) * 8)) & 0xffn);
  return out;
}
