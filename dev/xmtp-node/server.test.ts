// The node as a process: persistence and replay, fault injection, CORS, the request log,
// loopback listening, closing, and the CLI.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Status, startXmtpNode, type RequestLogEntry, type XmtpNode } from './index.js';
import { identity, mls, toNumber } from './proto.js';
import { LOG_FILE } from './store.js';
import {
  addInstallation,
  bytes,
  call,
  createInbox,
  IDENTITY,
  identityUpdate,
  keyPackage,
  MLS,
  ok,
  openStream,
  privateMessage,
  publicMessage,
  randomAddress,
  randomInboxId,
  sendGroupMessages,
  sendWelcomes,
} from './test-helpers.js';

const M = (method: string) => `${MLS}/${method}`;
const I = (method: string) => `${IDENTITY}/${method}`;
const here = path.dirname(fileURLToPath(import.meta.url));

describe('persistence', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xmtp-node-persist-'));
  });
  after(() => fs.rm(dataDir, { recursive: true, force: true }));

  const groupId = bytes(16);
  const installationKey = bytes(32);
  const address = randomAddress();
  const inboxId = randomInboxId();
  const firstMessage = privateMessage(groupId);

  /** The same reads, as raw response bytes, so a replayed node can be compared byte for byte. */
  async function snapshot(node: XmtpNode) {
    const reads: Array<[string, Uint8Array]> = [
      [M('QueryGroupMessages'), mls.QueryGroupMessagesRequest.encode(mls.QueryGroupMessagesRequest.fromPartial({ groupId, pagingInfo: { direction: 1 } })).finish()],
      [M('QueryWelcomeMessages'), mls.QueryWelcomeMessagesRequest.encode(mls.QueryWelcomeMessagesRequest.fromPartial({ installationKey })).finish()],
      [M('FetchKeyPackages'), mls.FetchKeyPackagesRequest.encode(mls.FetchKeyPackagesRequest.fromPartial({ installationKeys: [installationKey] })).finish()],
      [M('GetNewestGroupMessage'), mls.GetNewestGroupMessageRequest.encode(mls.GetNewestGroupMessageRequest.fromPartial({ groupIds: [groupId], includeContent: true })).finish()],
      [M('BatchQueryCommitLog'), mls.BatchQueryCommitLogRequest.encode(mls.BatchQueryCommitLogRequest.fromPartial({ requests: [{ groupId }] })).finish()],
      [I('GetIdentityUpdates'), identity.GetIdentityUpdatesRequest.encode(identity.GetIdentityUpdatesRequest.fromPartial({ requests: [{ inboxId }] })).finish()],
      [I('GetInboxIds'), identity.GetInboxIdsRequest.encode(identity.GetInboxIdsRequest.fromPartial({ requests: [{ identifier: address, identifierKind: 1 }] })).finish()],
    ];
    const out: Record<string, string> = {};
    for (const [p, body] of reads) {
      const r = await call(node.url, p, body);
      assert.equal(r.status, 0, `${p}: ${r.message}`);
      out[p] = Buffer.from(r.body!).toString('hex');
    }
    return out;
  }

  it('replays the log so a restarted node answers byte for byte as before', async () => {
    const first = await startXmtpNode({ dataDir });
    await ok(first.url, M('UploadKeyPackage'), mls.UploadKeyPackageRequest.encode(mls.UploadKeyPackageRequest.fromPartial({ keyPackage: { keyPackageTlsSerialized: keyPackage(installationKey) } })).finish(), { decode: () => 0 });
    const publish = await call(first.url, I('PublishIdentityUpdate'), identityUpdate(inboxId, [createInbox(address), addInstallation(installationKey)]));
    assert.equal(publish.status, 0);
    assert.equal((await call(first.url, M('SendGroupMessages'), sendGroupMessages(firstMessage, publicMessage(groupId)))).status, 0);
    assert.equal((await call(first.url, M('SendWelcomeMessages'), sendWelcomes(installationKey, bytes(30), bytes(30)))).status, 0);
    const commit = mls.BatchPublishCommitLogRequest.encode(mls.BatchPublishCommitLogRequest.fromPartial({ requests: [{ groupId, serializedCommitLogEntry: bytes(20), signature: { bytes: bytes(64), publicKey: bytes(32) } }] })).finish();
    assert.equal((await call(first.url, M('BatchPublishCommitLog'), commit)).status, 0);
    const before = await snapshot(first);
    const stats = first.stats();
    await first.close();

    const second = await startXmtpNode({ dataDir });
    try {
      assert.deepEqual(await snapshot(second), before);
      const s = second.stats();
      for (const k of ['groupMessages', 'welcomes', 'keyPackages', 'inboxes', 'identityUpdates', 'commitLogEntries'] as const) {
        assert.equal(s[k], stats[k], k);
      }
      // Counters and de-duplication carry on from the replayed state.
      await call(second.url, M('SendGroupMessages'), sendGroupMessages(firstMessage, privateMessage(groupId)));
      const res = await ok(second.url, M('QueryGroupMessages'), mls.QueryGroupMessagesRequest.encode(mls.QueryGroupMessagesRequest.fromPartial({ groupId, pagingInfo: { direction: 1 } })).finish(), mls.QueryGroupMessagesResponse);
      const ids = res.messages.map((m) => toNumber(m.v1!.id));
      assert.deepEqual(ids, [1, 2, 3], 'the re-sent message was recognised; the new one got the next id');
      const ns = res.messages.map((m) => BigInt(m.v1!.createdNs.toString()));
      assert.ok(ns[2]! > ns[1]!);
      const welcomes = await ok(second.url, M('QueryWelcomeMessages'), mls.QueryWelcomeMessagesRequest.encode(mls.QueryWelcomeMessagesRequest.fromPartial({ installationKey })).finish(), mls.QueryWelcomeMessagesResponse);
      assert.equal(welcomes.messages.length, 2);
      await call(second.url, M('SendWelcomeMessages'), sendWelcomes(installationKey, bytes(30)));
      assert.equal(second.stats().welcomes, 3);
      assert.equal(second.store.inboxIdFor(address), inboxId);
      assert.equal(second.store.installations.get(inboxId)?.size, 1, 'installation counts are rebuilt');
    } finally {
      await second.close();
    }
  });

  it('cuts off a torn last line and refuses a corrupt one in the middle', async () => {
    const file = path.join(dataDir, LOG_FILE);
    const good = await fs.readFile(file, 'utf8');
    await fs.appendFile(file, '{"k":"gm","id":99,"ns":"12');
    const node = await startXmtpNode({ dataDir });
    assert.equal(node.stats().groupMessages, 3);
    await call(node.url, M('SendGroupMessages'), sendGroupMessages(privateMessage(groupId)));
    await node.close();
    const lines = (await fs.readFile(file, 'utf8')).trimEnd().split('\n');
    assert.ok(lines.every((l) => JSON.parse(l)), 'every line parses after the repair');
    const again = await startXmtpNode({ dataDir });
    assert.equal(again.stats().groupMessages, 4);
    await again.close();

    await fs.writeFile(file, good.replace('\n', '\nnot json\n'));
    await assert.rejects(startXmtpNode({ dataDir }), /not valid JSON/);
  });

  it('keeps nothing without a data dir', async () => {
    const a = await startXmtpNode();
    await call(a.url, M('SendGroupMessages'), sendGroupMessages(privateMessage(groupId)));
    await a.close();
    const b = await startXmtpNode();
    assert.equal(b.stats().groupMessages, 0);
    await b.close();
  });
});

