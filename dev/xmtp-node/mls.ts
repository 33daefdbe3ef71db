// xmtp.mls.api.v1.MlsApi

import { GrpcError, Status } from './grpc-web.js';
import { mls, signature, toNumber, type MlsApiPb } from './proto.js';
import { Empty, serverStream, unary, type MethodTable, type StreamSink } from './rpc.js';
import { hex, SortDirection, type GroupMessageRecord, type Page, type Store, type WelcomeRecord } from './store.js';
import { parseKeyPackage, parseMlsMessage } from './tls.js';

export const MLS_SERVICE = 'xmtp.mls.api.v1.MlsApi';

/** node-go's batch caps for the commit log (clients know them). */
export const MAX_COMMIT_LOG_INSERTS = 10;
export const MAX_COMMIT_LOG_QUERIES = 20;

const WRAPPER_SYMMETRIC_KEY = 3; // WELCOME_WRAPPER_ALGORITHM_SYMMETRIC_KEY
const POINTER_WRAPPER_XWING = 2; // WELCOME_POINTER_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6

const EMPTY = new Uint8Array(0);

export function groupMessageProto(r: GroupMessageRecord, includeContent = true): MlsApiPb.GroupMessage {
  return mls.GroupMessage.fromPartial({
    v1: {
      id: r.id,
      createdNs: r.createdNs.toString(),
      groupId: r.groupId,
      data: includeContent ? r.data : EMPTY,
      senderHmac: includeContent ? r.senderHmac : EMPTY,
      shouldPush: includeContent ? r.shouldPush : false,
      isCommit: r.isCommit,
    },
  });
}

export function welcomeProto(r: WelcomeRecord): MlsApiPb.WelcomeMessage {
  if (r.kind === 'pointer') {
    return mls.WelcomeMessage.fromPartial({
      welcomePointer: {
        id: r.id,
        createdNs: r.createdNs.toString(),
        installationKey: r.installationKey,
        welcomePointer: r.data,
        hpkePublicKey: r.hpkePublicKey,
        wrapperAlgorithm: r.wrapperAlgorithm,
      },
    });
  }
  return mls.WelcomeMessage.fromPartial({
    v1: {
      id: r.id,
      createdNs: r.createdNs.toString(),
      installationKey: r.installationKey,
      data: r.data,
      hpkePublicKey: r.hpkePublicKey,
      wrapperAlgorithm: r.wrapperAlgorithm,
      welcomeMetadata: r.welcomeMetadata,
    },
  });
}

/** Group messages and welcomes default to newest first; only an explicit ASCENDING changes it. */
function pageRequest(paging: MlsApiPb.PagingInfo | undefined) {
  return {
    direction: paging?.direction === SortDirection.ASCENDING ? SortDirection.ASCENDING : SortDirection.DESCENDING,
    limit: paging?.limit ?? 0,
    cursor: toNumber(paging?.idCursor),
  };
}

function pagingInfo(page: Page<unknown>) {
  return { direction: page.direction, limit: page.limit, idCursor: page.cursor };
}

type GroupInput = Omit<GroupMessageRecord, 'id' | 'createdNs'>;
type WelcomeInput = Omit<WelcomeRecord, 'id' | 'createdNs'>;

function checkGroupMessages(req: MlsApiPb.SendGroupMessagesRequest): GroupInput[] {
  if (req.messages.length === 0) throw new GrpcError(Status.INVALID_ARGUMENT, 'no group messages to send');
  return req.messages.map((input) => {
    const v1 = input.v1;
    if (!v1) throw new GrpcError(Status.INVALID_ARGUMENT, 'invalid group message');
    if (v1.data.length === 0) throw new GrpcError(Status.INVALID_ARGUMENT, 'message is empty');
    let parsed;
    try {
      parsed = parseMlsMessage(v1.data);
    } catch (err) {
      throw new GrpcError(Status.INVALID_ARGUMENT, `invalid group message: ${(err as Error).message}`);
    }
    return {
      groupId: parsed.groupId,
      data: v1.data,
      senderHmac: v1.senderHmac,
      shouldPush: v1.shouldPush,
      isCommit: parsed.isCommit,
    };
  });
}

