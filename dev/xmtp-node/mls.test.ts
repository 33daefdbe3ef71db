// MlsApi semantics over real HTTP: ids and timestamps, paging, positional answers, key
// package replacement, duplicate suppression, streams, and the documented rejections.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Status, startXmtpNode, type XmtpNode } from './index.js';
import { mls, signature, toBigInt, toNumber } from './proto.js';
import {
  bytes,
  call,
  keyPackage,
  MLS,
  ok,
  openStream,
  privateMessage,
  publicMessage,
  sendGroupMessages,
  sendWelcomes,
} from './test-helpers.js';
import { ContentType } from './tls.js';

const M = (method: string) => `${MLS}/${method}`;
const ASC = 1;
const DESC = 2;

const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');

let node: XmtpNode;
before(async () => {
  node = await startXmtpNode();
});
after(() => node.close());

async function send(...datas: Uint8Array[]) {
  const r = await call(node.url, M('SendGroupMessages'), sendGroupMessages(...datas));
  assert.equal(r.status, 0, r.message);
}

async function queryGroup(groupId: Uint8Array, paging: { direction?: number; limit?: number; idCursor?: number } = {}) {
  const req = mls.QueryGroupMessagesRequest.encode(mls.QueryGroupMessagesRequest.fromPartial({ groupId, pagingInfo: paging })).finish();
  const res = await ok(node.url, M('QueryGroupMessages'), req, mls.QueryGroupMessagesResponse);
  return {
    ids: res.messages.map((m) => toNumber(m.v1!.id)),
    messages: res.messages.map((m) => m.v1!),
    cursor: toNumber(res.pagingInfo?.idCursor),
    limit: res.pagingInfo?.limit,
    direction: res.pagingInfo?.direction,
  };
}

async function queryWelcomes(installationKey: Uint8Array, paging: { direction?: number; limit?: number; idCursor?: number } = {}) {
  const req = mls.QueryWelcomeMessagesRequest.encode(
    mls.QueryWelcomeMessagesRequest.fromPartial({ installationKey, pagingInfo: paging }),
  ).finish();
  const res = await ok(node.url, M('QueryWelcomeMessages'), req, mls.QueryWelcomeMessagesResponse);
  return {
    ids: res.messages.map((m) => toNumber((m.v1 ?? m.welcomePointer)!.id)),
    messages: res.messages,
    cursor: toNumber(res.pagingInfo?.idCursor),
  };
}

/** Walks every page in one direction, checking the "cursor only on a full page" rule. */
async function walk(query: (cursor: number) => Promise<{ ids: number[]; cursor: number }>, pageSize: number) {
  const pages: number[][] = [];
  let cursor = 0;
  for (;;) {
    const page = await query(cursor);
    pages.push(page.ids);
    if (page.ids.length === pageSize) assert.equal(page.cursor, page.ids.at(-1), 'a full page carries its last id');
    else assert.equal(page.cursor, 0, 'a short page carries cursor 0');
    if (page.cursor === 0) return pages;
    cursor = page.cursor;
    assert.ok(pages.length < 50, 'paging must end');
  }
}

