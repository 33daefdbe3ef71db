// xmtp.identity.api.v1.IdentityApi

import { GrpcError, Status } from './grpc-web.js';
import { identity, toBigInt, toNumber } from './proto.js';
import { Empty, unary, unaryAsync, type MethodTable } from './rpc.js';
import type { ScwVerifier } from './scw.js';
import type { Store } from './store.js';

export const IDENTITY_SERVICE = 'xmtp.identity.api.v1.IdentityApi';

export function identityMethods(store: Store, scw: ScwVerifier): MethodTable {
  const path = (method: string) => `/${IDENTITY_SERVICE}/${method}`;
  return {
    [path('PublishIdentityUpdate')]: unary(identity.PublishIdentityUpdateRequest, Empty, (req) => {
      // node-go returns a plain Go error here, which gRPC reports as UNKNOWN.
      if (!req.identityUpdate) throw new GrpcError(Status.UNKNOWN, 'IdentityUpdate is required');
      store.publishIdentityUpdate(req.identityUpdate);
      return {};
    }),

    // Each request slot is answered on its own: updates with a sequence id above the slot's
    // cursor, ascending.
    [path('GetIdentityUpdates')]: unary(identity.GetIdentityUpdatesRequest, identity.GetIdentityUpdatesResponse, (req) =>
      identity.GetIdentityUpdatesResponse.fromPartial({
        responses: req.requests.map((r) => ({
          inboxId: r.inboxId,
          updates: store.identityUpdatesAfter(r.inboxId, toNumber(r.sequenceId)).map((u) => ({
            sequenceId: u.sequenceId,
            serverTimestampNs: u.serverTimestampNs.toString(),
            update: u.update,
          })),
        })),
      }),
    ),

    // Positional; the identifier string and kind are echoed exactly; no inbox id means "not
    // registered". Lookup is by exact string (clients send lower-case addresses).
    [path('GetInboxIds')]: unary(identity.GetInboxIdsRequest, identity.GetInboxIdsResponse, (req) => ({
      responses: req.requests.map((r) => ({
        identifier: r.identifier,
        identifierKind: r.identifierKind,
        inboxId: store.inboxIdFor(r.identifier),
      })),
    })),

    // ERC-1271: `isValidSignature(hash, signature)` on the account's chain, through the RPC URL the
    // node was given for it (scw.ts); an account on a chain it has none for is answered like the
    // validation service answers one it has no verifier for. One answer per signature, in order.
    [path('VerifySmartContractWalletSignatures')]: unaryAsync(
      identity.VerifySmartContractWalletSignaturesRequest,
      identity.VerifySmartContractWalletSignaturesResponse,
      async (req) => ({
        responses: await Promise.all(
          req.signatures.map(async (s) => {
            const answer = await scw.verify({
              accountId: s.accountId,
              blockNumber: s.blockNumber === undefined ? undefined : toBigInt(s.blockNumber),
              signature: s.signature,
              hash: s.hash,
            });
            return identity.VerifySmartContractWalletSignaturesResponse_ValidationResponse.fromPartial({
              isValid: answer.isValid,
              blockNumber: answer.blockNumber === undefined ? undefined : answer.blockNumber.toString(),
              error: answer.error,
            });
          }),
        ),
      }),
    ),
  };
}
