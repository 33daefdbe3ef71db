/**
 * "Can this address receive XMTP messages?" without the XMTP engine: one
 * `xmtp.identity.api.v1.IdentityApi/GetInboxIds` call over binary gRPC-web,
 * batched across badges (the request is a repeated list; answers are
 * positional and echo each identifier). An address with an inbox id is
 * reachable. The protobuf here is the few fields that call needs.
 */
import type { XmtpConfig, XmtpEnv } from '../config/config.js';
import { KitError } from '../internal/errors.js';
import { batcher } from './batch.js';
import { detailOf } from './ens.js';

/** What the check needs from the kit (its port): the XMTP network it asks. */
export interface ReachEnv {
  readonly config: { readonly xmtp: Pick<XmtpConfig, 'env' | 'apiUrl'> };
}

/**
 * The gRPC-web endpoints the XMTP browser SDK uses per V3 environment. The decentralised network's
 * envs have no V3 identity API: there the check needs `xmtp.apiUrl`, or says it could not check.
 */
const API_URLS: Partial<Record<XmtpEnv, string>> = {
  local: 'http://localhost:5557',
  dev: 'https://api.dev.xmtp.network:5558',
  production: 'https://api.production.xmtp.network:5558',
};
const METHOD = '/xmtp.identity.api.v1.IdentityApi/GetInboxIds';
/** `IdentifierKind.IDENTIFIER_KIND_ETHEREUM` */
const KIND_ETHEREUM = 1;

// ---------------------------------------------------------------- protobuf (the subset we need)

/** A non-negative integer (up to 2^53) as a protobuf varint. */
function varint(out: number[], value: number): void {
  while (value > 0x7f) {
    out.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  out.push(value);
}

/** Appends field `field` as length-delimited `bytes`. */
export function writeBytes(out: number[], field: number, bytes: Uint8Array | number[]): void {
  varint(out, (field << 3) | 2);
  varint(out, bytes.length);
  for (const b of bytes) out.push(b);
}

export function writeString(out: number[], field: number, text: string): void {
  writeBytes(out, field, new TextEncoder().encode(text));
}

export function writeVarint(out: number[], field: number, value: number): void {
  varint(out, field << 3);
  varint(out, value);
}

/** The fields of one message: field number -> list of values (numbers for varints, bytes otherwise). */
export function readFields(bytes: Uint8Array): Map<number, Array<number | Uint8Array>> {
  const fields = new Map<number, Array<number | Uint8Array>>();
  let i = 0;
  const read = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (i >= bytes.length) throw new Error('truncated protobuf');
      const b = bytes[i++];
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
      shift += 7;
    }
  };
  while (i < bytes.length) {
    const tag = read();
    const field = Math.floor(tag / 8);
    let value: number | Uint8Array;
    switch (tag & 7) {
      case 0:
        value = read();
        break;
      case 1:
        value = bytes.subarray(i, (i += 8));
        break;
      case 2: {
        const length = read();
        value = bytes.subarray(i, (i += length));
        break;
      }
      case 5:
        value = bytes.subarray(i, (i += 4));
        break;
      default:
        throw new Error(`unsupported wire type ${tag & 7}`);
    }
    if (i > bytes.length) throw new Error('truncated protobuf');
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

const text = (value: number | Uint8Array | undefined): string => (value instanceof Uint8Array ? new TextDecoder().decode(value) : '');

// ---------------------------------------------------------------- gRPC-web framing

/** One data frame: flag 0, u32 big-endian length, message. */
export function frame(message: number[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(5 + message.length);
  new DataView(out.buffer).setUint32(1, message.length);
  out.set(message, 5);
  return out;
}

/** The data frames of a gRPC-web body and the trailer's status (from the trailer frame or the headers). */
export function unframe(body: Uint8Array, headers: Headers): { messages: Uint8Array[]; status: number; message: string } {
  const messages: Uint8Array[] = [];
  let status = Number(headers.get('grpc-status') ?? NaN);
  let message = headers.get('grpc-message') ?? '';
  for (let i = 0; i + 5 <= body.length; ) {
    const flag = body[i];
    const length = new DataView(body.buffer, body.byteOffset + i + 1, 4).getUint32(0);
    const payload = body.subarray(i + 5, i + 5 + length);
    i += 5 + length;
    if (flag & 0x80) {
      const trailer = new TextDecoder().decode(payload);
      status = Number(/grpc-status:\s*(\d+)/i.exec(trailer)?.[1] ?? status);
      message = decodeURIComponent(/grpc-message:\s*([^\r\n]*)/i.exec(trailer)?.[1] ?? message);
    } else messages.push(payload);
  }
  return { messages, status: Number.isNaN(status) ? 0 : status, message };
}

/** `GetInboxIdsRequest { repeated Request requests = 1 }`, `Request { identifier = 1, identifier_kind = 2 }`. */
export function encodeGetInboxIds(addresses: string[]): number[] {
  const out: number[] = [];
  for (const address of addresses) {
    const request: number[] = [];
    writeString(request, 1, address);
    writeVarint(request, 2, KIND_ETHEREUM);
    writeBytes(out, 1, request);
  }
  return out;
}

/** `GetInboxIdsResponse { repeated Response responses = 1 }`, `Response { identifier = 1, optional inbox_id = 2 }`. */
export function decodeGetInboxIds(message: Uint8Array): Map<string, string | null> {
  const answers = new Map<string, string | null>();
  for (const item of readFields(message).get(1) ?? []) {
    if (!(item instanceof Uint8Array)) continue;
    const fields = readFields(item);
    answers.set(text(fields.get(1)?.[0]), text(fields.get(2)?.[0]) || null);
  }
  return answers;
}

// ---------------------------------------------------------------- the check

export function xmtpReach(env: ReachEnv): (address: string) => Promise<boolean> {
  const failed = (error: unknown) => new KitError('node-unreachable', { key: 'badge.xmtpFailed', vars: { detail: detailOf(error) } }, { cause: error });
  const ask = batcher<string, string | null>(
    async (addresses) => {
      const url = env.config.xmtp.apiUrl ?? API_URLS[env.config.xmtp.env];
      if (!url) throw failed(new Error(`no identity API for the XMTP env “${env.config.xmtp.env}”`));
      const base = url.replace(/\/+$/, '');
      let response: Response;
      try {
        response = await fetch(base + METHOD, {
          method: 'POST',
          headers: { 'content-type': 'application/grpc-web+proto', 'x-grpc-web': '1' },
          body: frame(encodeGetInboxIds(addresses)),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        throw failed(error);
      }
      if (!response.ok) throw failed(new Error(`HTTP ${response.status}`));
      const { messages, status, message } = unframe(new Uint8Array(await response.arrayBuffer()), response.headers);
      if (status !== 0 || !messages.length) throw failed(new Error(`grpc-status ${status}${message ? `: ${message}` : ''}`));
      return decodeGetInboxIds(messages[0]);
    },
    { max: 100 },
  );
  // The node matches identifiers by exact string: addresses go lower-case, as the SDK sends them.
  return async (address) => !!(await ask(address.toLowerCase()));
}
