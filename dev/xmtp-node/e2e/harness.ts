// Runs in the test page (bundled by build.ts): a thin, serialisable wrapper around the real
// @xmtp/browser-sdk, driven from Node through page.evaluate(). Nothing here reaches the
// wasm on the main thread: Client.create only instantiates it inside the SDK's worker.

import {
  BackupElementSelectionOption,
  Client,
  decryptAttachment as sdkDecryptAttachment,
  encryptAttachment as sdkEncryptAttachment,
  IdentifierKind,
  LogLevel,
  ReactionAction,
  ReactionSchema,
  type ClientOptions,
  type RemoteAttachment,
  type Signer,
} from '@xmtp/browser-sdk';
import { hexToBytes, toHex, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { decryptAttachment as kitDecryptAttachment, encryptAttachment as kitEncryptAttachment } from '../../../src/attachments/crypto.js';

export interface ReceivedMessage {
  id: string;
  conversationId: string;
  senderInboxId: string;
  text: string | null;
  sentAtNs: string;
}

export interface CreateOptions {
  apiUrl: string;
  /** The wallet's key; or `wallet`: an account the JSON-RPC node at `rpcUrl` signs for (anvil's unlocked accounts). */
  privateKey?: Hex;
  wallet?: { rpcUrl: string; address: string };
  /** Sent as x-app-version: lets the node's request log tell simulated users apart. */
  appVersion: string;
}

/**
 * One message of any content type, as a raw client may send it (the hostile-input suite):
 * the SDK's own encoders for its types, `encoded` for any content type id with any bytes.
 */
export type RawSend =
  | { kind: 'text'; text: string }
  | { kind: 'markdown'; text: string }
  | { kind: 'reply'; text: string; reference: string }
  | { kind: 'reaction'; reference: string; referenceInboxId: string; content: string; removed?: boolean }
  | {
      kind: 'transaction';
      networkId: string;
      reference: string;
      metadata?: { transactionType: string; currency: string; amount: number; decimals: number; fromAddress: string; toAddress: string };
    }
  | { kind: 'encoded'; authorityId: string; typeId: string; versionMajor: number; versionMinor: number; parameters: Record<string, string>; fallback?: string; text: string };

/** A file as the attachment interop test passes it through page.evaluate (bytes as hex). */
export interface HarnessFile {
  filename: string;
  mimeType: string;
  hex: string;
}

const toHexString = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHexString = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));

async function uploadTo(uploadUrl: string, payload: Uint8Array): Promise<string> {
  const response = await fetch(uploadUrl, { method: 'POST', body: payload as BlobPart });
  if (!response.ok) throw new Error(`upload failed: HTTP ${response.status}`);
  return ((await response.json()) as { url: string }).url;
}

export interface CreatedClient {
  inboxId: string;
  installationId: string;
  address: string;
}

declare global {
  interface Window {
    xmtpHarness: typeof harness;
    /** Installed by the Node side with page.exposeFunction (bench latency reports). */
    __report?: (kind: string, payload: string) => Promise<void>;
  }
}

let client: Client<unknown> | undefined;
const received: ReceivedMessage[] = [];
const streamEvents: string[] = [];
let stream: { end(): Promise<unknown> } | undefined;

function need(): Client<unknown> {
  if (!client) throw new Error('no client: call create() first');
  return client;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err && 'message' in err) return String((err as { message: unknown }).message);
  return String(err);
}