describe('group messages', () => {
  const groupId = bytes(16);
  const other = bytes(16);
  let allIds: number[] = [];

  before(async () => {
    // 250 messages, with another group's messages interleaved so ids are not contiguous.
    for (let batch = 0; batch < 10; batch++) {
      await send(...Array.from({ length: 25 }, () => privateMessage(groupId)));
      await send(privateMessage(other));
    }
    allIds = (await walk((c) => queryGroup(groupId, { direction: ASC, idCursor: c }), 100)).flat();
  });

  it('gives ids strictly increasing across groups and created_ns strictly increasing', async () => {
    assert.equal(allIds.length, 250);
    const { messages } = await queryGroup(groupId, { direction: ASC, limit: 100 });
    for (let i = 1; i < messages.length; i++) {
      assert.ok(toNumber(messages[i]!.id) > toNumber(messages[i - 1]!.id));
      assert.ok(toBigInt(messages[i]!.createdNs) > toBigInt(messages[i - 1]!.createdNs), 'strictly increasing created_ns');
    }
    const otherIds = (await queryGroup(other, { direction: ASC })).ids;
    assert.equal(otherIds.length, 10);
    assert.ok(otherIds.every((id) => !allIds.includes(id)), 'one id space shared by all groups');
    assert.deepEqual(otherIds.slice(0, 2), [26, 52], 'a global counter');
  });

  it('routes by the group id read from the MLS framing and keeps hmac / push flags', async () => {
    const { messages } = await queryGroup(groupId, { limit: 3 });
    for (const m of messages) {
      assert.equal(hexOf(m.groupId), hexOf(groupId));
      assert.equal(m.isCommit, false);
      assert.equal(m.shouldPush, true);
      assert.equal(m.senderHmac.length, 8);
    }
  });

  it('pages ascending: 100, 100, 50; the cursor only on full pages; exclusive cursors', async () => {
    const pages = await walk((c) => queryGroup(groupId, { direction: ASC, idCursor: c }), 100);
    assert.deepEqual(pages.map((p) => p.length), [100, 100, 50]);
    const flat = pages.flat();
    assert.deepEqual(flat, [...flat].sort((a, b) => a - b));
    assert.equal(new Set(flat).size, 250, 'no id twice across pages (exclusive cursor)');
    const mid = await queryGroup(groupId, { direction: ASC, idCursor: flat[9] });
    assert.equal(mid.ids[0], flat[10], 'ascending returns ids above the cursor');
  });

  it('pages descending: newest first when the cursor is 0, then ids below the cursor', async () => {
    const pages = await walk((c) => queryGroup(groupId, { direction: DESC, idCursor: c }), 100);
    assert.deepEqual(pages.map((p) => p.length), [100, 100, 50]);
    assert.deepEqual(pages.flat(), [...allIds].reverse());
    const below = await queryGroup(groupId, { direction: DESC, idCursor: allIds[5], limit: 3 });
    assert.deepEqual(below.ids, [allIds[4], allIds[3], allIds[2]]);
    assert.equal(below.cursor, allIds[2]);
  });

  it('uses page size 100 for limit 0 or above 100, the limit otherwise; defaults to descending', async () => {
    const big = await queryGroup(groupId, { direction: ASC, limit: 150 });
    assert.equal(big.ids.length, 100);
    assert.equal(big.limit, 100);
    const small = await queryGroup(groupId, { direction: ASC, limit: 7 });
    assert.deepEqual(small.ids, allIds.slice(0, 7));
    assert.equal(small.cursor, allIds[6]);
    const unspecified = await queryGroup(groupId, { limit: 2 });
    assert.deepEqual(unspecified.ids, [allIds[249], allIds[248]]);
    assert.equal(unspecified.direction, DESC);
  });

  it('answers a page that is exactly full with its cursor, then an empty page with cursor 0', async () => {
    const exact = bytes(16);
    for (let i = 0; i < 4; i++) await send(...Array.from({ length: 25 }, () => privateMessage(exact)));
    const first = await queryGroup(exact, { direction: ASC });
    assert.equal(first.ids.length, 100);
    assert.equal(first.cursor, first.ids[99]);
    const second = await queryGroup(exact, { direction: ASC, idCursor: first.cursor });
    assert.deepEqual(second.ids, []);
    assert.equal(second.cursor, 0);
    assert.deepEqual(await queryGroup(bytes(16)), { ids: [], messages: [], cursor: 0, limit: 100, direction: DESC });
  });

  it('marks commits from both wire formats, and GetNewestGroupMessage answers positionally', async () => {
    const g = bytes(16);
    await send(privateMessage(g, ContentType.Application));
    await send(publicMessage(g, ContentType.Commit));
    const h = bytes(16);
    await send(privateMessage(h, ContentType.Commit), privateMessage(h, ContentType.Application));
    const all = await queryGroup(g, { direction: ASC });
    assert.deepEqual(all.messages.map((m) => m.isCommit), [false, true]);

    const req = (includeContent: boolean) =>
      mls.GetNewestGroupMessageRequest.encode(
        mls.GetNewestGroupMessageRequest.fromPartial({ groupIds: [g, bytes(16), h], includeContent }),
      ).finish();
    const full = await ok(node.url, M('GetNewestGroupMessage'), req(true), mls.GetNewestGroupMessageResponse);
    assert.equal(full.responses.length, 3);
    assert.equal(toNumber(full.responses[0]!.groupMessage!.v1!.id), all.ids[1]);
    assert.equal(full.responses[0]!.groupMessage!.v1!.isCommit, true);
    assert.ok(full.responses[0]!.groupMessage!.v1!.data.length > 0);
    assert.equal(full.responses[1]!.groupMessage, undefined, 'a group without messages has an empty slot');
    assert.equal(full.responses[2]!.groupMessage!.v1!.isCommit, false);

    const meta = await ok(node.url, M('GetNewestGroupMessage'), req(false), mls.GetNewestGroupMessageResponse);
    const v1 = meta.responses[0]!.groupMessage!.v1!;
    assert.equal(v1.data.length, 0, 'no content without include_content');
    assert.equal(v1.senderHmac.length, 0);
    assert.equal(toNumber(v1.id), all.ids[1]);
    assert.ok(toBigInt(v1.createdNs) > 0n);
    assert.equal(hexOf(v1.groupId), hexOf(g));
  });

  it('ignores an exact re-send of a group message, within a request and across requests', async () => {
    const g = bytes(16);
    const data = privateMessage(g);
    await send(data, data);
    await send(data);
    await send(privateMessage(g));
    assert.equal((await queryGroup(g)).ids.length, 2);
  });
});

