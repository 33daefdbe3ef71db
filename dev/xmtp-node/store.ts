// The node's state: group messages, welcomes, key packages, the identity log with its
// address index, and the commit log. Everything lives in memory; with a data directory every
// accepted write is also appended to a JSON-lines log that is replayed on start, so a
// restarted node answers exactly as before (same ids, same timestamps).

import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { GrpcError, Status } from './grpc-web.js';
import { associations, type AssociationPb } from './proto.js';

type IdentityUpdate = AssociationPb.IdentityUpdate;

export const MAX_PAGE_SIZE = 100;

export const SortDirection = { UNSPECIFIED: 0, ASCENDING: 1, DESCENDING: 2 } as const;

export interface Limits {
  /** Active (added and not revoked) installations per inbox. */
  maxInstallations: number;
  /** Identity updates per inbox, ever. */
  maxIdentityUpdates: number;
}

export const DEFAULT_LIMITS: Limits = { maxInstallations: 10, maxIdentityUpdates: 256 };

export interface GroupMessageRecord {
  id: number;
  createdNs: bigint;
  groupId: Uint8Array;
  data: Uint8Array;
  senderHmac: Uint8Array;
  shouldPush: boolean;
  isCommit: boolean;
}

export interface WelcomeRecord {
  id: number;
  createdNs: bigint;
  installationKey: Uint8Array;
  kind: 'v1' | 'pointer';
  /** The welcome, or the serialized welcome pointer. */
  data: Uint8Array;
  hpkePublicKey: Uint8Array;
  wrapperAlgorithm: number;
  welcomeMetadata: Uint8Array;
}

export interface IdentityUpdateRecord {
  sequenceId: number;
  serverTimestampNs: bigint;
  inboxId: string;
  update: IdentityUpdate;
}

export interface CommitLogRecord {
  sequenceId: number;
  groupId: Uint8Array;
  entry: Uint8Array;
  /** An encoded RecoverableEd25519Signature, stored and returned unverified. */
  signature: Uint8Array;
}

export interface PageRequest {
  direction: number;
  limit: number;
  cursor: number;
}

