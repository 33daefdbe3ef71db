// The migration API node-go serves while the network moves to the decentralised version (XMTP D14N):
// `D14nMigrationApi/FetchD14nCutover` answers the cutover time, and once it has passed node-go keeps
// answering queries but refuses every publish and stream with UNAVAILABLE and a fixed message.
// See PROTOCOL.md ("The cutover").

import type { MethodTable } from './rpc.js';
import { unary } from './rpc.js';

export const MIGRATION_SERVICE = 'xmtp.migration.api.v1.D14nMigrationApi';

/** node-go's messages at the cutover (the SDK matches them with a regular expression). */
export const PUBLISH_MOVED = 'publishing to XMTP V3 is no longer available. Please upgrade your client to XMTP D14N.';
export const STREAM_MOVED = 'XMTP V3 streaming is no longer available. Please upgrade your client to XMTP D14N.';

/** The write methods node-go refuses after the cutover (reads stay open). */
export const PUBLISH_METHODS = new Set([
  'xmtp.mls.api.v1.MlsApi/SendGroupMessages',
  'xmtp.mls.api.v1.MlsApi/SendWelcomeMessages',
  'xmtp.mls.api.v1.MlsApi/RegisterInstallation',
  'xmtp.mls.api.v1.MlsApi/UploadKeyPackage',
  'xmtp.mls.api.v1.MlsApi/BatchPublishCommitLog',
  'xmtp.identity.api.v1.IdentityApi/PublishIdentityUpdate',
]);

/** `FetchD14nCutoverResponse { uint64 timestamp_ns = 1; }`, hand-encoded (one varint field). */
function encodeCutover(timestampNs: bigint): Uint8Array {
  if (timestampNs === 0n) return new Uint8Array(0); // proto3: a zero field is not written
  const out = [0x08];
  for (let v = timestampNs; ; ) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v === 0n) {
      out.push(byte);
      break;
    }
    out.push(byte | 0x80);
  }
  return Uint8Array.from(out);
}

/** The migration API; `cutoverNs()` is the published cutover time (0: none scheduled). */
export function migrationMethods(cutoverNs: () => bigint): MethodTable {
  return {
    [`/${MIGRATION_SERVICE}/FetchD14nCutover`]: unary({ decode: () => ({}) }, { encode: (ns: bigint) => ({ finish: () => encodeCutover(ns) }) }, () => cutoverNs()),
  };
}