describe('welcomes', () => {
  const key = bytes(32);

  it('pages more than 100 welcomes ascending and descending by the welcome counter', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await call(node.url, M('SendWelcomeMessages'), sendWelcomes(key, ...Array.from({ length: 41 }, () => bytes(50))));
      assert.equal(r.status, 0, r.message);
      await call(node.url, M('SendWelcomeMessages'), sendWelcomes(bytes(32), bytes(50))); // another installation
    }
    const asc = await walk((c) => queryWelcomes(key, { direction: ASC, idCursor: c }), 100);
    assert.deepEqual(asc.map((p) => p.length), [100, 100, 5]);
    const desc = await walk((c) => queryWelcomes(key, { direction: DESC, idCursor: c }), 100);
    assert.deepEqual(desc.flat(), [...asc.flat()].reverse());
    assert.deepEqual(asc.flat().slice(0, 3), [1, 2, 3], 'welcomes have their own counter');
    assert.equal((await queryWelcomes(key, { limit: 1 })).ids[0], asc.flat().at(-1), 'newest first by default');
  });

  it('stores v1 welcomes and welcome pointers opaquely and answers each in its own variant', async () => {
    const k = bytes(32);
    const data = bytes(60);
    const metadata = bytes(9);
    const pointer = bytes(70);
    const req = mls.SendWelcomeMessagesRequest.encode(
      mls.SendWelcomeMessagesRequest.fromPartial({
        messages: [
          { v1: { installationKey: k, data, hpkePublicKey: bytes(32), wrapperAlgorithm: 2, welcomeMetadata: metadata } },
          { welcomePointer: { installationKey: k, welcomePointer: pointer, hpkePublicKey: bytes(32), wrapperAlgorithm: 2 } },
          { v1: { installationKey: k, data: bytes(10), wrapperAlgorithm: 3 } }, // symmetric: no HPKE key needed
        ],
      }),
    ).finish();
    assert.equal((await call(node.url, M('SendWelcomeMessages'), req)).status, 0);
    const { messages } = await queryWelcomes(k, { direction: ASC });
    assert.equal(messages.length, 3);
    assert.deepEqual(messages[0]!.v1!.data, data);
    assert.deepEqual(messages[0]!.v1!.welcomeMetadata, metadata);
    assert.equal(messages[0]!.v1!.wrapperAlgorithm, 2);
    assert.deepEqual(messages[1]!.welcomePointer!.welcomePointer, pointer);
    assert.equal(messages[1]!.v1, undefined);
    assert.ok(toBigInt(messages[1]!.welcomePointer!.createdNs) > toBigInt(messages[0]!.v1!.createdNs));
  });

  it('ignores an exact re-send of a welcome but not the same bytes for another installation', async () => {
    const k = bytes(32);
    const other = bytes(32);
    const data = bytes(40);
    await call(node.url, M('SendWelcomeMessages'), sendWelcomes(k, data));
    await call(node.url, M('SendWelcomeMessages'), sendWelcomes(k, data));
    await call(node.url, M('SendWelcomeMessages'), sendWelcomes(other, data));
    assert.equal((await queryWelcomes(k)).ids.length, 1);
    assert.equal((await queryWelcomes(other)).ids.length, 1);
  });
});

