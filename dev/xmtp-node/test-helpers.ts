// Shared by the node's unit tests: a minimal gRPC-web client over fetch, and builders for the
// TLS-encoded MLS structures the node parses.

import { randomBytes } from 'node:crypto';
import { encodeDataFrame, FLAG_TRAILER, FrameParser, decodeGrpcMessage, parseTrailers } from './grpc-web.js';
import { associations, identity, mls, type AssociationPb } from './proto.js';
import { ContentType, encodeVarint, SenderType, WireFormat } from './tls.js';

export const MLS = 'xmtp.mls.api.v1.MlsApi';
export const IDENTITY = 'xmtp.identity.api.v1.IdentityApi';

export const bytes = (n = 32): Uint8Array => new Uint8Array(randomBytes(n));

// --- TLS fixtures ----------------------------------------------------------------------------------

const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const u16 = (n: number) => Uint8Array.of(n >> 8, n & 0xff);
const u32 = (n: number) => Uint8Array.of(n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
const u64 = (n: bigint) => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, n);
  return out;
};
export const vec = (data: Uint8Array) => concat(encodeVarint(data.length), data);

/** A KeyPackage's TLS encoding up to the leaf node's signature key, plus some trailing bytes. */
export function keyPackage(installationKey: Uint8Array, opts: { initKeyLength?: number } = {}): Uint8Array {
  return concat(
    u16(1), // mls10
    u16(1), // MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519
    vec(bytes(opts.initKeyLength ?? 32)), // init_key
    vec(bytes(32)), // leaf_node.encryption_key
    vec(installationKey), // leaf_node.signature_key
    vec(bytes(80)), // rest of the leaf node (credential etc.), opaque here
    vec(bytes(64)), // signature
  );
}

/** MLSMessage(PrivateMessage): group_id, epoch, content_type, then opaque encrypted parts. */
export function privateMessage(groupId: Uint8Array, contentType: number = ContentType.Application, epoch = 1n): Uint8Array {
  return concat(
    u16(1),
    u16(WireFormat.PrivateMessage),
    vec(groupId),
    u64(epoch),
    Uint8Array.of(contentType),
    vec(new Uint8Array(0)), // authenticated_data
    vec(bytes(20)), // encrypted_sender_data
    vec(bytes(60)), // ciphertext
  );
}

/** MLSMessage(PublicMessage): the sender and authenticated_data come before content_type. */
export function publicMessage(
  groupId: Uint8Array,
  contentType: number = ContentType.Commit,
  senderType: number = SenderType.Member,
  authenticatedData: Uint8Array = bytes(5),
): Uint8Array {
  const sender =
    senderType === SenderType.Member || senderType === SenderType.External
      ? concat(Uint8Array.of(senderType), u32(3))
      : Uint8Array.of(senderType);
  return concat(
    u16(1),
    u16(WireFormat.PublicMessage),
    vec(groupId),
    u64(7n),
    sender,
    vec(authenticatedData),
    Uint8Array.of(contentType),
    vec(bytes(40)), // content body, opaque here
  );
}

// --- protobuf builders -------------------------------------------------------------------------------

export const ETHEREUM = associations.IdentifierKind.IDENTIFIER_KIND_ETHEREUM;

export const randomAddress = () => '0x' + Buffer.from(bytes(20)).toString('hex');
export const randomInboxId = () => Buffer.from(bytes(32)).toString('hex');

type Action = AssociationPb.DeepPartial<AssociationPb.IdentityAction>;

export function identityUpdate(inboxId: string, actions: Action[]): Uint8Array {
  return identity.PublishIdentityUpdateRequest.encode(
    identity.PublishIdentityUpdateRequest.fromPartial({
      identityUpdate: { inboxId, clientTimestampNs: Date.now() * 1e6, actions },
    }),
  ).finish();
}

export const createInbox = (address: string): Action => ({
  createInbox: { initialIdentifier: address, nonce: 0, initialIdentifierKind: ETHEREUM },
});
export const addAddress = (address: string): Action => ({ add: { newMemberIdentifier: { ethereumAddress: address } } });
export const addInstallation = (key: Uint8Array): Action => ({ add: { newMemberIdentifier: { installationPublicKey: key } } });
export const revokeAddress = (address: string): Action => ({ revoke: { memberToRevoke: { ethereumAddress: address } } });
export const revokeInstallation = (key: Uint8Array): Action => ({
  revoke: { memberToRevoke: { installationPublicKey: key } },
});

