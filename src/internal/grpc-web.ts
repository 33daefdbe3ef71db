/**
 * The few protobuf and gRPC-web pieces the kit needs to ask an XMTP node
 * something without the SDK (its wasm is heavy and runs in a worker): varint
 * and length-delimited fields, one data frame out, the data frames and the
 * trailer's status back. Used by the badge's reachability check and the
 * chat's reading of the network's cutover time.
 */

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