describe('key packages', () => {
  const upload = (kp: Uint8Array) =>
    mls.UploadKeyPackageRequest.encode(
      mls.UploadKeyPackageRequest.fromPartial({ keyPackage: { keyPackageTlsSerialized: kp }, isInboxIdCredential: true }),
    ).finish();
  const fetchKps = async (keys: Uint8Array[]) =>
    (
      await ok(
        node.url,
        M('FetchKeyPackages'),
        mls.FetchKeyPackagesRequest.encode(mls.FetchKeyPackagesRequest.fromPartial({ installationKeys: keys })).finish(),
        mls.FetchKeyPackagesResponse,
      )
    ).keyPackages.map((k) => hexOf(k.keyPackageTlsSerialized));

  it('keys each upload by its installation key and replaces it with the newest', async () => {
    const a = bytes(32);
    const kp1 = keyPackage(a);
    const kp2 = keyPackage(a);
    assert.equal((await call(node.url, M('UploadKeyPackage'), upload(kp1))).status, 0);
    assert.deepEqual(await fetchKps([a]), [hexOf(kp1)]);
    assert.equal((await call(node.url, M('UploadKeyPackage'), upload(kp2))).status, 0);
    assert.deepEqual(await fetchKps([a]), [hexOf(kp2)], 'the newest key package replaces the previous one');
  });

  it('answers positionally, with empty bytes for an unknown key', async () => {
    const a = bytes(32);
    const b = bytes(32);
    const kpa = keyPackage(a);
    const kpb = keyPackage(b);
    await call(node.url, M('UploadKeyPackage'), upload(kpa));
    await call(node.url, M('UploadKeyPackage'), upload(kpb));
    assert.deepEqual(await fetchKps([b, bytes(32), a, b]), [hexOf(kpb), '', hexOf(kpa), hexOf(kpb)]);
    assert.deepEqual(await fetchKps([]), []);
  });

  it('registers an installation (deprecated call) and answers the derived key', async () => {
    const a = bytes(32);
    const req = mls.RegisterInstallationRequest.encode(
      mls.RegisterInstallationRequest.fromPartial({ keyPackage: { keyPackageTlsSerialized: keyPackage(a) } }),
    ).finish();
    const res = await ok(node.url, M('RegisterInstallation'), req, mls.RegisterInstallationResponse);
    assert.deepEqual(res.installationKey, a);
  });
});

