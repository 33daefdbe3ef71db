/**
 * Browser code (bundled by `paused-admin-build.ts`), TEST ONLY: a group admin on a *newer* XMTP
 * client than the kit's, to pause a group for the kit's version (XIP-72). `@xmtp/wasm-bindings`
 * 1.11.0 runs on the page's thread (no SDK worker: the browser SDK does not expose
 * `conversation.unstable.enableProposals`), from a copy of its wasm whose version string reads
 * 1.12.0: libxmtp refuses to raise a group's minimum version above its own, so only a client that
 * says it is newer can pause a group for 1.11.0 clients. Everything else is the real bindings.
 */
import init, { BackendBuilder, DeviceSyncMode, IdentifierKind, XmtpEnv, createClientWithBackend, generateInboxId, getInboxIdForIdentifier, type Client, type Conversation } from '@xmtp/wasm-bindings';
import { hexToBytes } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

let client: Client | null = null;
const groups = new Map<string, Conversation>();

const admin = {
  /** Registers a fresh wallet on the node; returns its address and the client's libxmtp version. */
  async start(apiUrl: string): Promise<{ address: string; version: string }> {
    await init();
    const account = privateKeyToAccount(generatePrivateKey());
    const identifier = { identifier: account.address.toLowerCase(), identifierKind: IdentifierKind.Ethereum };
    const backend = new BackendBuilder(XmtpEnv.Local).setApiUrl(apiUrl).setAppVersion('paused-admin/1').build();
    const inboxId = (await getInboxIdForIdentifier(backend, identifier)) ?? generateInboxId(identifier);
    client = await createClientWithBackend(backend, inboxId, identifier, null, null, DeviceSyncMode.Disabled);
    const request = client.createInboxSignatureRequest();
    if (request) {
      await request.addEcdsaSignature(hexToBytes(await account.signMessage({ message: await request.signatureText() })));
      await client.registerIdentity(request);
    }
    return { address: account.address, version: client.libxmtpVersion };
  },

  /** A group with these members (addresses); sends its first messages. Returns the group id. */
  async createGroup(addresses: string[], name: string, texts: string[]): Promise<string> {
    const group = await client!.conversations().createGroup(
      addresses.map((a) => ({ identifier: a.toLowerCase(), identifierKind: IdentifierKind.Ethereum })),
      { groupName: name } as never,
    );
    for (const text of texts) await group.sendText(text);
    groups.set(group.id(), group);
    return group.id();
  },

  /** Raises the group's minimum supported protocol version (the one-way proposals bootstrap). */
  async raiseMinVersion(groupId: string, minVersion: string): Promise<void> {
    const group = groups.get(groupId)!;
    await group.sync();
    await group.unstable.enableProposals({ force: true, minVersion });
  },

  async send(groupId: string, text: string): Promise<void> {
    await groups.get(groupId)!.sendText(text);
  },
};

(window as unknown as { admin: typeof admin }).admin = admin;