export interface Page<T> {
  items: T[];
  /** The last id of the page when the page is full, else 0. */
  cursor: number;
  limit: number;
  direction: number;
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const unb64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
const sha256 = (...parts: Uint8Array[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

/** UNSPECIFIED (0) means Ethereum on older clients; only Ethereum addresses are indexed. */
export function isEthereumKind(kind: number): boolean {
  return (
    kind === associations.IdentifierKind.IDENTIFIER_KIND_UNSPECIFIED ||
    kind === associations.IdentifierKind.IDENTIFIER_KIND_ETHEREUM
  );
}

export function pageSize(limit: number): number {
  return limit > 0 && limit <= MAX_PAGE_SIZE ? limit : MAX_PAGE_SIZE;
}

/** Index of the first item whose id is greater than `id` (items sorted by id). */
function firstAfter<T>(items: readonly T[], id: number, idOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (idOf(items[mid]!) <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The node-go paging rule: page size 100 when the limit is 0 or above 100; ascending returns
 * ids above the cursor; descending returns ids below it (newest first when the cursor is 0);
 * the answer's cursor is the last id only when the page is full.
 */
export function paginate<T>(items: readonly T[], idOf: (item: T) => number, req: PageRequest): Page<T> {
  const size = pageSize(req.limit);
  let page: T[];
  if (req.direction === SortDirection.ASCENDING) {
    const start = firstAfter(items, req.cursor, idOf);
    page = items.slice(start, start + size);
  } else {
    const end = req.cursor > 0 ? firstAfter(items, req.cursor - 1, idOf) : items.length;
    page = items.slice(Math.max(0, end - size), end).reverse();
  }
  return {
    items: page,
    cursor: page.length >= size ? idOf(page[page.length - 1]!) : 0,
    limit: size,
    direction: req.direction,
  };
}

/** Items with an id above `cursor`, ascending (stream catch-up). */
export function itemsAfter<T>(items: readonly T[], idOf: (item: T) => number, cursor: number): T[] {
  return items.slice(firstAfter(items, cursor, idOf));
}

// ---------------------------------------------------------------------------------------------
// Persistence: one JSON object per line, each the result of an accepted write.

type LogEntry =
  | { k: 'kp'; ik: string; kp: string }
  | { k: 'gm'; id: number; ns: string; g: string; d: string; h: string; p: boolean; c: boolean }
  | { k: 'wm'; id: number; ns: string; ik: string; t: 'v1' | 'pointer'; d: string; hp: string; wa: number; md: string }
  | { k: 'iu'; seq: number; ns: string; inbox: string; u: string }
  | { k: 'cl'; seq: number; g: string; e: string; s: string };

export const LOG_FILE = 'xmtp-node.jsonl';

class AppendLog {
  #fd: number;
  constructor(readonly file: string) {
    this.#fd = fs.openSync(file, 'a');
  }
  append(entry: LogEntry): void {
    fs.writeSync(this.#fd, JSON.stringify(entry) + '\n');
  }
  close(): void {
    fs.closeSync(this.#fd);
  }
}

/** Reads the log; a torn last line (a crash mid-write) is cut off, anything else must parse. */
function readLog(file: string): LogEntry[] {
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, 'utf8');
  const entries: LogEntry[] = [];
  let offset = 0;
  let lineNo = 0;
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    lineNo++;
    if (nl === -1) {
      // No newline: the last write did not finish. Drop it so later appends stay valid.
      fs.truncateSync(file, Buffer.byteLength(text.slice(0, offset)));
      break;
    }
    const line = text.slice(offset, nl);
    offset = nl + 1;
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as LogEntry);
    } catch {
      throw new Error(`${file}: line ${lineNo} is not valid JSON; refusing to start on a corrupt log`);
    }
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------

interface AddressAssociation {
  inboxId: string;
  associationSeq: number;
  revocationSeq?: number;
}

export interface StoreEvents {
  groupMessage: [GroupMessageRecord];
  welcome: [WelcomeRecord];
}

export interface StoreOptions {
  dataDir?: string;
  limits?: Partial<Limits>;
}

export class Store extends EventEmitter<StoreEvents> {
  readonly limits: Limits;
  #log?: AppendLog;
  #lastNs = 0n;
  #nextGroupMessageId = 1;
  #nextWelcomeId = 1;
  #nextIdentitySeq = 1;
  #nextCommitLogSeq = 1;

  /** group id (hex) -> messages ascending by id */
  readonly groupMessages = new Map<string, GroupMessageRecord[]>();
  /** installation key (hex) -> welcomes ascending by id */
  readonly welcomes = new Map<string, WelcomeRecord[]>();
  /** installation key (hex) -> newest key package */
  readonly keyPackages = new Map<string, Uint8Array>();
  /** inbox id (lower-case hex) -> identity updates ascending by sequence id */
  readonly identityLog = new Map<string, IdentityUpdateRecord[]>();
  /** inbox id -> installation keys (hex) added and not revoked */
  readonly installations = new Map<string, Set<string>>();
  /** lower-case Ethereum address -> associations in publication order */
  readonly addressLog = new Map<string, AddressAssociation[]>();
  /** group id (hex) -> commit log entries ascending by sequence id */
  readonly commitLog = new Map<string, CommitLogRecord[]>();
  readonly #groupHashes = new Set<string>();
  readonly #welcomeHashes = new Set<string>();

  constructor(options: StoreOptions = {}) {
    super();
    this.setMaxListeners(0);
    this.limits = {
      maxInstallations: options.limits?.maxInstallations ?? DEFAULT_LIMITS.maxInstallations,
      maxIdentityUpdates: options.limits?.maxIdentityUpdates ?? DEFAULT_LIMITS.maxIdentityUpdates,
    };
    if (options.dataDir) {
      fs.mkdirSync(options.dataDir, { recursive: true });
      const file = path.join(options.dataDir, LOG_FILE);
      for (const entry of readLog(file)) this.#replay(entry);
      this.#log = new AppendLog(file);
    }
  }

  close(): void {
    this.#log?.close();
    this.#log = undefined;
  }

  /** Strictly increasing nanosecond timestamps: max(last + 1, now). */
  #now(): bigint {
    const now = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n;
    this.#lastNs = now > this.#lastNs ? now : this.#lastNs + 1n;
    return this.#lastNs;
  }

  #seen(ns: bigint): void {
    if (ns > this.#lastNs) this.#lastNs = ns;
  }

  // --- key packages ----------------------------------------------------------------------------

  putKeyPackage(installationKey: Uint8Array, keyPackage: Uint8Array): void {
    this.#applyKeyPackage(hex(installationKey), keyPackage);
    this.#log?.append({ k: 'kp', ik: hex(installationKey), kp: b64(keyPackage) });
  }

  #applyKeyPackage(key: string, keyPackage: Uint8Array): void {
    this.keyPackages.set(key, keyPackage);
  }

  keyPackage(installationKey: Uint8Array): Uint8Array | undefined {
    return this.keyPackages.get(hex(installationKey));
  }

  // --- group messages ----------------------------------------------------------------------------

  /** Stores a group message; an exact re-send (same group id and data) returns undefined. */
  insertGroupMessage(input: Omit<GroupMessageRecord, 'id' | 'createdNs'>): GroupMessageRecord | undefined {
    const hash = sha256(input.groupId, input.data);
    if (this.#groupHashes.has(hash)) return undefined;
    const record: GroupMessageRecord = { ...input, id: this.#nextGroupMessageId, createdNs: this.#now() };
    this.#applyGroupMessage(record, hash);
    this.#log?.append({
      k: 'gm',
      id: record.id,
      ns: record.createdNs.toString(),
      g: hex(record.groupId),
      d: b64(record.data),
      h: b64(record.senderHmac),
      p: record.shouldPush,
      c: record.isCommit,
    });
    this.emit('groupMessage', record);
    return record;
  }

  #applyGroupMessage(record: GroupMessageRecord, hash = sha256(record.groupId, record.data)): void {
    const key = hex(record.groupId);
    let list = this.groupMessages.get(key);
    if (!list) this.groupMessages.set(key, (list = []));
    list.push(record);
    this.#groupHashes.add(hash);
    this.#nextGroupMessageId = Math.max(this.#nextGroupMessageId, record.id + 1);
    this.#seen(record.createdNs);
  }

  queryGroupMessages(groupId: Uint8Array, req: PageRequest): Page<GroupMessageRecord> {
    return paginate(this.groupMessages.get(hex(groupId)) ?? [], (m) => m.id, req);
  }

  groupMessagesAfter(groupId: Uint8Array, cursor: number): GroupMessageRecord[] {
    return itemsAfter(this.groupMessages.get(hex(groupId)) ?? [], (m) => m.id, cursor);
  }

  newestGroupMessage(groupId: Uint8Array): GroupMessageRecord | undefined {
    return this.groupMessages.get(hex(groupId))?.at(-1);
  }

  // --- welcomes ------------------------------------------------------------------------------------

  /** Stores a welcome; an exact re-send (same installation key and data) returns undefined. */
  insertWelcome(input: Omit<WelcomeRecord, 'id' | 'createdNs'>): WelcomeRecord | undefined {
    const hash = sha256(input.installationKey, input.data);
    if (this.#welcomeHashes.has(hash)) return undefined;
    const record: WelcomeRecord = { ...input, id: this.#nextWelcomeId, createdNs: this.#now() };
    this.#applyWelcome(record, hash);
    this.#log?.append({
      k: 'wm',
      id: record.id,
      ns: record.createdNs.toString(),
      ik: hex(record.installationKey),
      t: record.kind,
      d: b64(record.data),
      hp: b64(record.hpkePublicKey),
      wa: record.wrapperAlgorithm,
      md: b64(record.welcomeMetadata),
    });
    this.emit('welcome', record);
    return record;
  }

  #applyWelcome(record: WelcomeRecord, hash = sha256(record.installationKey, record.data)): void {
    const key = hex(record.installationKey);
    let list = this.welcomes.get(key);
    if (!list) this.welcomes.set(key, (list = []));
    list.push(record);
    this.#welcomeHashes.add(hash);
    this.#nextWelcomeId = Math.max(this.#nextWelcomeId, record.id + 1);
    this.#seen(record.createdNs);
  }

  queryWelcomes(installationKey: Uint8Array, req: PageRequest): Page<WelcomeRecord> {
    return paginate(this.welcomes.get(hex(installationKey)) ?? [], (w) => w.id, req);
  }

  welcomesAfter(installationKey: Uint8Array, cursor: number): WelcomeRecord[] {
    return itemsAfter(this.welcomes.get(hex(installationKey)) ?? [], (w) => w.id, cursor);
  }

  // --- identity ------------------------------------------------------------------------------------

  /**
   * Validates and appends an identity update. Signatures are not verified (clients verify
   * identity updates themselves); the structure, the per-inbox caps and the order of creation
   * are enforced.
   */
  publishIdentityUpdate(update: IdentityUpdate): IdentityUpdateRecord {
    const inboxId = update.inboxId.toLowerCase();
    if (!/^[0-9a-f]+$/.test(inboxId)) throw new GrpcError(Status.INVALID_ARGUMENT, 'invalid inbox id');
    if (update.actions.length === 0) {
      throw new GrpcError(Status.INVALID_ARGUMENT, 'identity update has no actions');
    }
    const existing = this.identityLog.get(inboxId) ?? [];
    // node-go answers a plain Go error here, which gRPC reports as UNKNOWN.
    if (existing.length >= this.limits.maxIdentityUpdates) throw new GrpcError(Status.UNKNOWN, 'inbox log is full');
    const creates = update.actions.filter((a) => a.createInbox).length;
    if (existing.length === 0 && !update.actions[0]!.createInbox) {
      throw new GrpcError(Status.INVALID_ARGUMENT, `inbox ${inboxId} does not exist: its first update must create it`);
    }
    if (creates > (existing.length === 0 ? 1 : 0)) {
      throw new GrpcError(Status.INVALID_ARGUMENT, `inbox ${inboxId} already exists`);
    }
    const active = new Set(this.installations.get(inboxId));
    for (const action of update.actions) {
      const added = action.add?.newMemberIdentifier?.installationPublicKey;
      const revoked = action.revoke?.memberToRevoke?.installationPublicKey;
      if (added?.length && !active.has(hex(added))) {
        if (active.size >= this.limits.maxInstallations) {
          // The sentence libxmtp itself uses for its client-side check, so one matcher fits both.
          throw new GrpcError(
            Status.INVALID_ARGUMENT,
            `Cannot register a new installation because the InboxID ${inboxId} has already registered ` +
              `${active.size}/${this.limits.maxInstallations} installations. Please revoke existing installations first.`,
          );
        }
        active.add(hex(added));
      }
      if (revoked?.length) active.delete(hex(revoked));
    }
    const record: IdentityUpdateRecord = {
      sequenceId: this.#nextIdentitySeq,
      serverTimestampNs: this.#now(),
      inboxId,
      update,
    };
    this.#applyIdentityUpdate(record);
    this.#log?.append({
      k: 'iu',
      seq: record.sequenceId,
      ns: record.serverTimestampNs.toString(),
      inbox: inboxId,
      u: b64(associations.IdentityUpdate.encode(update).finish()),
    });
    return record;
  }

  #applyIdentityUpdate(record: IdentityUpdateRecord): void {
    const { inboxId, sequenceId } = record;
    let list = this.identityLog.get(inboxId);
    if (!list) this.identityLog.set(inboxId, (list = []));
    list.push(record);
    let installs = this.installations.get(inboxId);
    if (!installs) this.installations.set(inboxId, (installs = new Set()));
    for (const action of record.update.actions) {
      const create = action.createInbox;
      if (create && isEthereumKind(create.initialIdentifierKind)) {
        this.#associate(create.initialIdentifier, inboxId, sequenceId);
      }
      const added = action.add?.newMemberIdentifier;
      if (added?.ethereumAddress) this.#associate(added.ethereumAddress, inboxId, sequenceId);
      if (added?.installationPublicKey?.length) installs.add(hex(added.installationPublicKey));
      const revoked = action.revoke?.memberToRevoke;
      if (revoked?.ethereumAddress) this.#dissociate(revoked.ethereumAddress, inboxId, sequenceId);
      if (revoked?.installationPublicKey?.length) installs.delete(hex(revoked.installationPublicKey));
      // changeRecoveryAddress changes no lookup.
    }
    this.#nextIdentitySeq = Math.max(this.#nextIdentitySeq, sequenceId + 1);
    this.#seen(record.serverTimestampNs);
  }

  #associate(address: string, inboxId: string, seq: number): void {
    const key = address.toLowerCase();
    let list = this.addressLog.get(key);
    if (!list) this.addressLog.set(key, (list = []));
    list.push({ inboxId, associationSeq: seq });
  }

  #dissociate(address: string, inboxId: string, seq: number): void {
    const list = this.addressLog.get(address.toLowerCase()) ?? [];
    // Revoke the newest live association of this address with this inbox.
    for (let i = list.length - 1; i >= 0; i--) {
      const a = list[i]!;
      if (a.inboxId === inboxId && a.revocationSeq === undefined) {
        a.revocationSeq = seq;
        return;
      }
    }
  }

  /** The inbox of the newest association of this exact address string that is not revoked. */
  inboxIdFor(address: string): string | undefined {
    let best: AddressAssociation | undefined;
    for (const a of this.addressLog.get(address) ?? []) {
      if (a.revocationSeq === undefined && (!best || a.associationSeq > best.associationSeq)) best = a;
    }
    return best?.inboxId;
  }

  identityUpdatesAfter(inboxId: string, sequenceId: number): IdentityUpdateRecord[] {
    return itemsAfter(this.identityLog.get(inboxId.toLowerCase()) ?? [], (u) => u.sequenceId, sequenceId);
  }

  // --- commit log ------------------------------------------------------------------------------------

  insertCommitLog(input: Omit<CommitLogRecord, 'sequenceId'>): CommitLogRecord {
    const record: CommitLogRecord = { ...input, sequenceId: this.#nextCommitLogSeq };
    this.#applyCommitLog(record);
    this.#log?.append({ k: 'cl', seq: record.sequenceId, g: hex(record.groupId), e: b64(record.entry), s: b64(record.signature) });
    return record;
  }

  #applyCommitLog(record: CommitLogRecord): void {
    const key = hex(record.groupId);
    let list = this.commitLog.get(key);
    if (!list) this.commitLog.set(key, (list = []));
    list.push(record);
    this.#nextCommitLogSeq = Math.max(this.#nextCommitLogSeq, record.sequenceId + 1);
  }

  queryCommitLog(groupId: Uint8Array, req: Omit<PageRequest, 'direction'>): Page<CommitLogRecord> {
    return paginate(this.commitLog.get(hex(groupId)) ?? [], (e) => e.sequenceId, {
      ...req,
      direction: SortDirection.ASCENDING,
    });
  }

  // --- replay ------------------------------------------------------------------------------------

  #replay(entry: LogEntry): void {
    switch (entry.k) {
      case 'kp':
        return this.#applyKeyPackage(entry.ik, unb64(entry.kp));
      case 'gm':
        return this.#applyGroupMessage({
          id: entry.id,
          createdNs: BigInt(entry.ns),
          groupId: new Uint8Array(Buffer.from(entry.g, 'hex')),
          data: unb64(entry.d),
          senderHmac: unb64(entry.h),
          shouldPush: entry.p,
          isCommit: entry.c,
        });
      case 'wm':
        return this.#applyWelcome({
          id: entry.id,
          createdNs: BigInt(entry.ns),
          installationKey: new Uint8Array(Buffer.from(entry.ik, 'hex')),
          kind: entry.t,
          data: unb64(entry.d),
          hpkePublicKey: unb64(entry.hp),
          wrapperAlgorithm: entry.wa,
          welcomeMetadata: unb64(entry.md),
        });
      case 'iu':
        return this.#applyIdentityUpdate({
          sequenceId: entry.seq,
          serverTimestampNs: BigInt(entry.ns),
          inboxId: entry.inbox,
          update: associations.IdentityUpdate.decode(unb64(entry.u)),
        });
      case 'cl':
        return this.#applyCommitLog({
          sequenceId: entry.seq,
          groupId: new Uint8Array(Buffer.from(entry.g, 'hex')),
          entry: unb64(entry.e),
          signature: unb64(entry.s),
        });
      default:
        throw new Error(`unknown log entry kind ${(entry as { k: unknown }).k}`);
    }
  }

  counts() {
    let groupMessages = 0;
    for (const l of this.groupMessages.values()) groupMessages += l.length;
    let welcomes = 0;
    for (const l of this.welcomes.values()) welcomes += l.length;
    let identityUpdates = 0;
    for (const l of this.identityLog.values()) identityUpdates += l.length;
    let commitLogEntries = 0;
    for (const l of this.commitLog.values()) commitLogEntries += l.length;
    return {
      groups: this.groupMessages.size,
      groupMessages,
      welcomes,
      keyPackages: this.keyPackages.size,
      inboxes: this.identityLog.size,
      identityUpdates,
      commitLogEntries,
    };
  }
}