/** The client's signer: the private key's account, or a JSON-RPC node's unlocked account (`personal_sign`). */
function signerOf(opts: CreateOptions): { signer: Signer; address: string } {
  if (opts.wallet) {
    const { rpcUrl } = opts.wallet;
    const address = opts.wallet.address.toLowerCase();
    const signer: Signer = {
      type: 'EOA',
      getIdentifier: () => ({ identifier: address, identifierKind: IdentifierKind.Ethereum }),
      signMessage: async (message: string) => {
        const response = await fetch(rpcUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'personal_sign', params: [toHex(message), address] }),
        });
        const body = (await response.json()) as { result?: Hex; error?: { message: string } };
        if (!body.result) throw new Error(`personal_sign for ${address} at ${rpcUrl} failed: ${body.error?.message ?? `HTTP ${response.status}`}`);
        return hexToBytes(body.result);
      },
    };
    return { signer, address };
  }
  if (!opts.privateKey) throw new Error('create() needs a privateKey or a wallet');
  const account = privateKeyToAccount(opts.privateKey);
  const signer: Signer = {
    type: 'EOA',
    getIdentifier: () => ({ identifier: account.address.toLowerCase(), identifierKind: IdentifierKind.Ethereum }),
    signMessage: async (message: string) => hexToBytes(await account.signMessage({ message })),
  };
  return { signer, address: account.address.toLowerCase() };
}

