// IdentityApi semantics: the address -> inbox index (create, add, revoke uncovering an older
// association, exact lower-case matching), identity update cursors, and the per-inbox caps.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Status, startXmtpNode, type XmtpNode } from './index.js';
import { associations, identity, toBigInt, toNumber } from './proto.js';
import {
  addAddress,
  addInstallation,
  bytes,
  call,
  createInbox,
  IDENTITY,
  identityUpdate,
  ok,
  randomAddress,
  randomInboxId,
  revokeAddress,
  revokeInstallation,
} from './test-helpers.js';

const I = (method: string) => `${IDENTITY}/${method}`;

async function publish(node: XmtpNode, inboxId: string, actions: Parameters<typeof identityUpdate>[1]) {
  return call(node.url, I('PublishIdentityUpdate'), identityUpdate(inboxId, actions));
}

async function mustPublish(node: XmtpNode, inboxId: string, actions: Parameters<typeof identityUpdate>[1]) {
  const r = await publish(node, inboxId, actions);
  assert.equal(r.status, 0, r.message);
}

async function inboxIds(node: XmtpNode, requests: Array<{ identifier: string; identifierKind?: number }>) {
  const req = identity.GetInboxIdsRequest.encode(
    identity.GetInboxIdsRequest.fromPartial({ requests: requests.map((r) => ({ identifierKind: 1, ...r })) }),
  ).finish();
  return (await ok(node.url, I('GetInboxIds'), req, identity.GetInboxIdsResponse)).responses;
}

const lookup = async (node: XmtpNode, address: string) => (await inboxIds(node, [{ identifier: address }]))[0]!.inboxId;

async function updates(node: XmtpNode, requests: Array<{ inboxId: string; sequenceId: number }>) {
  const req = identity.GetIdentityUpdatesRequest.encode(identity.GetIdentityUpdatesRequest.fromPartial({ requests })).finish();
  return (await ok(node.url, I('GetIdentityUpdates'), req, identity.GetIdentityUpdatesResponse)).responses;
}

