// gRPC-web (binary, HTTP/1.1) framing, trailers, status codes and CORS headers.
//
// A gRPC-web body is a sequence of frames: 1 flag byte, a u32 big-endian length, then the
// payload. Flag 0x00 is a data frame (one protobuf message), flag 0x80 a trailer frame whose
// payload is HTTP/1-style header lines (`grpc-status:0\r\ngrpc-message:\r\n`).

import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

export const Status = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

/** An error a handler throws to answer with a gRPC status instead of a message. */
export class GrpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'GrpcError';
  }
}

export const FLAG_DATA = 0x00;
export const FLAG_COMPRESSED = 0x01;
export const FLAG_TRAILER = 0x80;

export interface Frame {
  flag: number;
  payload: Uint8Array;
}

export function encodeFrame(flag: number, payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(5 + payload.length);
  out[0] = flag;
  out.writeUInt32BE(payload.length, 1);
  out.set(payload, 5);
  return out;
}

export function encodeDataFrame(message: Uint8Array): Buffer {
  return encodeFrame(FLAG_DATA, message);
}

/** Percent-encodes a grpc-message value as the gRPC spec asks (printable ASCII except `%`). */
export function encodeGrpcMessage(message: string): string {
  let out = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    if (byte >= 0x20 && byte <= 0x7e && byte !== 0x25) out += String.fromCharCode(byte);
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export function decodeGrpcMessage(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function encodeTrailerFrame(code: number, message = ''): Buffer {
  const text = `grpc-status:${code}\r\ngrpc-message:${encodeGrpcMessage(message)}\r\n`;
  return encodeFrame(FLAG_TRAILER, Buffer.from(text, 'latin1'));
}

/** Parses a trailer frame payload into lower-cased header names and values. */
export function parseTrailers(payload: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of Buffer.from(payload).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return out;
}

/**
 * Incremental frame parser: feed it chunks as they arrive, in any split, and it hands back
 * every complete frame. `pending` tells how many bytes of an unfinished frame it holds.
 */
export class FrameParser {
  #buffer: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): Frame[] {
    this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : Buffer.from(chunk);
    const frames: Frame[] = [];
    let offset = 0;
    while (this.#buffer.length - offset >= 5) {
      const length = this.#buffer.readUInt32BE(offset + 1);
      if (this.#buffer.length - offset - 5 < length) break;
      frames.push({
        flag: this.#buffer[offset]!,
        payload: new Uint8Array(this.#buffer.subarray(offset + 5, offset + 5 + length)),
      });
      offset += 5 + length;
    }
    this.#buffer = this.#buffer.subarray(offset);
    return frames;
  }

  get pending(): number {
    return this.#buffer.length;
  }
}

/** Splits a complete body into frames; throws when bytes are left over. */
export function decodeFrames(body: Uint8Array): Frame[] {
  const parser = new FrameParser();
  const frames = parser.push(body);
  if (parser.pending) throw new GrpcError(Status.INTERNAL, 'truncated gRPC-web frame');
  return frames;
}

/** The one request message of a unary or server-streaming call. */
export function requestMessage(body: Uint8Array): Uint8Array {
  const frames = decodeFrames(body);
  const data = frames.filter((f) => !(f.flag & FLAG_TRAILER));
  if (data.length === 0) return new Uint8Array(0); // an empty message may be sent as no frame
  if (data.length > 1) throw new GrpcError(Status.UNIMPLEMENTED, 'client streaming is not supported');
  if (data[0]!.flag & FLAG_COMPRESSED) {
    throw new GrpcError(Status.UNIMPLEMENTED, 'compressed gRPC-web messages are not supported');
  }
  return data[0]!.payload;
}

export const EXPOSED_HEADERS = 'grpc-status,grpc-message,grpc-status-details-bin';

/** CORS headers for every answer to a request that carried an Origin. */
export function corsHeaders(requestHeaders: IncomingHttpHeaders): OutgoingHttpHeaders {
  const origin = requestHeaders.origin;
  return {
    'access-control-allow-origin': origin ?? '*',
    'access-control-expose-headers': EXPOSED_HEADERS,
    ...(origin ? { vary: 'Origin' } : {}),
  };
}

/** The answer to a CORS preflight: everything the gRPC-web client asks for is allowed. */
export function preflightHeaders(requestHeaders: IncomingHttpHeaders): OutgoingHttpHeaders {
  const requested = requestHeaders['access-control-request-headers'];
  return {
    ...corsHeaders(requestHeaders),
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers':
      requested ?? 'content-type,x-grpc-web,x-user-agent,x-app-version,x-libxmtp-version,grpc-timeout',
    'access-control-max-age': '86400',
    ...(requestHeaders['access-control-request-private-network'] === 'true'
      ? { 'access-control-allow-private-network': 'true' }
      : {}),
    'content-length': '0',
  };
}

export const GRPC_WEB_CONTENT_TYPE = 'application/grpc-web+proto';

export function isGrpcWebRequest(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/grpc-web' || type === 'application/grpc-web+proto';
}