const harness = {
  newPrivateKey(): Hex {
    return generatePrivateKey();
  },

  async create(opts: CreateOptions): Promise<CreatedClient> {
    const { signer, address } = signerOf(opts);
    // ClientOptions is a union ((NetworkOptions | { backend }) & ...), and Client.create takes
    // Omit<ClientOptions, 'codecs'>, which keeps only the keys common to both arms: `env` and
    // `apiUrl` type-check only through a ClientOptions-typed value.
    const options: ClientOptions = {
      env: 'local',
      apiUrl: opts.apiUrl,
      appVersion: opts.appVersion,
      disableDeviceSync: true,
      loggingLevel: LogLevel.Warn,
    };
    const created = await Client.create(signer, options);
    client = created;
    return { inboxId: created.inboxId!, installationId: created.installationId!, address };
  },

  /**
   * Like create(), with XMTP device sync on (create() turns it off): the client's sync worker
   * joins its wallet's device-sync groups and answers history requests from other installations
   * by uploading an archive to the history URL the request names.
   */
  async createWithDeviceSync(opts: CreateOptions): Promise<CreatedClient> {
    const { signer, address } = signerOf(opts);
    const options: ClientOptions = { env: 'local', apiUrl: opts.apiUrl, appVersion: opts.appVersion, loggingLevel: LogLevel.Warn };
    const created = await Client.create(signer, options);
    client = created;
    return { inboxId: created.inboxId!, installationId: created.installationId!, address };
  },

  /**
   * Asks the wallet's other installations for history (messages and consent), to be uploaded to
   * `historyUrl`. The SDK 7.1.0 ignores the `historySyncUrl` client option: the URL travels in
   * the request, and without it the SDK names HistorySyncUrls[env].
   */
  async sendSyncRequest(historyUrl: string): Promise<void> {
    await need().sendSyncRequest(
      { elements: [BackupElementSelectionOption.Messages, BackupElementSelectionOption.Consent], excludeDisappearingMessages: false },
      historyUrl,
    );
  },

  /** Pulls the device-sync groups from the network (their messages wake the sync worker). */
  async syncAllDeviceSyncGroups(): Promise<void> {
    await need().syncAllDeviceSyncGroups();
  },

  /** The installations the network lists for this client's inbox. */
  async installationIds(): Promise<string[]> {
    const state = await need().preferences.fetchInboxState();
    return state.installations.map((i) => i.id);
  },

  /** Like create(), but resolves to the error text instead of throwing (structured clone loses it). */
  async createExpectingError(opts: CreateOptions): Promise<{ ok: true; inboxId: string } | { ok: false; error: string }> {
    try {
      const created = await harness.create(opts);
      return { ok: true, inboxId: created.inboxId };
    } catch (err) {
      return { ok: false, error: errorText(err) };
    }
  },

  async canMessage(addresses: string[]): Promise<Record<string, boolean>> {
    const result = await need().canMessage(
      addresses.map((identifier) => ({ identifier, identifierKind: IdentifierKind.Ethereum })),
    );
    return Object.fromEntries(result);
  },

  async startStream(retryDelay = 500): Promise<void> {
    const s = await need().conversations.streamAllMessages({
      retryDelay,
      retryAttempts: 50,
      onValue: (m) => {
        const text = typeof m.content === 'string' ? m.content : null;
        received.push({
          id: m.id,
          conversationId: m.conversationId,
          senderInboxId: m.senderInboxId,
          text,
          sentAtNs: m.sentAtNs.toString(),
        });
        if (text !== null && window.__report) void window.__report('recv', text);
      },
      onError: (err) => streamEvents.push(`error: ${errorText(err)}`),
      onFail: () => streamEvents.push('fail'),
      onRetry: (attempt, max) => streamEvents.push(`retry ${attempt}/${max}`),
      onRestart: () => streamEvents.push('restart'),
    });
    stream = s;
  },

  received(): ReceivedMessage[] {
    return received.slice();
  },

  streamEvents(): string[] {
    return streamEvents.slice();
  },

  async createDm(inboxId: string): Promise<string> {
    const dm = await need().conversations.createDm(inboxId);
    return dm.id;
  },

  /** A DM with the wallet at `address` (for a peer whose inbox id the test does not know). */
  async createDmWithAddress(address: string): Promise<string> {
    const dm = await need().conversations.createDmWithIdentifier({ identifier: address.toLowerCase(), identifierKind: IdentifierKind.Ethereum });
    return dm.id;
  },

  /** A group with the wallets at `addresses`, named `name` (any text: the hostile-input tests). */
  async createGroupWithAddresses(addresses: string[], name: string, imageUrl?: string): Promise<string> {
    const identifiers = addresses.map((a) => ({ identifier: a.toLowerCase(), identifierKind: IdentifierKind.Ethereum }));
    const group = await need().conversations.createGroupWithIdentifiers(identifiers, { groupName: name, ...(imageUrl ? { groupImageUrlSquare: imageUrl } : {}) });
    return group.id;
  },

  async send(conversationId: string, text: string): Promise<string> {
    const c = need();
    const conversation = await c.conversations.getConversationById(conversationId);
    if (!conversation) throw new Error(`conversation ${conversationId} not found`);
    if (window.__report) await window.__report('send', text);
    return conversation.sendText(text);
  },

  /** Sends several texts in order; returns their message ids. */
  async sendMany(conversationId: string, texts: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const text of texts) ids.push(await harness.send(conversationId, text));
    return ids;
  },

  /**
   * Sends every item optimistically (stored and encrypted locally, in order), then publishes them
   * in one go: a thousand messages cost one round of publishing. Returns the message ids in order.
   */
  async sendRaw(conversationId: string, items: RawSend[]): Promise<string[]> {
    const conversation = await need().conversations.getConversationById(conversationId);
    if (!conversation) throw new Error(`conversation ${conversationId} not found`);
    const opts = { optimistic: true };
    const bytes = (text: string) => new TextEncoder().encode(text);
    const textType = { authorityId: 'xmtp.org', typeId: 'text', versionMajor: 1, versionMinor: 0 };
    const ids: string[] = [];
    for (const item of items) {
      switch (item.kind) {
        case 'text':
          ids.push(await conversation.sendText(item.text, opts));
          break;
        case 'markdown':
          ids.push(await conversation.sendMarkdown(item.text, opts));
          break;
        case 'reply':
          ids.push(await conversation.sendReply({ content: { type: textType, parameters: { encoding: 'UTF-8' }, content: bytes(item.text) }, reference: item.reference }, opts));
          break;
        case 'reaction':
          ids.push(
            await conversation.sendReaction(
              { reference: item.reference, referenceInboxId: item.referenceInboxId, action: item.removed ? ReactionAction.Removed : ReactionAction.Added, content: item.content, schema: ReactionSchema.Unicode },
              opts,
            ),
          );
          break;
        case 'transaction':
          ids.push(await conversation.sendTransactionReference({ namespace: 'eip155', networkId: item.networkId, reference: item.reference, ...(item.metadata ? { metadata: item.metadata } : {}) }, opts));
          break;
        case 'encoded':
          ids.push(
            await conversation.send(
              {
                type: { authorityId: item.authorityId, typeId: item.typeId, versionMajor: item.versionMajor, versionMinor: item.versionMinor },
                parameters: item.parameters,
                ...(item.fallback !== undefined ? { fallback: item.fallback } : {}),
                content: bytes(item.text),
              },
              { ...opts, shouldPush: false },
            ),
          );
          break;
      }
    }
    await conversation.publishMessages();
    return ids;
  },

  /**
   * Remote attachments (issue 14's interop test). `encrypter` 'kit': the kit's @noble code
   * (`src/attachments/crypto.ts`) encrypts; 'sdk': the SDK's own `encryptAttachment` (wasm). The
   * payload goes to the dev store at `uploadUrl`; the message is the SDK's `sendRemoteAttachment`.
   */
  async sendRemoteAttachment(conversationId: string, uploadUrl: string, file: HarnessFile, encrypter: 'kit' | 'sdk'): Promise<string> {
    const conversation = await need().conversations.getConversationById(conversationId);
    if (!conversation) throw new Error(`conversation ${conversationId} not found`);
    const data = fromHexString(file.hex);
    const enc =
      encrypter === 'kit'
        ? kitEncryptAttachment(data, { filename: file.filename, mimeType: file.mimeType })
        : await sdkEncryptAttachment({ filename: file.filename, mimeType: file.mimeType, content: data });
    const url = await uploadTo(uploadUrl, enc.payload);
    const remote: RemoteAttachment = {
      url,
      contentDigest: enc.contentDigest,
      secret: enc.secret,
      salt: enc.salt,
      nonce: enc.nonce,
      scheme: 'https://',
      contentLength: enc.contentLength,
      filename: file.filename,
    };
    return conversation.sendRemoteAttachment(remote);
  },

  /**
   * Every remote attachment of a conversation (after a sync), downloaded and opened by `decoder`:
   * 'sdk' the SDK's own `decryptAttachment`, 'kit' the kit's. Oldest first.
   */
  async openRemoteAttachments(conversationId: string, decoder: 'kit' | 'sdk'): Promise<Array<HarnessFile & { id: string; url: string }>> {
    const conversation = await need().conversations.getConversationById(conversationId);
    if (!conversation) throw new Error(`conversation ${conversationId} not found`);
    await conversation.sync();
    const out: Array<HarnessFile & { id: string; url: string }> = [];
    for (const m of await conversation.messages()) {
      if (m.contentType?.typeId !== 'remoteStaticAttachment') continue;
      const remote = m.content as RemoteAttachment;
      const payload = new Uint8Array(await (await fetch(remote.url)).arrayBuffer());
      if (decoder === 'sdk') {
        const file = await sdkDecryptAttachment(payload, remote);
        out.push({ id: m.id, url: remote.url, filename: file.filename ?? '', mimeType: file.mimeType, hex: toHexString(file.content) });
      } else {
        const file = await kitDecryptAttachment(payload, remote);
        out.push({ id: m.id, url: remote.url, filename: file.filename, mimeType: file.mimeType, hex: toHexString(file.data) });
      }
    }
    return out;
  },

  async syncAll(): Promise<void> {
    await need().conversations.syncAll();
  },

  async conversationIds(): Promise<string[]> {
    await need().conversations.sync();
    return (await need().conversations.list()).map((c) => c.id);
  },

  /** Text messages of a conversation, oldest first, after a sync with the network. */
  async messages(conversationId: string): Promise<ReceivedMessage[]> {
    const conversation = await need().conversations.getConversationById(conversationId);
    if (!conversation) throw new Error(`conversation ${conversationId} not found`);
    await conversation.sync();
    return (await conversation.messages())
      .filter((m) => typeof m.content === 'string')
      .map((m) => ({
        id: m.id,
        conversationId: m.conversationId,
        senderInboxId: m.senderInboxId,
        text: m.content as string,
        sentAtNs: m.sentAtNs.toString(),
      }));
  },

  async close(): Promise<void> {
    await stream?.end();
    stream = undefined;
    client?.close();
    client = undefined;
  },
};

export type Harness = typeof harness;

window.xmtpHarness = harness;
document.title = 'xmtp harness ready';