describe('identity API', () => {
  let node: XmtpNode;
  before(async () => {
    node = await startXmtpNode();
  });
  after(() => node.close());

  it('indexes the initial identifier of a new inbox, lower-cased, and matches by exact string', async () => {
    const inbox = randomInboxId();
    const mixed = '0xAbCdEf' + randomAddress().slice(8);
    await mustPublish(node, inbox, [createInbox(mixed), addInstallation(bytes(32))]);
    assert.equal(await lookup(node, mixed.toLowerCase()), inbox);
    assert.equal(await lookup(node, mixed), undefined, 'matching is by exact string; clients send lower case');
  });

  it('answers positionally, echoing identifier and kind; a missing inbox id means unregistered', async () => {
    const a = randomAddress();
    const inbox = randomInboxId();
    await mustPublish(node, inbox, [createInbox(a)]);
    const unknown = randomAddress();
    const res = await inboxIds(node, [
      { identifier: unknown, identifierKind: 1 },
      { identifier: a, identifierKind: 0 },
      { identifier: a, identifierKind: 1 },
    ]);
    assert.deepEqual(
      res.map((r) => [r.identifier, r.identifierKind, r.inboxId]),
      [
        [unknown, 1, undefined],
        [a, 0, inbox],
        [a, 1, inbox],
      ],
    );
  });

  it('follows add and revoke: revoking the newest association uncovers an older one', async () => {
    const [a1, a2, shared] = [randomAddress(), randomAddress(), randomAddress()];
    const [inbox1, inbox2] = [randomInboxId(), randomInboxId()];
    await mustPublish(node, inbox1, [createInbox(a1)]);
    await mustPublish(node, inbox1, [addAddress(shared)]);
    assert.equal(await lookup(node, shared), inbox1);

    await mustPublish(node, inbox2, [createInbox(a2), addAddress(shared)]);
    assert.equal(await lookup(node, shared), inbox2, 'the newest association wins');

    await mustPublish(node, inbox2, [revokeAddress(shared)]);
    assert.equal(await lookup(node, shared), inbox1, 'revoking it makes the older association visible again');

    await mustPublish(node, inbox1, [revokeAddress(shared)]);
    assert.equal(await lookup(node, shared), undefined);
    assert.equal(await lookup(node, a1), inbox1, 'other addresses are untouched');

    const recovery = { changeRecoveryAddress: { newRecoveryIdentifier: randomAddress(), newRecoveryIdentifierKind: 1 } };
    await mustPublish(node, inbox1, [recovery]);
    assert.equal(await lookup(node, a1), inbox1, 'changing the recovery address changes no lookup');
  });

  it('does not index passkeys or installation keys', async () => {
    const inbox = randomInboxId();
    const passkey = 'passkey-' + randomInboxId();
    await mustPublish(node, inbox, [
      { createInbox: { initialIdentifier: passkey, initialIdentifierKind: associations.IdentifierKind.IDENTIFIER_KIND_PASSKEY } },
    ]);
    assert.equal(await lookup(node, passkey), undefined);
  });

  it('returns updates above each slot cursor, ascending, each slot answered on its own', async () => {
    const inbox = randomInboxId();
    const other = randomInboxId();
    await mustPublish(node, inbox, [createInbox(randomAddress()), addInstallation(bytes(32))]);
    await mustPublish(node, other, [createInbox(randomAddress())]);
    await mustPublish(node, inbox, [addInstallation(bytes(32))]);
    await mustPublish(node, inbox, [addAddress(randomAddress())]);

    const [all, again, theOther, none, upper] = await updates(node, [
      { inboxId: inbox, sequenceId: 0 },
      { inboxId: inbox, sequenceId: 0 }, // a repeated slot gets the same answer, not a merged one
      { inboxId: other, sequenceId: 0 },
      { inboxId: randomInboxId(), sequenceId: 0 },
      { inboxId: inbox.toUpperCase(), sequenceId: 0 },
    ]);
    const seqs = all!.updates.map((u) => toNumber(u.sequenceId));
    assert.equal(seqs.length, 3);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
    assert.ok(seqs[1]! - seqs[0]! > 1, 'one global sequence: the other inbox took a number in between');
    const stamps = all!.updates.map((u) => toBigInt(u.serverTimestampNs));
    assert.ok(stamps[0]! < stamps[1]! && stamps[1]! < stamps[2]!);
    assert.equal(all!.updates[0]!.update!.inboxId, inbox);
    assert.equal(all!.updates[0]!.update!.actions.length, 2);
    assert.deepEqual(again!.updates.map((u) => toNumber(u.sequenceId)), seqs);
    assert.equal(theOther!.updates.length, 1);
    assert.equal(none!.updates.length, 0);
    assert.equal(none!.inboxId.length, 64, 'the inbox id is echoed');
    assert.equal(upper!.updates.length, 3, 'inbox ids are matched case-insensitively');
    assert.equal(upper!.inboxId, inbox.toUpperCase());

    const [fromFirst, fromLast, mixed] = await updates(node, [
      { inboxId: inbox, sequenceId: seqs[0]! },
      { inboxId: inbox, sequenceId: seqs[2]! },
      { inboxId: inbox, sequenceId: seqs[1]! },
    ]);
    assert.deepEqual(fromFirst!.updates.map((u) => toNumber(u.sequenceId)), seqs.slice(1), 'the cursor is exclusive');
    assert.deepEqual(fromLast!.updates, []);
    assert.deepEqual(mixed!.updates.map((u) => toNumber(u.sequenceId)), [seqs[2]]);
  });

  it('rejects what the validation service would refuse', async () => {
    const inbox = randomInboxId();
    const first = await publish(node, inbox, [addAddress(randomAddress())]);
    assert.equal(first.status, Status.INVALID_ARGUMENT);
    assert.match(first.message, /first update must create it/);
    await mustPublish(node, inbox, [createInbox(randomAddress())]);
    const again = await publish(node, inbox, [createInbox(randomAddress())]);
    assert.deepEqual([again.status, again.message], [Status.INVALID_ARGUMENT, `inbox ${inbox} already exists`]);
    const empty = await publish(node, inbox, []);
    assert.deepEqual([empty.status, empty.message], [Status.INVALID_ARGUMENT, 'identity update has no actions']);
    const badId = await publish(node, 'not-hex', [createInbox(randomAddress())]);
    assert.deepEqual([badId.status, badId.message], [Status.INVALID_ARGUMENT, 'invalid inbox id']);
    const missing = await call(node.url, I('PublishIdentityUpdate'), new Uint8Array(0));
    assert.deepEqual([missing.status, missing.message], [Status.UNKNOWN, 'IdentityUpdate is required']);
    assert.equal((await updates(node, [{ inboxId: inbox, sequenceId: 0 }]))[0]!.updates.length, 1, 'rejected updates are not stored');
  });

  it('answers smart-contract wallet signature checks with is_valid false when it knows no chain (scw.test.ts has the rest)', async () => {
    const req = identity.VerifySmartContractWalletSignaturesRequest.encode(
      identity.VerifySmartContractWalletSignaturesRequest.fromPartial({
        signatures: [{ accountId: 'eip155:1:' + randomAddress(), signature: bytes(65), hash: bytes(32) }, { accountId: 'x' }],
      }),
    ).finish();
    const res = await ok(node.url, I('VerifySmartContractWalletSignatures'), req, identity.VerifySmartContractWalletSignaturesResponse);
    assert.deepEqual(
      res.responses.map((r) => [r.isValid, r.blockNumber, r.error]),
      [
        [false, undefined, 'Signature(VerifierError(NoVerifier("eip155:1")))'],
        [false, undefined, 'Deserialization(InvalidAccountId)'],
      ],
    );
  });
});

