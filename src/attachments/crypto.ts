/**
 * Remote attachments (XIP-17, with XIP-18's `contentLength` and `filename`), encrypted on the page
 * with @noble/ciphers and @noble/hashes, never with the XMTP wasm.
 *
 *   secret (32 B), salt (32 B), nonce (12 B): random
 *   key        = HKDF-SHA256(ikm = secret, salt, info = empty, 32 bytes)
 *   plaintext  = protobuf EncodedContent { type xmtp.org/attachment 1.0,
 *                                          parameters { filename, mimeType }, content = file bytes }
 *   payload    = AES-256-GCM(key, nonce, no AAD), 16-byte tag appended  (the bytes uploaded)
 *   contentDigest = lower-case hex SHA-256(payload); contentLength = payload.length
 *
 * Decrypting checks the digest before anything else, then opens the box and decodes. Every failure
 * is an `AttachmentError` with a stable code; the sentence is the component's job.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import type { AttachmentErrorCode } from '../events/attachment-error-codes.js';
import { decodeContent, encodeContent } from './encoded-content.js';

export const ATTACHMENT_TYPE = { authorityId: 'xmtp.org', typeId: 'attachment', versionMajor: 1, versionMinor: 0 };

export class AttachmentError extends Error {
  override name = 'AttachmentError';
  constructor(
    readonly code: AttachmentErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface AttachmentInfo {
  filename: string;
  mimeType: string;
}

/** What a remote attachment's sender publishes: upload `payload`, send the rest with the URL. */
export interface EncryptedAttachment {
  payload: Uint8Array;
  secret: Uint8Array;
  salt: Uint8Array;
  nonce: Uint8Array;
  /** Lower-case hex SHA-256 of `payload`. */
  contentDigest: string;
  contentLength: number;
  filename: string;
}

/** The keys of a remote attachment; the byte fields also take the hex strings the wire carries. */
export interface DecryptParams {
  secret: Uint8Array | string;
  salt: Uint8Array | string;
  nonce: Uint8Array | string;
  contentDigest: string;
}

export interface DecryptedAttachment {
  filename: string;
  mimeType: string;
  data: Uint8Array;
}

/** Fixed inputs for the vectors; production callers leave them out. */
export interface EncryptOptions extends AttachmentInfo {
  secret?: Uint8Array;
  salt?: Uint8Array;
  nonce?: Uint8Array;
}

function deriveKey(secret: Uint8Array, salt: Uint8Array): Uint8Array {
  return hkdf(sha256, secret, salt, new Uint8Array(0), 32);
}

function asBytes(value: Uint8Array | string, length: number, what: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = typeof value === 'string' ? hexToBytes(value.startsWith('0x') ? value.slice(2) : value) : value;
  } catch {
    throw new AttachmentError('attachment-malformed', `${what} is not hex`);
  }
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new AttachmentError('attachment-malformed', `${what} must be ${length} bytes`);
  }
  return bytes;
}

/** Encodes the file as an `xmtp.org/attachment` EncodedContent (also the inline message's body). */
export function encodeAttachmentContent(data: Uint8Array, info: AttachmentInfo): Uint8Array {
  return encodeContent({
    type: ATTACHMENT_TYPE,
    parameters: { filename: info.filename, mimeType: info.mimeType },
    // The reference encoder's fallback, for apps that do not know the type (protocol text, not UI).
    fallback: `Can't display ${info.filename}. This app doesn't support attachments.`,
    content: data,
  });
}

export function encryptAttachment(data: Uint8Array, options: EncryptOptions): EncryptedAttachment {
  const secret = options.secret ?? randomBytes(32);
  const salt = options.salt ?? randomBytes(32);
  const nonce = options.nonce ?? randomBytes(12);
  asBytes(secret, 32, 'secret');
  asBytes(salt, 32, 'salt');
  asBytes(nonce, 12, 'nonce');
  const plaintext = encodeAttachmentContent(data, options);
  const payload = gcm(deriveKey(secret, salt), nonce).encrypt(plaintext);
  return {
    payload,
    secret,
    salt,
    nonce,
    contentDigest: bytesToHex(sha256(payload)),
    contentLength: payload.length,
    filename: options.filename,
  };
}

async function inflate(data: Uint8Array, compression: number): Promise<Uint8Array> {
  // xmtp/proto Compression: 0 deflate (zlib), 1 gzip.
  const format = compression === 0 ? 'deflate' : compression === 1 ? 'gzip' : undefined;
  if (!format) throw new AttachmentError('attachment-malformed', `unknown compression ${compression}`);
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Checks the digest, decrypts and decodes. Rejects with an `AttachmentError`:
 * `attachment-digest-mismatch`, `attachment-decrypt-failed` or `attachment-malformed`.
 */
export async function decryptAttachment(payload: Uint8Array, params: DecryptParams): Promise<DecryptedAttachment> {
  const digest = bytesToHex(sha256(payload));
  if (digest !== params.contentDigest.toLowerCase().replace(/^0x/, '')) {
    throw new AttachmentError('attachment-digest-mismatch', 'the downloaded bytes do not match the digest in the message');
  }
  const secret = asBytes(params.secret, 32, 'secret');
  const salt = asBytes(params.salt, 32, 'salt');
  const nonce = asBytes(params.nonce, 12, 'nonce');
  let plaintext: Uint8Array;
  try {
    plaintext = gcm(deriveKey(secret, salt), nonce).decrypt(payload);
  } catch {
    throw new AttachmentError('attachment-decrypt-failed', 'the attachment could not be decrypted with the keys in the message');
  }
  let decoded;
  try {
    decoded = decodeContent(plaintext);
  } catch {
    throw new AttachmentError('attachment-malformed', 'the decrypted attachment is not an encoded content');
  }
  const type = decoded.type;
  if (type && (type.authorityId !== 'xmtp.org' || type.typeId !== 'attachment')) {
    throw new AttachmentError('attachment-malformed', `the decrypted content is ${type.authorityId}/${type.typeId}, not an attachment`);
  }
  const data = decoded.compression === undefined ? decoded.content : await inflate(decoded.content, decoded.compression);
  return {
    filename: decoded.parameters.filename ?? '',
    mimeType: decoded.parameters.mimeType ?? 'application/octet-stream',
    data,
  };
}

export { bytesToHex, hexToBytes };