describe('commit log', () => {
  const entry = () => ({ groupId: undefined as unknown as Uint8Array, serializedCommitLogEntry: bytes(30), signature: { bytes: bytes(64), publicKey: bytes(32) } });
  const publish = (groupId: Uint8Array, n: number) =>
    mls.BatchPublishCommitLogRequest.encode(
      mls.BatchPublishCommitLogRequest.fromPartial({ requests: Array.from({ length: n }, () => ({ ...entry(), groupId })) }),
    ).finish();
  const query = (reqs: Array<{ groupId: Uint8Array; idCursor?: number; limit?: number; direction?: number }>) =>
    mls.BatchQueryCommitLogRequest.encode(
      mls.BatchQueryCommitLogRequest.fromPartial({
        requests: reqs.map((r) => ({ groupId: r.groupId, pagingInfo: { idCursor: r.idCursor ?? 0, limit: r.limit ?? 0, direction: r.direction ?? 0 } })),
      }),
    ).finish();

  it('stores entries and pages them ascending with the same cursor rule, positionally per group', async () => {
    const g = bytes(16);
    const empty = bytes(16);
    for (let i = 0; i < 21; i++) assert.equal((await call(node.url, M('BatchPublishCommitLog'), publish(g, 10))).status, 0);
    const pages: number[][] = [];
    let cursor = 0;
    do {
      const res = await ok(node.url, M('BatchQueryCommitLog'), query([{ groupId: g, idCursor: cursor }, { groupId: empty }]), mls.BatchQueryCommitLogResponse);
      assert.equal(res.responses.length, 2);
      assert.deepEqual(res.responses[1]!.commitLogEntries, []);
      assert.equal(hexOf(res.responses[0]!.groupId), hexOf(g));
      const seq = res.responses[0]!.commitLogEntries.map((e) => toNumber(e.sequenceId));
      pages.push(seq);
      cursor = toNumber(res.responses[0]!.pagingInfo!.idCursor);
      assert.equal(cursor, seq.length === 100 ? seq.at(-1) : 0);
      assert.equal(res.responses[0]!.pagingInfo!.direction, ASC);
    } while (cursor !== 0);
    assert.deepEqual(pages.map((p) => p.length), [100, 100, 10]);
    const flat = pages.flat();
    assert.deepEqual(flat, [...flat].sort((a, b) => a - b));
    assert.equal(new Set(flat).size, 210);
  });

  it('returns the entry and signature as published', async () => {
    const g = bytes(16);
    const e = { groupId: g, serializedCommitLogEntry: bytes(33), signature: { bytes: bytes(64), publicKey: bytes(32) } };
    await call(node.url, M('BatchPublishCommitLog'), mls.BatchPublishCommitLogRequest.encode(mls.BatchPublishCommitLogRequest.fromPartial({ requests: [e, e] })).finish());
    const res = await ok(node.url, M('BatchQueryCommitLog'), query([{ groupId: g, limit: 1 }]), mls.BatchQueryCommitLogResponse);
    const got = res.responses[0]!.commitLogEntries;
    assert.equal(got.length, 1);
    assert.deepEqual(got[0]!.serializedCommitLogEntry, e.serializedCommitLogEntry);
    assert.deepEqual(signature.RecoverableEd25519Signature.encode(got[0]!.signature!).finish(), signature.RecoverableEd25519Signature.encode(signature.RecoverableEd25519Signature.fromPartial(e.signature)).finish());
    assert.notEqual(toNumber(res.responses[0]!.pagingInfo!.idCursor), 0, 'limit 1 gives a full page');
  });

  it('enforces the batch limits and rejects descending queries', async () => {
    const g = bytes(16);
    const tooMany = await call(node.url, M('BatchPublishCommitLog'), publish(g, 11));
    assert.deepEqual([tooMany.status, tooMany.message], [Status.INVALID_ARGUMENT, 'cannot exceed 10 inserts in single batch']);
    const queries = await call(node.url, M('BatchQueryCommitLog'), query(Array.from({ length: 21 }, () => ({ groupId: g }))));
    assert.deepEqual([queries.status, queries.message], [Status.INVALID_ARGUMENT, 'cannot exceed 20 queries in single batch']);
    assert.equal((await call(node.url, M('BatchQueryCommitLog'), query(Array.from({ length: 20 }, () => ({ groupId: g }))))).status, 0);
    const desc = await call(node.url, M('BatchQueryCommitLog'), query([{ groupId: g, direction: DESC }]));
    assert.deepEqual([desc.status, desc.message], [Status.INTERNAL, 'failed to query commit log: descending direction is not supported']);
    const noSig = mls.BatchPublishCommitLogRequest.encode(
      mls.BatchPublishCommitLogRequest.fromPartial({ requests: [{ groupId: g, serializedCommitLogEntry: bytes(3) }] }),
    ).finish();
    const bad = await call(node.url, M('BatchPublishCommitLog'), noSig);
    assert.deepEqual([bad.status, bad.message], [Status.INVALID_ARGUMENT, 'invalid commit log entry']);
    assert.equal((await call(node.url, M('BatchQueryCommitLog'), query([{ groupId: new Uint8Array(0) }]))).message, 'invalid request');
  });
});

