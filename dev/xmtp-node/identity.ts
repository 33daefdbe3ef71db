// xmtp.identity.api.v1.IdentityApi

import { GrpcError, Status } from './grpc-web.js';
import { identity, toNumber } from './proto.js';
import { Empty, unary, type MethodTable } from './rpc.js';
import type { Store } from './store.js';

export const IDENTITY_SERVICE = 'xmtp.identity.api.v1.IdentityApi';

export function identityMethods(store: Store): MethodTable {
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

    // No chain is wired in: a smart-contract wallet signature is never valid here.
    [path('VerifySmartContractWalletSignatures')]: unary(
      identity.VerifySmartContractWalletSignaturesRequest,
      identity.VerifySmartContractWalletSignaturesResponse,
      (req) => ({
        responses: req.signatures.map(() => ({
          isValid: false,
          blockNumber: undefined,
          error: 'smart contract wallet signatures are not verified by the dev node',
        })),
      }),
    ),
  };
}