function checkWelcomes(req: MlsApiPb.SendWelcomeMessagesRequest): WelcomeInput[] {
  if (req.messages.length === 0) throw new GrpcError(Status.INVALID_ARGUMENT, 'no welcome messages to send');
  return req.messages.map((input): WelcomeInput => {
    if (input.v1) {
      const v = input.v1;
      if (
        v.data.length === 0 ||
        v.installationKey.length === 0 ||
        (v.hpkePublicKey.length === 0 && v.wrapperAlgorithm !== WRAPPER_SYMMETRIC_KEY)
      ) {
        throw new GrpcError(Status.INVALID_ARGUMENT, 'invalid welcome message');
      }
      return {
        kind: 'v1',
        installationKey: v.installationKey,
        data: v.data,
        hpkePublicKey: v.hpkePublicKey,
        wrapperAlgorithm: v.wrapperAlgorithm,
        welcomeMetadata: v.welcomeMetadata,
      };
    }
    if (input.welcomePointer) {
      const p = input.welcomePointer;
      if (p.installationKey.length === 0 || p.welcomePointer.length === 0 || p.hpkePublicKey.length === 0) {
        throw new GrpcError(Status.INVALID_ARGUMENT, 'invalid welcome pointer message');
      }
      if (p.wrapperAlgorithm !== POINTER_WRAPPER_XWING) {
        throw new GrpcError(
          Status.INVALID_ARGUMENT,
          `invalid welcome pointer wrapper algorithm: invalid welcome pointer wrapper algorithm ${p.wrapperAlgorithm}`,
        );
      }
      return {
        kind: 'pointer',
        installationKey: p.installationKey,
        data: p.welcomePointer,
        hpkePublicKey: p.hpkePublicKey,
        wrapperAlgorithm: p.wrapperAlgorithm,
        welcomeMetadata: EMPTY,
      };
    }
    throw new GrpcError(Status.INVALID_ARGUMENT, 'invalid welcome message: missing version');
  });
}

function checkKeyPackage(upload: MlsApiPb.KeyPackageUpload | undefined) {
  if (!upload) throw new GrpcError(Status.INVALID_ARGUMENT, 'no key package');
  try {
    return parseKeyPackage(upload.keyPackageTlsSerialized).installationKey;
  } catch (err) {
    throw new GrpcError(Status.INVALID_ARGUMENT, `invalid identity: ${(err as Error).message}`);
  }
}

/**
 * Streams records of several topics: catch-up first (ids above each filter's cursor,
 * ascending), then live ones. A per-topic high-water mark makes every id go out at most once
 * and in increasing order. Catch-up and registration happen in the same tick, so nothing
 * published in between can be missed.
 */
function streamTopics<R extends { id: number }>(
  sink: StreamSink,
  cursors: Map<string, number>,
  history: (topic: string, cursor: number) => R[],
  subscribe: (deliver: (record: R, topic: string) => void) => () => void,
  encode: (record: R) => Uint8Array,
): void {
  const marks = new Map(cursors);
  const deliver = (record: R, topic: string) => {
    const mark = marks.get(topic);
    if (mark === undefined || record.id <= mark || sink.closed) return;
    marks.set(topic, record.id);
    sink.send(encode(record));
  };
  for (const [topic, cursor] of cursors) {
    for (const record of history(topic, cursor)) deliver(record, topic);
  }
  if (sink.closed) return;
  sink.onClose(subscribe(deliver));
}

function addCursor(cursors: Map<string, number>, topic: string, cursor: number) {
  // The same topic twice: start from the lower cursor, so nothing asked for is skipped.
  cursors.set(topic, Math.min(cursors.get(topic) ?? Number.MAX_SAFE_INTEGER, cursor));
}

