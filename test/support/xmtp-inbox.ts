/**
 * Gives an address an XMTP inbox on the local dev node, the way a client's
 * first `PublishIdentityUpdate` does (a `CreateInbox` action), over the node's
 * public gRPC-web API. The dev node does not check signatures, so none is
 * sent. Browser-safe (fetch only): node and browser tests both use it.
 */
import { frame, unframe, writeBytes, writeString, writeVarint } from '../../src/identity/xmtp-reach.js';

export async function registerXmtpInbox(nodeUrl: string, address: string): Promise<string> {
  const identifier = address.toLowerCase();
  // Any hex id will do on the dev node; derive one from the address so reruns agree.
  const inboxId = identifier.slice(2).padEnd(64, '0');
  const createInbox: number[] = [];
  writeString(createInbox, 1, identifier); // initial_identifier
  writeVarint(createInbox, 2, 0); // nonce
  writeVarint(createInbox, 4, 1); // initial_identifier_kind = ETHEREUM
  const action: number[] = [];
  writeBytes(action, 1, createInbox); // IdentityAction.create_inbox
  const update: number[] = [];
  writeBytes(update, 1, action); // IdentityUpdate.actions
  writeVarint(update, 2, Date.now()); // client_timestamp_ns (any increasing value)
  writeString(update, 3, inboxId); // inbox_id
  const request: number[] = [];
  writeBytes(request, 1, update); // PublishIdentityUpdateRequest.identity_update

  const response = await fetch(`${nodeUrl.replace(/\/+$/, '')}/xmtp.identity.api.v1.IdentityApi/PublishIdentityUpdate`, {
    method: 'POST',
    headers: { 'content-type': 'application/grpc-web+proto', 'x-grpc-web': '1' },
    body: frame(request),
  });
  const { status, message } = unframe(new Uint8Array(await response.arrayBuffer()), response.headers);
  if (!response.ok || status !== 0) throw new Error(`PublishIdentityUpdate failed: HTTP ${response.status}, grpc-status ${status} ${message}`);
  return inboxId;
}
