// The generated protobuf codecs of @xmtp/proto, loaded by file path.
//
// The package's `exports` map exposes only its root, and the root does not re-export
// `identity/api/v1` or `identity/associations`. Node resolves an absolute file path without
// consulting the exports map, so the CommonJS build is loaded from next to the resolved root;
// the types come from the matching `.d.ts` files.

import { createRequire } from 'node:module';
import path from 'node:path';
import type * as MlsApiPb from '../../node_modules/@xmtp/proto/ts/dist/types/mls/api/v1/mls.pb.js';
import type * as IdentityApiPb from '../../node_modules/@xmtp/proto/ts/dist/types/identity/api/v1/identity.pb.js';
import type * as AssociationPb from '../../node_modules/@xmtp/proto/ts/dist/types/identity/associations/association.pb.js';
import type * as SignaturePb from '../../node_modules/@xmtp/proto/ts/dist/types/identity/associations/signature.pb.js';

const require = createRequire(import.meta.url);
const cjsRoot = path.dirname(require.resolve('@xmtp/proto'));
const load = <T>(file: string): T => require(path.join(cjsRoot, file)) as T;

export const mls = load<typeof MlsApiPb>('mls/api/v1/mls.pb.js');
export const identity = load<typeof IdentityApiPb>('identity/api/v1/identity.pb.js');
export const associations = load<typeof AssociationPb>('identity/associations/association.pb.js');
export const signature = load<typeof SignaturePb>('identity/associations/signature.pb.js');

export type { MlsApiPb, IdentityApiPb, AssociationPb, SignaturePb };

/** Anything protobufjs hands back for a uint64 (a Long) or a plain number. */
export type U64Like = { toString(): string } | number | bigint | null | undefined;

export function toBigInt(value: U64Like): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  return BigInt(value.toString());
}

/** A uint64 as a JS number; ids and sequence ids stay far below 2^53 on a dev node. */
export function toNumber(value: U64Like): number {
  const v = toBigInt(value);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

export function encode<T>(codec: { encode(message: T): { finish(): Uint8Array } }, message: T): Uint8Array {
  return codec.encode(message).finish();
}