describe('documented rejections', () => {
  const cases: Array<[string, string, Uint8Array, number, string | RegExp]> = [
    ['empty SendGroupMessages', 'SendGroupMessages', sendGroupMessages(), Status.INVALID_ARGUMENT, 'no group messages to send'],
    ['a group message without v1', 'SendGroupMessages', mls.SendGroupMessagesRequest.encode({ messages: [{}] }).finish(), Status.INVALID_ARGUMENT, 'invalid group message'],
    ['an empty group message', 'SendGroupMessages', sendGroupMessages(new Uint8Array(0)), Status.INVALID_ARGUMENT, 'message is empty'],
    ['a group message that is not MLS', 'SendGroupMessages', sendGroupMessages(bytes(40)), Status.INVALID_ARGUMENT, /^invalid group message: /],
    ['empty SendWelcomeMessages', 'SendWelcomeMessages', sendWelcomes(bytes(32)), Status.INVALID_ARGUMENT, 'no welcome messages to send'],
    ['a welcome without HPKE key', 'SendWelcomeMessages', mls.SendWelcomeMessagesRequest.encode(mls.SendWelcomeMessagesRequest.fromPartial({ messages: [{ v1: { installationKey: bytes(32), data: bytes(5), wrapperAlgorithm: 1 } }] })).finish(), Status.INVALID_ARGUMENT, 'invalid welcome message'],
    ['a welcome with no variant', 'SendWelcomeMessages', mls.SendWelcomeMessagesRequest.encode({ messages: [{}] }).finish(), Status.INVALID_ARGUMENT, 'invalid welcome message: missing version'],
    ['a welcome pointer with a wrong algorithm', 'SendWelcomeMessages', mls.SendWelcomeMessagesRequest.encode(mls.SendWelcomeMessagesRequest.fromPartial({ messages: [{ welcomePointer: { installationKey: bytes(32), welcomePointer: bytes(5), hpkePublicKey: bytes(32), wrapperAlgorithm: 0 } }] })).finish(), Status.INVALID_ARGUMENT, /^invalid welcome pointer wrapper algorithm/],
    ['empty GetNewestGroupMessage', 'GetNewestGroupMessage', new Uint8Array(0), Status.INVALID_ARGUMENT, 'no group ids provided'],
    ['empty BatchPublishCommitLog', 'BatchPublishCommitLog', new Uint8Array(0), Status.INVALID_ARGUMENT, 'no log entries to publish'],
    ['empty BatchQueryCommitLog', 'BatchQueryCommitLog', new Uint8Array(0), Status.INVALID_ARGUMENT, 'no requests to query'],
    ['UploadKeyPackage without a key package', 'UploadKeyPackage', new Uint8Array(0), Status.INVALID_ARGUMENT, 'no key package'],
    ['a key package that does not parse', 'UploadKeyPackage', mls.UploadKeyPackageRequest.encode(mls.UploadKeyPackageRequest.fromPartial({ keyPackage: { keyPackageTlsSerialized: bytes(10) } })).finish(), Status.INVALID_ARGUMENT, /^invalid identity: /],
    ['QueryGroupMessages without a group', 'QueryGroupMessages', new Uint8Array(0), Status.UNKNOWN, 'group is required'],
    ['QueryWelcomeMessages without a key', 'QueryWelcomeMessages', new Uint8Array(0), Status.UNKNOWN, 'installation is required'],
    ['RevokeInstallation (unimplemented upstream too)', 'RevokeInstallation', new Uint8Array(0), Status.UNIMPLEMENTED, 'unimplemented'],
    ['the legacy MLS GetIdentityUpdates', 'GetIdentityUpdates', new Uint8Array(0), Status.UNIMPLEMENTED, 'unimplemented'],
    ['the bidirectional Subscribe', 'Subscribe', new Uint8Array(0), Status.UNIMPLEMENTED, /unknown method/],
  ];
  for (const [name, method, body, code, message] of cases) {
    it(`rejects ${name}`, async () => {
      const r = await call(node.url, M(method), body);
      assert.equal(r.status, code, `${r.status} ${r.message}`);
      if (typeof message === 'string') assert.equal(r.message, message);
      else assert.match(r.message, message);
    });
  }

  it('stores nothing of a batch that has one bad message', async () => {
    const g = bytes(16);
    const r = await call(node.url, M('SendGroupMessages'), sendGroupMessages(privateMessage(g), bytes(20)));
    assert.equal(r.status, Status.INVALID_ARGUMENT);
    assert.equal((await queryGroup(g)).ids.length, 0);
  });

  it('answers an unknown service with UNIMPLEMENTED', async () => {
    const r = await call(node.url, 'xmtp.message_api.v1.MessageApi/Query', new Uint8Array(0));
    assert.equal(r.status, Status.UNIMPLEMENTED);
  });
});