export function mlsMethods(store: Store): MethodTable {
  const path = (method: string) => `/${MLS_SERVICE}/${method}`;
  const unimplemented = unary({ decode: () => undefined }, Empty, () => {
    throw new GrpcError(Status.UNIMPLEMENTED, 'unimplemented');
  });

  return {
    [path('SendGroupMessages')]: unary(mls.SendGroupMessagesRequest, Empty, (req) => {
      // Everything is checked before anything is stored, so a bad batch stores nothing.
      for (const input of checkGroupMessages(req)) store.insertGroupMessage(input); // re-sends are ignored
      return {};
    }),

    [path('SendWelcomeMessages')]: unary(mls.SendWelcomeMessagesRequest, Empty, (req) => {
      for (const input of checkWelcomes(req)) store.insertWelcome(input); // re-sends are ignored
      return {};
    }),

    // Deprecated, but cheap: the same as UploadKeyPackage, answering the derived key.
    [path('RegisterInstallation')]: unary(mls.RegisterInstallationRequest, mls.RegisterInstallationResponse, (req) => {
      const installationKey = checkKeyPackage(req.keyPackage);
      store.putKeyPackage(installationKey, req.keyPackage!.keyPackageTlsSerialized);
      return { installationKey };
    }),

    // The newest key package of an installation replaces the previous one.
    [path('UploadKeyPackage')]: unary(mls.UploadKeyPackageRequest, Empty, (req) => {
      const installationKey = checkKeyPackage(req.keyPackage);
      store.putKeyPackage(installationKey, req.keyPackage!.keyPackageTlsSerialized);
      return {};
    }),

    // Positional: exactly one entry per key asked for; empty bytes for an unknown key.
    [path('FetchKeyPackages')]: unary(mls.FetchKeyPackagesRequest, mls.FetchKeyPackagesResponse, (req) => ({
      keyPackages: req.installationKeys.map((key) => ({ keyPackageTlsSerialized: store.keyPackage(key) ?? EMPTY })),
    })),

    [path('RevokeInstallation')]: unimplemented,
    [path('GetIdentityUpdates')]: unimplemented,

    [path('QueryGroupMessages')]: unary(mls.QueryGroupMessagesRequest, mls.QueryGroupMessagesResponse, (req) => {
      if (req.groupId.length === 0) throw new GrpcError(Status.UNKNOWN, 'group is required');
      const page = store.queryGroupMessages(req.groupId, pageRequest(req.pagingInfo));
      return mls.QueryGroupMessagesResponse.fromPartial({
        messages: page.items.map((m) => groupMessageProto(m)),
        pagingInfo: pagingInfo(page),
      });
    }),

    [path('QueryWelcomeMessages')]: unary(mls.QueryWelcomeMessagesRequest, mls.QueryWelcomeMessagesResponse, (req) => {
      if (req.installationKey.length === 0) throw new GrpcError(Status.UNKNOWN, 'installation is required');
      const page = store.queryWelcomes(req.installationKey, pageRequest(req.pagingInfo));
      return mls.QueryWelcomeMessagesResponse.fromPartial({
        messages: page.items.map(welcomeProto),
        pagingInfo: pagingInfo(page),
      });
    }),

    // An empty filter list is legal: a stream subscribed to nothing.
    [path('SubscribeGroupMessages')]: serverStream(mls.SubscribeGroupMessagesRequest, (req, sink) => {
      const cursors = new Map<string, number>();
      const groupIds = new Map<string, Uint8Array>();
      for (const f of req.filters) {
        const topic = hex(f.groupId);
        groupIds.set(topic, f.groupId);
        addCursor(cursors, topic, toNumber(f.idCursor));
      }
      streamTopics<GroupMessageRecord>(
        sink,
        cursors,
        (topic, cursor) => store.groupMessagesAfter(groupIds.get(topic)!, cursor),
        (deliver) => {
          const listener = (r: GroupMessageRecord) => deliver(r, hex(r.groupId));
          store.on('groupMessage', listener);
          return () => store.off('groupMessage', listener);
        },
        (r) => mls.GroupMessage.encode(groupMessageProto(r)).finish(),
      );
    }),

    [path('SubscribeWelcomeMessages')]: serverStream(mls.SubscribeWelcomeMessagesRequest, (req, sink) => {
      if (req.filters.length === 0) throw new GrpcError(Status.INVALID_ARGUMENT, 'no valid filters provided');
      const cursors = new Map<string, number>();
      const keys = new Map<string, Uint8Array>();
      for (const f of req.filters) {
        if (f.installationKey.length === 0) {
          throw new GrpcError(Status.INVALID_ARGUMENT, 'a filter is nil or installation key is empty');
        }
        const topic = hex(f.installationKey);
        keys.set(topic, f.installationKey);
        addCursor(cursors, topic, toNumber(f.idCursor));
      }
      streamTopics<WelcomeRecord>(
        sink,
        cursors,
        (topic, cursor) => store.welcomesAfter(keys.get(topic)!, cursor),
        (deliver) => {
          const listener = (r: WelcomeRecord) => deliver(r, hex(r.installationKey));
          store.on('welcome', listener);
          return () => store.off('welcome', listener);
        },
        (r) => mls.WelcomeMessage.encode(welcomeProto(r)).finish(),
      );
    }),

    [path('BatchPublishCommitLog')]: unary(mls.BatchPublishCommitLogRequest, Empty, (req) => {
      if (req.requests.length === 0) throw new GrpcError(Status.INVALID_ARGUMENT, 'no log entries to publish');
      if (req.requests.length > MAX_COMMIT_LOG_INSERTS) {
        throw new GrpcError(Status.INVALID_ARGUMENT, `cannot exceed ${MAX_COMMIT_LOG_INSERTS} inserts in single batch`);
      }
      for (const r of req.requests) {
        if (r.groupId.length === 0 || r.serializedCommitLogEntry.length === 0 || !r.signature) {
          throw new GrpcError(Status.INVALID_ARGUMENT, 'invalid commit log entry');
        }
      }
      for (const r of req.requests) {
        store.insertCommitLog({
          groupId: r.groupId,
          entry: r.serializedCommitLogEntry,
          signature: signature.RecoverableEd25519Signature.encode(r.signature!).finish(),
        });
      }
      return {};
    }),

    [path('BatchQueryCommitLog')]: unary(mls.BatchQueryCommitLogRequest, mls.BatchQueryCommitLogResponse, (req) => {
      if (req.requests.length === 0) throw new GrpcError(Status.INVALID_ARGUMENT, 'no requests to query');
      if (req.requests.length > MAX_COMMIT_LOG_QUERIES) {
        throw new GrpcError(Status.INVALID_ARGUMENT, `cannot exceed ${MAX_COMMIT_LOG_QUERIES} queries in single batch`);
      }
      if (req.requests.some((r) => r.groupId.length === 0)) throw new GrpcError(Status.INVALID_ARGUMENT, 'invalid request');
      if (req.requests.some((r) => r.pagingInfo?.direction === SortDirection.DESCENDING)) {
        throw new GrpcError(Status.INTERNAL, 'failed to query commit log: descending direction is not supported');
      }
      return mls.BatchQueryCommitLogResponse.fromPartial({
        responses: req.requests.map((r) => {
          const page = store.queryCommitLog(r.groupId, {
            limit: r.pagingInfo?.limit ?? 0,
            cursor: toNumber(r.pagingInfo?.idCursor),
          });
          return {
            groupId: r.groupId,
            commitLogEntries: page.items.map((e) => ({
              sequenceId: e.sequenceId,
              serializedCommitLogEntry: e.entry,
              signature: signature.RecoverableEd25519Signature.decode(e.signature),
            })),
            pagingInfo: pagingInfo(page),
          };
        }),
      });
    }),

    // Positional: the newest message of each group, or an empty slot for a group without any.
    [path('GetNewestGroupMessage')]: unary(mls.GetNewestGroupMessageRequest, mls.GetNewestGroupMessageResponse, (req) => {
      if (req.groupIds.length === 0) throw new GrpcError(Status.INVALID_ARGUMENT, 'no group ids provided');
      return {
        responses: req.groupIds.map((id) => {
          const newest = store.newestGroupMessage(id);
          return { groupMessage: newest ? groupMessageProto(newest, req.includeContent) : undefined };
        }),
      };
    }),
  };
}