describe('faults, log, CORS and listening', () => {
  let node: XmtpNode;
  const seen: RequestLogEntry[] = [];
  before(async () => {
    node = await startXmtpNode({ log: (e) => seen.push(e) });
  });
  after(() => node.close());

  const newest = mls.GetNewestGroupMessageRequest.encode(mls.GetNewestGroupMessageRequest.fromPartial({ groupIds: [bytes(16)] })).finish();

  it('fails the next n calls with UNAVAILABLE by default, or with the given code', async () => {
    node.faults.failNext(2);
    const a = await call(node.url, M('GetNewestGroupMessage'), newest);
    const b = await call(node.url, M('GetNewestGroupMessage'), newest);
    const c = await call(node.url, M('GetNewestGroupMessage'), newest);
    assert.deepEqual([a.status, b.status, c.status], [Status.UNAVAILABLE, Status.UNAVAILABLE, Status.OK]);
    assert.match(a.message, /injected/);
    node.faults.failNext(1, Status.INTERNAL);
    assert.equal((await call(node.url, M('GetNewestGroupMessage'), newest)).status, Status.INTERNAL);
    assert.equal((await call(node.url, M('GetNewestGroupMessage'), newest)).status, Status.OK);
  });

  it('adds latency to every call until reset', async () => {
    node.faults.setLatency(150);
    let t = performance.now();
    await call(node.url, M('GetNewestGroupMessage'), newest);
    assert.ok(performance.now() - t >= 140, 'slowed down');
    node.faults.setLatency(0);
    t = performance.now();
    await call(node.url, M('GetNewestGroupMessage'), newest);
    assert.ok(performance.now() - t < 140, 'back to normal');
  });

  it('drops every open stream with UNAVAILABLE', async () => {
    const filters = mls.SubscribeGroupMessagesRequest.encode(mls.SubscribeGroupMessagesRequest.fromPartial({ filters: [{ groupId: bytes(16) }] })).finish();
    const s1 = await openStream(node.url, M('SubscribeGroupMessages'), filters);
    const s2 = await openStream(node.url, M('SubscribeWelcomeMessages'), mls.SubscribeWelcomeMessagesRequest.encode(mls.SubscribeWelcomeMessagesRequest.fromPartial({ filters: [{ installationKey: bytes(32) }] })).finish());
    assert.equal(node.stats().openStreams, 2);
    node.faults.dropStreams();
    assert.equal((await s1.ended).status, Status.UNAVAILABLE);
    assert.equal((await s2.ended).status, Status.UNAVAILABLE);
    assert.equal(node.stats().openStreams, 0);
    const s3 = await openStream(node.url, M('SubscribeGroupMessages'), filters);
    assert.equal(node.stats().openStreams, 1, 'new streams still open afterwards');
    s3.close();
  });

  it('logs every call with method, sizes, time, status and client', async () => {
    const mark = node.requestLog.length;
    const before = node.stats();
    await call(node.url, M('SendGroupMessages'), sendGroupMessages());
    await call(node.url, M('GetNewestGroupMessage'), newest);
    // A stream closed by an earlier test may be logged in between (streams are logged on close).
    const entries = node.requestLog.slice(mark).filter((e) => !e.stream);
    assert.deepEqual(entries.map((e) => [e.method, e.status, e.stream, e.client]), [
      ['xmtp.mls.api.v1.MlsApi/SendGroupMessages', Status.INVALID_ARGUMENT, false, 'node-test'],
      ['xmtp.mls.api.v1.MlsApi/GetNewestGroupMessage', Status.OK, false, 'node-test'],
    ]);
    assert.ok(entries[1]!.bytes > 0 && entries[1]!.responseBytes > 0 && entries[1]!.ms >= 0);
    assert.deepEqual(seen.filter((e) => !e.stream).slice(-2), entries, 'the log callback sees the same entries');
    const stats = node.stats();
    const count = (s: typeof stats, m: string) => s.byMethod[`xmtp.mls.api.v1.MlsApi/${m}`] ?? 0;
    assert.equal(count(stats, 'GetNewestGroupMessage'), count(before, 'GetNewestGroupMessage') + 1);
    assert.equal(stats.byStatus[String(Status.INVALID_ARGUMENT)], (before.byStatus[String(Status.INVALID_ARGUMENT)] ?? 0) + 1);
  });

  it('answers CORS preflights and exposes the grpc headers on every answer', async () => {
    const pre = await fetch(`${node.url}/${M('SendGroupMessages')}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:1234',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-app-version,x-grpc-web,x-libxmtp-version',
      },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'http://127.0.0.1:1234');
    assert.equal(pre.headers.get('access-control-allow-headers'), 'content-type,x-app-version,x-grpc-web,x-libxmtp-version');
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
    const r = await call(node.url, M('GetNewestGroupMessage'), newest);
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    assert.equal(r.headers.get('access-control-expose-headers'), 'grpc-status,grpc-message,grpc-status-details-bin');
    assert.equal(r.headers.get('content-type'), 'application/grpc-web+proto');
    const notGrpc = await fetch(`${node.url}/${M('GetNewestGroupMessage')}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(notGrpc.status, 415);
  });

  it('listens on 127.0.0.1 and ::1 for a loopback host, closes streams and frees the port on close', async () => {
    const n = await startXmtpNode({ host: 'localhost' });
    assert.equal(n.url, `http://127.0.0.1:${n.port}`);
    assert.equal((await fetch(`http://127.0.0.1:${n.port}/health`)).status, 200);
    const v6 = await fetch(`http://[::1]:${n.port}/health`).then((r) => r.status, (e: Error) => e.message);
    assert.equal(v6, 200, 'reachable on ::1 too');
    const s = await openStream(n.url, M('SubscribeGroupMessages'), new Uint8Array(0));
    await n.close();
    assert.deepEqual(await s.ended, { status: Status.UNAVAILABLE, message: 'server is shutting down' });
    const again = await startXmtpNode({ port: n.port });
    assert.equal(again.port, n.port, 'the port can be taken again at once');
    await again.close();
  });
});

describe('cli', () => {
  it('prints the node URL and the history URL, serves both, and closes cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'cli.ts'), '--port', '0', '--history-port', '0', '--host', '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [url, historyUrl] = await new Promise<string[]>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d;
          const lines = out.split('\n');
          if (lines.length > 2) resolve(lines.slice(0, 2).map((l) => l.trim()));
        });
        child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)));
        setTimeout(() => reject(new Error('cli printed no URLs')), 15_000).unref();
      });
      assert.match(url!, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(historyUrl!, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(historyUrl, url);
      const r = await call(url!, M('GetNewestGroupMessage'), mls.GetNewestGroupMessageRequest.encode(mls.GetNewestGroupMessageRequest.fromPartial({ groupIds: [bytes(4)] })).finish());
      assert.equal(r.status, Status.OK);
      const upload = await fetch(`${historyUrl}/upload`, { method: 'POST', body: new Uint8Array([1, 2, 3]) });
      assert.equal(upload.status, 200);
      assert.equal((await fetch(`${historyUrl}/files/${await upload.text()}`)).status, 200);
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      assert.equal(await exit, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