describe('per-inbox limits', () => {
  let node: XmtpNode;
  before(async () => {
    node = await startXmtpNode({ limits: { maxInstallations: 2, maxIdentityUpdates: 5 } });
  });
  after(() => node.close());

  it('defaults to 10 installations and 256 identity updates', async () => {
    const defaults = await startXmtpNode();
    assert.deepEqual(defaults.limits, { maxInstallations: 10, maxIdentityUpdates: 256 });
    await defaults.close();
    assert.deepEqual(node.limits, { maxInstallations: 2, maxIdentityUpdates: 5 });
  });

  it('refuses an installation beyond the cap with the sentence the SDK uses, until one is revoked', async () => {
    const inbox = randomInboxId();
    const [k1, k2, k3] = [bytes(32), bytes(32), bytes(32)];
    await mustPublish(node, inbox, [createInbox(randomAddress()), addInstallation(k1)]);
    await mustPublish(node, inbox, [addInstallation(k2)]);
    const refused = await publish(node, inbox, [addInstallation(k3)]);
    assert.equal(refused.status, Status.INVALID_ARGUMENT);
    assert.equal(
      refused.message,
      `Cannot register a new installation because the InboxID ${inbox} has already registered 2/2 installations. Please revoke existing installations first.`,
    );
    // Two installations in one update count too.
    const both = await publish(node, inbox, [revokeInstallation(k1), addInstallation(k3), addInstallation(bytes(32))]);
    assert.equal(both.status, Status.INVALID_ARGUMENT);

    await mustPublish(node, inbox, [revokeInstallation(k1)]);
    await mustPublish(node, inbox, [addInstallation(k3)]);
    assert.deepEqual(
      [...node.store.installations.get(inbox)!].sort(),
      [k2, k3].map((k) => Buffer.from(k).toString('hex')).sort(),
    );
  });

  it('refuses the update after the cap with "inbox log is full" (UNKNOWN, as node-go answers)', async () => {
    const inbox = randomInboxId();
    await mustPublish(node, inbox, [createInbox(randomAddress())]);
    for (let i = 0; i < 4; i++) await mustPublish(node, inbox, [addAddress(randomAddress())]);
    const full = await publish(node, inbox, [addAddress(randomAddress())]);
    assert.deepEqual([full.status, full.message], [Status.UNKNOWN, 'inbox log is full']);
    assert.equal((await updates(node, [{ inboxId: inbox, sequenceId: 0 }]))[0]!.updates.length, 5);
    // Other inboxes are not affected.
    await mustPublish(node, randomInboxId(), [createInbox(randomAddress())]);
  });
});