export function sendGroupMessages(...datas: Uint8Array[]): Uint8Array {
  return mls.SendGroupMessagesRequest.encode(
    mls.SendGroupMessagesRequest.fromPartial({ messages: datas.map((data) => ({ v1: { data, senderHmac: bytes(8), shouldPush: true } })) }),
  ).finish();
}

export function sendWelcomes(installationKey: Uint8Array, ...datas: Uint8Array[]): Uint8Array {
  return mls.SendWelcomeMessagesRequest.encode(
    mls.SendWelcomeMessagesRequest.fromPartial({
      messages: datas.map((data) => ({ v1: { installationKey, data, hpkePublicKey: bytes(32), wrapperAlgorithm: 1 } })),
    }),
  ).finish();
}

// --- a gRPC-web client ---------------------------------------------------------------------------------

export interface UnaryResult {
  status: number;
  message: string;
  /** The response message when the status is OK. */
  body?: Uint8Array;
  headers: Headers;
}

const HEADERS = {
  'content-type': 'application/grpc-web+proto',
  'x-grpc-web': '1',
  'x-app-version': 'node-test',
};

export async function call(baseUrl: string, path: string, request: Uint8Array): Promise<UnaryResult> {
  const res = await fetch(`${baseUrl}/${path}`, { method: 'POST', headers: HEADERS, body: new Uint8Array(encodeDataFrame(request)) });
  if (res.status !== 200) throw new Error(`HTTP ${res.status} for ${path}`);
  const parser = new FrameParser();
  const frames = parser.push(new Uint8Array(await res.arrayBuffer()));
  if (parser.pending) throw new Error('truncated response');
  const trailer = frames.find((f) => f.flag & FLAG_TRAILER);
  if (!trailer) throw new Error(`no trailer frame in the answer to ${path}`);
  const t = parseTrailers(trailer.payload);
  const data = frames.filter((f) => !(f.flag & FLAG_TRAILER));
  return {
    status: Number(t['grpc-status']),
    message: decodeGrpcMessage(t['grpc-message'] ?? ''),
    body: data[0]?.payload ?? (Number(t['grpc-status']) === 0 ? new Uint8Array(0) : undefined),
    headers: res.headers,
  };
}

/** Calls and decodes, failing with the gRPC status text when the call is not OK. */
export async function ok<T>(baseUrl: string, path: string, request: Uint8Array, decoder: { decode(b: Uint8Array): T }): Promise<T> {
  const r = await call(baseUrl, path, request);
  if (r.status !== 0) throw new Error(`${path} failed: ${r.status} ${r.message}`);
  return decoder.decode(r.body!);
}

export interface OpenStream {
  /** Every message payload received so far. */
  messages: Uint8Array[];
  /** Resolves with the trailer once the server ends the stream. */
  ended: Promise<{ status: number; message: string }>;
  /** Resolves once at least `n` messages arrived (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<Uint8Array[]>;
  close(): void;
}

/** Opens a server-streaming call; resolves when the response headers arrive. */
export async function openStream(baseUrl: string, path: string, request: Uint8Array): Promise<OpenStream> {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/${path}`, {
    method: 'POST',
    headers: HEADERS,
    body: new Uint8Array(encodeDataFrame(request)),
    signal: controller.signal,
  });
  const messages: Uint8Array[] = [];
  const waiters: Array<() => void> = [];
  const reader = res.body!.getReader();
  const parser = new FrameParser();
  const ended = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return { status: -1, message: 'ended without a trailer' };
        for (const frame of parser.push(value)) {
          if (frame.flag & FLAG_TRAILER) {
            const t = parseTrailers(frame.payload);
            return { status: Number(t['grpc-status']), message: decodeGrpcMessage(t['grpc-message'] ?? '') };
          }
          messages.push(frame.payload);
          for (const w of waiters.splice(0)) w();
        }
      }
    } catch {
      return { status: -2, message: 'aborted' };
    }
  })();
  return {
    messages,
    ended,
    close: () => controller.abort(),
    async waitFor(n, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < n) {
        if (Date.now() > deadline) throw new Error(`stream gave ${messages.length} messages, expected ${n}`);
        await Promise.race([
          new Promise<void>((resolve) => waiters.push(resolve)),
          new Promise((resolve) => setTimeout(resolve, 50)),
        ]);
      }
      return messages;
    },
  };
}
