/**
 * viem's ENSIP-15 `normalize` (with its tables), in a chunk of its own: the
 * identity service loads it only for names `normalizeAscii` cannot settle.
 */
export { normalize } from 'viem/ens';
