// Just enough of the RFC 9420 TLS presentation language to route MLS traffic without any
// cryptography: the installation key of a KeyPackage, and the group id and content type of
// an MLSMessage.

export class TlsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsError';
  }
}

export const WireFormat = {
  PublicMessage: 1,
  PrivateMessage: 2,
  Welcome: 3,
  GroupInfo: 4,
  KeyPackage: 5,
} as const;

export const ContentType = { Application: 1, Proposal: 2, Commit: 3 } as const;

export const SenderType = { Member: 1, External: 2, NewMemberProposal: 3, NewMemberCommit: 4 } as const;

/** A cursor over TLS-encoded bytes. Every read throws TlsError when the input is too short. */
export class TlsReader {
  #offset = 0;
  constructor(readonly bytes: Uint8Array) {}

  get offset(): number {
    return this.#offset;
  }

  #take(n: number): Uint8Array {
    if (this.#offset + n > this.bytes.length) {
      throw new TlsError(`unexpected end of data at byte ${this.#offset} (needed ${n})`);
    }
    const out = this.bytes.subarray(this.#offset, this.#offset + n);
    this.#offset += n;
    return out;
  }

  u8(): number {
    return this.#take(1)[0]!;
  }

  u16(): number {
    const b = this.#take(2);
    return (b[0]! << 8) | b[1]!;
  }

  u32(): number {
    const b = this.#take(4);
    return ((b[0]! << 24) >>> 0) + ((b[1]! << 16) | (b[2]! << 8) | b[3]!);
  }

  u64(): bigint {
    const b = this.#take(8);
    let v = 0n;
    for (const byte of b) v = (v << 8n) | BigInt(byte);
    return v;
  }

  /** RFC 9420 §2.1.2 variable-length integer: the top two bits give the length (1, 2 or 4). */
  varint(): number {
    const first = this.u8();
    const prefix = first >> 6;
    if (prefix === 0) return first & 0x3f;
    if (prefix === 1) return ((first & 0x3f) << 8) | this.u8();
    if (prefix === 2) {
      const rest = this.#take(3);
      return (first & 0x3f) * 0x1000000 + ((rest[0]! << 16) | (rest[1]! << 8) | rest[2]!);
    }
    throw new TlsError('invalid variable-length integer prefix 0b11');
  }

  /** `opaque data<V>`: a varint length, then that many bytes. */
  vector(): Uint8Array {
    return this.#take(this.varint());
  }
}

/** Encodes a length as an RFC 9420 varint (used by tests to build fixtures). */
export function encodeVarint(n: number): Uint8Array {
  if (n < 0x40) return Uint8Array.of(n);
  if (n < 0x4000) return Uint8Array.of(0x40 | (n >> 8), n & 0xff);
  if (n < 0x40000000) return Uint8Array.of(0x80 | (n >>> 24), (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  throw new TlsError(`length ${n} too large for a varint`);
}

export interface KeyPackageInfo {
  version: number;
  cipherSuite: number;
  initKey: Uint8Array;
  encryptionKey: Uint8Array;
  /** The leaf node's signature key: XMTP's installation key. */
  installationKey: Uint8Array;
}

/** Reads the start of a TLS-serialized KeyPackage (not wrapped in an MLSMessage). */
export function parseKeyPackage(bytes: Uint8Array): KeyPackageInfo {
  const r = new TlsReader(bytes);
  const version = r.u16();
  const cipherSuite = r.u16();
  const initKey = r.vector();
  const encryptionKey = r.vector();
  const installationKey = r.vector();
  if (installationKey.length === 0) throw new TlsError('key package has an empty signature key');
  return {
    version,
    cipherSuite,
    initKey: initKey.slice(),
    encryptionKey: encryptionKey.slice(),
    installationKey: installationKey.slice(),
  };
}

export interface MlsMessageInfo {
  version: number;
  wireFormat: number;
  groupId: Uint8Array;
  epoch: bigint;
  contentType: number;
  isCommit: boolean;
}

/**
 * Reads the framing of a TLS-serialized MLSMessage carrying a PublicMessage or a
 * PrivateMessage. PrivateMessage: group_id<V>, epoch u64, content_type u8. PublicMessage
 * (FramedContent): group_id<V>, epoch u64, sender, authenticated_data<V>, content_type u8.
 */
export function parseMlsMessage(bytes: Uint8Array): MlsMessageInfo {
  const r = new TlsReader(bytes);
  const version = r.u16();
  if (version !== 1) throw new TlsError(`unsupported MLS protocol version ${version}`);
  const wireFormat = r.u16();
  if (wireFormat !== WireFormat.PublicMessage && wireFormat !== WireFormat.PrivateMessage) {
    throw new TlsError(`wire format ${wireFormat} is not a group message`);
  }
  const groupId = r.vector();
  if (groupId.length === 0) throw new TlsError('empty group id');
  const epoch = r.u64();
  if (wireFormat === WireFormat.PublicMessage) {
    const senderType = r.u8();
    if (senderType === SenderType.Member || senderType === SenderType.External) r.u32();
    else if (senderType !== SenderType.NewMemberProposal && senderType !== SenderType.NewMemberCommit) {
      throw new TlsError(`unknown sender type ${senderType}`);
    }
    r.vector(); // authenticated_data
  }
  const contentType = r.u8();
  if (contentType < ContentType.Application || contentType > ContentType.Commit) {
    throw new TlsError(`unknown content type ${contentType}`);
  }
  return {
    version,
    wireFormat,
    groupId: groupId.slice(),
    epoch,
    contentType,
    isCommit: contentType === ContentType.Commit,
  };
}