describe('streams', () => {
  const subscribeGroups = (filters: Array<{ groupId: Uint8Array; idCursor: number }>) =>
    mls.SubscribeGroupMessagesRequest.encode(mls.SubscribeGroupMessagesRequest.fromPartial({ filters })).finish();
  const subscribeWelcomes = (filters: Array<{ installationKey: Uint8Array; idCursor: number }>) =>
    mls.SubscribeWelcomeMessagesRequest.encode(mls.SubscribeWelcomeMessagesRequest.fromPartial({ filters })).finish();
  const streamedIds = (messages: Uint8Array[]) => messages.map((m) => toNumber(mls.GroupMessage.decode(m).v1!.id));

  it('sends the catch-up above each cursor, then live messages, each id once per topic', async () => {
    const g1 = bytes(16);
    const g2 = bytes(16);
    const g3 = bytes(16);
    await send(privateMessage(g1), privateMessage(g2), privateMessage(g1), privateMessage(g1), privateMessage(g2));
    const ids1 = (await queryGroup(g1, { direction: ASC })).ids;
    const ids2 = (await queryGroup(g2, { direction: ASC })).ids;

    const stream = await openStream(
      node.url,
      M('SubscribeGroupMessages'),
      subscribeGroups([
        { groupId: g1, idCursor: ids1[0]! },
        { groupId: g2, idCursor: 0 },
        { groupId: g1, idCursor: ids1[0]! }, // the same topic twice must not double anything
      ]),
    );
    await stream.waitFor(4);
    const catchUp = streamedIds(stream.messages);
    assert.deepEqual([...catchUp].sort((a, b) => a - b), [ids1[1], ids1[2], ...ids2].sort((a, b) => a - b));

    const live = privateMessage(g1);
    await send(live, privateMessage(g3), privateMessage(g2));
    await send(live); // an exact re-send is not stored, so not streamed
    await stream.waitFor(6);
    await new Promise((r) => setTimeout(r, 100));
    const all = streamedIds(stream.messages);
    assert.equal(all.length, 6, `got ${all}`);
    assert.equal(new Set(all).size, 6, 'no duplicates');
    const decoded = stream.messages.map((m) => mls.GroupMessage.decode(m).v1!);
    for (const g of [g1, g2]) {
      const mine = decoded.filter((m) => hexOf(m.groupId) === hexOf(g)).map((m) => toNumber(m.id));
      assert.deepEqual(mine, [...mine].sort((a, b) => a - b), 'per topic, ids go out in increasing order');
    }
    assert.ok(decoded.every((m) => hexOf(m.groupId) !== hexOf(g3)), 'nothing from a topic not subscribed to');
    stream.close();
  });

  it('opens at once with headers only for an empty filter list, and a cursor at the tip sends no catch-up', async () => {
    const g = bytes(16);
    await send(privateMessage(g), privateMessage(g));
    const tip = (await queryGroup(g, { limit: 1 })).ids[0]!;
    const before = node.stats().openStreams;
    const empty = await openStream(node.url, M('SubscribeGroupMessages'), subscribeGroups([]));
    const atTip = await openStream(node.url, M('SubscribeGroupMessages'), subscribeGroups([{ groupId: g, idCursor: tip }]));
    assert.equal(node.stats().openStreams, before + 2, 'both streams are open');
    await send(privateMessage(g));
    const [msg] = await atTip.waitFor(1);
    assert.ok(toNumber(mls.GroupMessage.decode(msg!).v1!.id) > tip);
    assert.equal(empty.messages.length, 0);
    empty.close();
    atTip.close();
  });

  it('applies the cursor to live messages too: nothing at or below it is sent', async () => {
    const g = bytes(16);
    const other = bytes(16);
    await send(privateMessage(g));
    const tip = (await queryGroup(g, { limit: 1 })).ids[0]!;
    // A client whose cursor is ahead of this node (e.g. it kept state the node lost).
    const ahead = await openStream(node.url, M('SubscribeGroupMessages'), subscribeGroups([{ groupId: g, idCursor: tip + 2 }]));
    await send(privateMessage(g)); // tip + 1
    await send(privateMessage(g)); // tip + 2
    await send(privateMessage(other));
    await send(privateMessage(g));
    const [first] = await ahead.waitFor(1);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(ahead.messages.length, 1);
    assert.ok(toNumber(mls.GroupMessage.decode(first!).v1!.id) > tip + 2);
    ahead.close();
  });

  it('streams welcomes per installation key with catch-up and live delivery', async () => {
    const k1 = bytes(32);
    const k2 = bytes(32);
    await call(node.url, M('SendWelcomeMessages'), sendWelcomes(k1, bytes(20), bytes(20)));
    const stream = await openStream(
      node.url,
      M('SubscribeWelcomeMessages'),
      subscribeWelcomes([{ installationKey: k1, idCursor: 0 }, { installationKey: k2, idCursor: 0 }]),
    );
    await stream.waitFor(2);
    await call(node.url, M('SendWelcomeMessages'), sendWelcomes(k2, bytes(20)));
    await call(node.url, M('SendWelcomeMessages'), sendWelcomes(bytes(32), bytes(20)));
    await stream.waitFor(3);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(stream.messages.length, 3);
    const keys = stream.messages.map((m) => hexOf(mls.WelcomeMessage.decode(m).v1!.installationKey));
    assert.deepEqual(keys, [hexOf(k1), hexOf(k1), hexOf(k2)]);
    stream.close();
  });

  it('ends a welcome subscription without filters, or with an empty key, with INVALID_ARGUMENT', async () => {
    const none = await openStream(node.url, M('SubscribeWelcomeMessages'), subscribeWelcomes([]));
    assert.deepEqual(await none.ended, { status: Status.INVALID_ARGUMENT, message: 'no valid filters provided' });
    const emptyKey = await openStream(node.url, M('SubscribeWelcomeMessages'), subscribeWelcomes([{ installationKey: new Uint8Array(0), idCursor: 0 }]));
    assert.deepEqual(await emptyKey.ended, { status: Status.INVALID_ARGUMENT, message: 'a filter is nil or installation key is empty' });
  });

  it('forgets a stream when the client goes away', async () => {
    const before = node.stats().openStreams;
    const listeners = node.store.listenerCount('groupMessage');
    const s = await openStream(node.url, M('SubscribeGroupMessages'), subscribeGroups([{ groupId: bytes(16), idCursor: 0 }]));
    assert.equal(node.stats().openStreams, before + 1);
    assert.equal(node.store.listenerCount('groupMessage'), listeners + 1);
    s.close();
    for (let i = 0; i < 50 && node.stats().openStreams > before; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(node.stats().openStreams, before);
    assert.equal(node.store.listenerCount('groupMessage'), listeners, 'its store listener is gone too');
  });
});
