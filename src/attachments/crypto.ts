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
import { ctr, ecb, gcm } from '@noble/ciphers/aes.js';
import { ghash } from '@noble/ciphers/_polyval.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { decodeContent, encodeContent } from './encoded-content.js';
import { AttachmentError } from './errors.js';

export { AttachmentError };

export const ATTACHMENT_TYPE = { authorityId: 'xmtp.org', typeId: 'attachment', versionMajor: 1, versionMinor: 0 };

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

/** Bytes per slice of the sliced (yielding) path: a few milliseconds of work each on a slow phone. */
const SLICE = 64 * 1024;
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * AES-256-GCM (no AAD, 12-byte nonce, 16-byte tag) in slices with a pause between them, so a
 * 10 MB file never holds the main thread for long. The same construction as noble's `gcm`, made of
 * noble's parts: H = AES_K(0¹²⁸), J0 = nonce‖1, CTR from J0+1, tag = GHASH_H(C ‖ lengths) ⊕ AES_K(J0).
 * The unit tests check it byte for byte against `gcm`.
 */
async function gcmSliced(key: Uint8Array, nonce: Uint8Array, input: Uint8Array, direction: 'seal' | 'open'): Promise<Uint8Array> {
  // noble refuses a second encrypt() on one instance (nonce reuse guard): one instance per block.
  const block = { encrypt: (b: Uint8Array) => ecb(key, { disablePadding: true }).encrypt(b) };
  const h = block.encrypt(new Uint8Array(16));
  const j0 = new Uint8Array(16);
  j0.set(nonce);
  j0[15] = 1;
  const tagMask = block.encrypt(j0);
  const body = direction === 'seal' ? input : input.subarray(0, input.length - 16);
  if (direction === 'open' && input.length < 16) throw new Error('too short');
  const out = new Uint8Array(direction === 'seal' ? input.length + 16 : body.length);
  const ciphertext = direction === 'seal' ? out.subarray(0, body.length) : body;
  const mac = ghash.create(h);
  const counter = (blockIndex: number) => {
    const iv = j0.slice();
    new DataView(iv.buffer).setUint32(12, (2 + blockIndex) >>> 0, false);
    return iv;
  };
  // Opening checks the tag over the whole ciphertext before any plaintext is produced.
  const order = direction === 'seal' ? (['ctr', 'mac'] as const) : (['mac', 'ctr'] as const);
  for (const step of order) {
    for (let at = 0; at < body.length; at += SLICE) {
      const end = Math.min(body.length, at + SLICE);
      if (step === 'ctr') out.set(ctr(key, counter(at / 16)).encrypt(body.subarray(at, end)), at);
      else mac.update(ciphertext.subarray(at, end));
      await pause();
    }
    if (step === 'mac') {
      const lengths = new Uint8Array(16);
      new DataView(lengths.buffer).setBigUint64(8, BigInt(body.length) * 8n, false);
      const tag = mac.update(lengths).digest();
      for (let i = 0; i < 16; i++) tag[i]! ^= tagMask[i]!;
      if (direction === 'seal') out.set(tag, body.length);
      else {
        let diff = 0;
        for (let i = 0; i < 16; i++) diff |= tag[i]! ^ input[body.length + i]!;
        if (diff) throw new Error('invalid tag');
      }
    }
  }
  return out;
}

async function sha256Sliced(data: Uint8Array): Promise<Uint8Array> {
  const hash = sha256.create();
  for (let at = 0; at < data.length; at += SLICE) {
    hash.update(data.subarray(at, at + SLICE));
    await pause();
  }
  return hash.digest();
}

/**
 * `encryptAttachment` in slices with pauses between them (the same output): what the chat uses,
 * so preparing a large file never blocks the page for long.
 */
export async function encryptAttachmentSliced(data: Uint8Array, options: EncryptOptions): Promise<EncryptedAttachment> {
  const secret = options.secret ?? randomBytes(32);
  const salt = options.salt ?? randomBytes(32);
  const nonce = options.nonce ?? randomBytes(12);
  asBytes(secret, 32, 'secret');
  asBytes(salt, 32, 'salt');
  asBytes(nonce, 12, 'nonce');
  const payload = await gcmSliced(deriveKey(secret, salt), nonce, encodeAttachmentContent(data, options), 'seal');
  return { payload, secret, salt, nonce, contentDigest: bytesToHex(await sha256Sliced(payload)), contentLength: payload.length, filename: options.filename };
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
 * Above 64 KiB it works in slices with pauses between them (for the main thread).
 */
export function decryptAttachment(payload: Uint8Array, params: DecryptParams): Promise<DecryptedAttachment> {
  return open(payload, params, payload.length > SLICE);
}

/** `decryptAttachment` in one go, no pauses: for a worker, where a long task blocks nobody. */
export function decryptAttachmentAtOnce(payload: Uint8Array, params: DecryptParams): Promise<DecryptedAttachment> {
  return open(payload, params, false);
}

async function open(payload: Uint8Array, params: DecryptParams, sliced: boolean): Promise<DecryptedAttachment> {
  const digest = bytesToHex(sliced ? await sha256Sliced(payload) : sha256(payload));
  if (digest !== params.contentDigest.toLowerCase().replace(/^0x/, '')) {
    throw new AttachmentError('attachment-digest-mismatch', 'the downloaded bytes do not match the digest in the message');
  }
  const secret = asBytes(params.secret, 32, 'secret');
  const salt = asBytes(params.salt, 32, 'salt');
  const nonce = asBytes(params.nonce, 12, 'nonce');
  let plaintext: Uint8Array;
  try {
    const key = deriveKey(secret, salt);
    plaintext = sliced ? await gcmSliced(key, nonce, payload, 'open') : gcm(key, nonce).decrypt(payload);
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
