/**
 * The smallest protobuf codec the remote attachment needs: an `EncodedContent` (xmtp/proto
 * `message_contents/content.proto`) that holds an `xmtp.org/attachment` 1.0.
 *
 *   EncodedContent { 1 type: ContentTypeId, 2 parameters: map<string,string>, 3 fallback: string,
 *                    4 content: bytes, 5 compression: enum }
 *   ContentTypeId  { 1 authority_id: string, 2 type_id: string, 3 version_major: uint32,
 *                    4 version_minor: uint32 }
 *
 * Map entries are length-delimited `{ 1 key, 2 value }` messages. Unknown fields are skipped, so a
 * sender that adds a fallback or a compression field still decodes.
 */

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface ContentTypeId {
  authorityId: string;
  typeId: string;
  versionMajor: number;
  versionMinor: number;
}

export interface EncodedContent {
  type?: ContentTypeId;
  parameters: Record<string, string>;
  fallback?: string;
  content: Uint8Array;
  compression?: number;
}

class Writer {
  private parts: number[] = [];
  private chunks: Uint8Array[] = [];
  private size = 0;

  private flush(): void {
    if (this.parts.length) {
      this.chunks.push(Uint8Array.from(this.parts));
      this.size += this.parts.length;
      this.parts = [];
    }
  }

  varint(value: number): this {
    let v = value >>> 0;
    while (v > 0x7f) {
      this.parts.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    this.parts.push(v);
    return this;
  }

  tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, 2).varint(data.length);
    this.flush();
    this.chunks.push(data);
    this.size += data.length;
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** proto3: a zero scalar is not written. */
  uint(field: number, value: number): this {
    return value === 0 ? this : this.tag(field, 0).varint(value);
  }

  finish(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

class Reader {
  at = 0;
  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.at >= this.buf.length;
  }

  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.at >= this.buf.length) throw new RangeError('truncated varint');
      const b = this.buf[this.at++]!;
      if (shift < 28) result |= (b & 0x7f) << shift;
      else result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) break;
      shift += 7;
      if (shift > 63) throw new RangeError('varint too long');
    }
    return result;
  }

  bytes(): Uint8Array {
    const len = this.varint();
    const end = this.at + len;
    if (end > this.buf.length) throw new RangeError('truncated field');
    const out = this.buf.subarray(this.at, end);
    this.at = end;
    return out;
  }

  string(): string {
    return fromUtf8.decode(this.bytes());
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.at += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.at += 4;
    else throw new RangeError(`unsupported wire type ${wire}`);
    if (this.at > this.buf.length) throw new RangeError('truncated field');
  }
}

export function encodeContent(message: EncodedContent): Uint8Array {
  const w = new Writer();
  if (message.type) {
    const t = new Writer().string(1, message.type.authorityId).string(2, message.type.typeId);
    t.uint(3, message.type.versionMajor).uint(4, message.type.versionMinor);
    w.bytes(1, t.finish());
  }
  for (const [key, value] of Object.entries(message.parameters)) {
    w.bytes(2, new Writer().string(1, key).string(2, value).finish());
  }
  if (message.fallback !== undefined) w.string(3, message.fallback);
  if (message.content.length) w.bytes(4, message.content);
  if (message.compression !== undefined) w.uint(5, message.compression);
  return w.finish();
}

function decodeType(buf: Uint8Array): ContentTypeId {
  const r = new Reader(buf);
  const type: ContentTypeId = { authorityId: '', typeId: '', versionMajor: 0, versionMinor: 0 };
  while (!r.done) {
    const tag = r.varint();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1 && wire === 2) type.authorityId = r.string();
    else if (field === 2 && wire === 2) type.typeId = r.string();
    else if (field === 3 && wire === 0) type.versionMajor = r.varint();
    else if (field === 4 && wire === 0) type.versionMinor = r.varint();
    else r.skip(wire);
  }
  return type;
}

function decodeEntry(buf: Uint8Array): [string, string] {
  const r = new Reader(buf);
  let key = '';
  let value = '';
  while (!r.done) {
    const tag = r.varint();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1 && wire === 2) key = r.string();
    else if (field === 2 && wire === 2) value = r.string();
    else r.skip(wire);
  }
  return [key, value];
}

/** Throws a `RangeError` (or a `TypeError` for bad UTF-8) on malformed input. */
export function decodeContent(buf: Uint8Array): EncodedContent {
  const r = new Reader(buf);
  const message: EncodedContent = { parameters: {}, content: new Uint8Array(0) };
  while (!r.done) {
    const tag = r.varint();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1 && wire === 2) message.type = decodeType(r.bytes());
    else if (field === 2 && wire === 2) {
      const [key, value] = decodeEntry(r.bytes());
      message.parameters[key] = value;
    } else if (field === 3 && wire === 2) message.fallback = r.string();
    else if (field === 4 && wire === 2) message.content = r.bytes();
    else if (field === 5 && wire === 0) message.compression = r.varint();
    else r.skip(wire);
  }
  return message;
}
