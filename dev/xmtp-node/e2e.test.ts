// End to end: the real, unmodified @xmtp/browser-sdk 7.1.0 in headless Chromium against the
// dev node. One browser context per simulated user; alice's is persistent because she reloads.
//
//   node --import tsx --test dev/xmtp-node/e2e.test.ts
//
// Chromium comes from CHROME_PATH or /usr/bin/chromium.

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, User, waitFor } from './e2e/browser.js';
import { buildHarness, type HarnessBuild } from './e2e/build.js';
import { serveStatic, type StaticServer } from './e2e/static-server.js';
import { Status, startXmtpNode, type RequestLogEntry, type XmtpNode } from './index.js';

const PUBLISH_IDENTITY = 'xmtp.identity.api.v1.IdentityApi/PublishIdentityUpdate';
const UPLOAD_KEY_PACKAGE = 'xmtp.mls.api.v1.MlsApi/UploadKeyPackage';

describe('@xmtp/browser-sdk 7.1.0 in Chromium against the dev node', { timeout: 240_000 }, () => {
  let build: HarnessBuild;
  let statics: StaticServer;
  let browser: Browser;
  let node: XmtpNode;
  let dataDir: string;
  const users: User[] = [];
  const extraNodes: XmtpNode[] = [];
  const log: RequestLogEntry[] = []; // survives node restarts
  let pageUrl: string;

  let alice: User;
  let bob: User;
  let aliceKey: `0x${string}`;
  let aliceInbox: { inboxId: string; installationId: string; address: string };
  let bobInbox: { inboxId: string; installationId: string; address: string };
  let dmId: string;

  const startNode = (port?: number) => startXmtpNode({ port, dataDir, log: (e) => log.push(e) });

  /** Runs a test body; on failure the users' browser console lines are added to the error. */
  async function withLogs(fn: () => Promise<void>) {
    try {
      await fn();
    } catch (err) {
      const lines: string[] = [];
      for (const u of users) {
        lines.push(...u.logs.filter((l) => !l.includes(' WARN ')).slice(-10).map((l) => `  ${u.name}: ${l.trim().slice(0, 300)}`));
        const state = await Promise.all([u.call('streamEvents'), u.call('received')]).catch(() => undefined);
        if (state) lines.push(`  ${u.name} stream events: ${JSON.stringify(state[0]).slice(0, 2000)}`, `  ${u.name} streamed: ${JSON.stringify(texts(state[1]))}`);
      }
      if (err instanceof Error) err.message += `\n--- browser state ---\n${lines.join('\n')}\nnode: ${JSON.stringify(node?.stats())}`;
      throw err;
    }
  }

  const texts = (messages: Array<{ text: string | null }>) => messages.map((m) => m.text);
  const ids = (messages: Array<{ id: string }>) => messages.map((m) => m.id);

  before(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xmtp-node-e2e-'));
    [build, node, browser] = await Promise.all([buildHarness(), startNode(), launchBrowser()]);
    statics = await serveStatic(build.dir);
    pageUrl = `${statics.url}/index.html`;
    // Start both users at once: each instantiates the 12 MB wasm in its own worker.
    [alice, bob] = await Promise.all([User.persistent('alice', pageUrl), User.inBrowser(browser, 'bob', pageUrl)]);
    users.push(alice, bob);
  });

  after(async () => {
    await Promise.allSettled(users.map((u) => u.close()));
    await browser?.close().catch(() => {});
    await Promise.allSettled([node?.close(), ...extraNodes.map((n) => n.close()), statics?.close(), build?.cleanup()]);
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('registers two wallets (key package + identity update each)', () =>
    withLogs(async () => {
      aliceKey = await alice.call('newPrivateKey');
      const bobKey = await bob.call('newPrivateKey');
      [aliceInbox, bobInbox] = await Promise.all([
        alice.call('create', { apiUrl: node.url, privateKey: aliceKey, appVersion: 'alice' }),
        bob.call('create', { apiUrl: node.url, privateKey: bobKey, appVersion: 'bob' }),
      ]);
      assert.match(aliceInbox.inboxId, /^[0-9a-f]{64}$/);
      assert.notEqual(aliceInbox.inboxId, bobInbox.inboxId);
      for (const who of ['alice', 'bob']) {
        const mine = log.filter((e) => e.client === who && e.status === Status.OK);
        assert.equal(mine.filter((e) => e.method === PUBLISH_IDENTITY).length, 1, `${who} publishes one identity update`);
        assert.equal(mine.filter((e) => e.method === UPLOAD_KEY_PACKAGE).length, 1, `${who} uploads one key package`);
      }
      assert.equal(node.store.inboxIdFor(aliceInbox.address), aliceInbox.inboxId);
      assert.deepEqual([...node.store.installations.get(bobInbox.inboxId)!], [bobInbox.installationId]);
    }));

  it('canMessage is true for a registered address and false for an unknown one', () =>
    withLogs(async () => {
      const unknown = '0x' + 'ab'.repeat(20);
      const result = await alice.call('canMessage', [bobInbox.address, unknown]);
      assert.deepEqual(result, { [bobInbox.address]: true, [unknown]: false });
    }));

  it('creates a DM, sends, the other side receives over streamAllMessages, and replies', () =>
    withLogs(async () => {
      await Promise.all([alice.call('startStream'), bob.call('startStream')]);
      dmId = await alice.call('createDm', bobInbox.inboxId);
      const sentId = await alice.call('send', dmId, 'hello bob');
      const got = await waitFor('bob to stream "hello bob"', async () =>
        (await bob.call('received')).find((m) => m.text === 'hello bob'),
      );
      assert.equal(got.id, sentId);
      assert.equal(got.conversationId, dmId);
      assert.equal(got.senderInboxId, aliceInbox.inboxId);

      const replyId = await bob.call('send', dmId, 'hi alice');
      const reply = await waitFor('alice to stream "hi alice"', async () =>
        (await alice.call('received')).find((m) => m.text === 'hi alice'),
      );
      assert.equal(reply.id, replyId);
      assert.deepEqual(texts(await alice.call('messages', dmId)), ['hello bob', 'hi alice']);
    }));

  it('reloads the page and gets the history back with no new registration', () =>
    withLogs(async () => {
      const mark = log.length;
      await alice.reload();
      const again = await alice.call('create', { apiUrl: node.url, privateKey: aliceKey, appVersion: 'alice-reload' });
      assert.equal(again.inboxId, aliceInbox.inboxId);
      assert.equal(again.installationId, aliceInbox.installationId, 'the installation is reused from OPFS');
      await alice.call('syncAll');
      assert.deepEqual(texts(await alice.call('messages', dmId)), ['hello bob', 'hi alice']);

      const afterReload = log.slice(mark).filter((e) => e.client === 'alice-reload');
      assert.ok(afterReload.length > 0, 'the reloaded client talked to the node');
      const registration = afterReload.filter((e) => e.method === UPLOAD_KEY_PACKAGE || e.method === PUBLISH_IDENTITY);
      assert.deepEqual(registration, [], 'no UploadKeyPackage / PublishIdentityUpdate after a reload');
      assert.equal(node.store.installations.get(aliceInbox.inboxId)!.size, 1);
      await alice.call('startStream');
    }));

  it('restarts the node on the same port with its data dir and carries on', () =>
    withLogs(async () => {
      const port = node.port;
      const before = node.stats();
      await node.close();
      node = await startNode(port);
      const replayed = node.stats();
      assert.equal(replayed.groupMessages, before.groupMessages);
      assert.equal(replayed.identityUpdates, before.identityUpdates);
      assert.equal(node.store.inboxIdFor(bobInbox.address), bobInbox.inboxId);

      const sentId = await alice.call('send', dmId, 'after restart');
      const got = await waitFor('bob to stream "after restart"', async () =>
        (await bob.call('received')).find((m) => m.text === 'after restart'), 30_000);
      assert.equal(got.id, sentId);
      const replyId = await bob.call('send', dmId, 'still here');
      const reply = await waitFor('alice to stream "still here"', async () =>
        (await alice.call('received')).find((m) => m.text === 'still here'), 30_000);
      assert.equal(reply.id, replyId);
      const expected = ['hello bob', 'hi alice', 'after restart', 'still here'];
      assert.deepEqual(texts(await alice.call('messages', dmId)), expected);
      assert.deepEqual(texts(await bob.call('messages', dmId)), expected);
    }));

  // What the SDK guarantees after a dropped stream: it re-subscribes by itself (onFail ->
  // retry -> restart), the node's catch-up replays what the client has not processed yet, and
  // nothing is lost from the history. A message the client already pulled in through a sync
  // while its stream was down (every sendText syncs the group) is NOT emitted again by the
  // restarted stream, so a UI must merge conversation.messages() after a restart.
  it('recovers from dropped streams with nothing lost or duplicated', () =>
    withLogs(async () => {
      const batch = (tag: string) => Array.from({ length: 5 }, (_, i) => `${tag}-${i}`);
      const restarts = async (u: User) => (await u.call('streamEvents')).filter((e) => e === 'restart').length;
      const firstIds = await alice.call('sendMany', dmId, batch('before-drop'));
      await waitFor('bob to stream the first batch', async () => {
        const got = new Set(ids(await bob.call('received')));
        return firstIds.every((id) => got.has(id));
      });
      // A client re-subscribes now and then (the SDK's own stream restarts): wait for all of them to be open.
      const streamsBefore = await waitFor('each client to hold its streams open', () => node.stats().openStreams >= 4 && node.stats().openStreams, 30_000).catch(() => node.stats().openStreams);
      assert.ok(streamsBefore >= 4, `each client holds its streams open (${streamsBefore})`);
      const restartsBefore = await Promise.all([restarts(alice), restarts(bob)]);

      node.faults.dropStreams();
      assert.equal(node.stats().openStreams, 0);
      // Sent while the clients are reconnecting.
      const duringIds = await alice.call('sendMany', dmId, batch('during-drop'));
      const replyIds = await bob.call('sendMany', dmId, batch('bob-during-drop'));

      await waitFor('both clients to restart their streams', async () => {
        const now = await Promise.all([restarts(alice), restarts(bob)]);
        return now[0] > restartsBefore[0]! && now[1] > restartsBefore[1]! && node.stats().openStreams >= 4;
      }, 30_000);
      // Live again: a batch sent after the restart is streamed, every message of it.
      const laterIds = await alice.call('sendMany', dmId, batch('after-restart'));
      await waitFor('bob to stream the batch sent after the restart', async () => {
        const got = new Set(ids(await bob.call('received')));
        return laterIds.every((id) => got.has(id));
      }, 30_000);

      const aliceHistory = await alice.call('messages', dmId);
      const bobHistory = await bob.call('messages', dmId);
      assert.deepEqual(ids(aliceHistory), ids(bobHistory), 'both sides hold the same messages in the same order');
      assert.equal(new Set(ids(bobHistory)).size, bobHistory.length, 'no duplicate in the history');
      for (const id of [...firstIds, ...duringIds, ...replyIds, ...laterIds]) {
        assert.ok(ids(bobHistory).includes(id), `message ${id} reached the history of both sides`);
      }
      for (const [user, history] of [[alice, aliceHistory], [bob, bobHistory]] as const) {
        const streamed = ids(await user.call('received'));
        assert.equal(new Set(streamed).size, streamed.length, `${user.name} streamed no message twice`);
        const known = new Set(ids(history));
        assert.ok(streamed.every((id) => known.has(id)), `${user.name} streamed only messages of the history`);
      }
    }));

  it('rejects a third installation when the node allows two per inbox', () =>
    withLogs(async () => {
      const limited = await startXmtpNode({ limits: { maxInstallations: 2 } });
      extraNodes.push(limited);
      const devices = await Promise.all(
        ['device-1', 'device-2', 'device-3'].map((name) => User.inBrowser(browser, name, pageUrl)),
      );
      users.push(...devices);
      const key = await devices[0]!.call('newPrivateKey');
      const opts = (appVersion: string) => ({ apiUrl: limited.url, privateKey: key, appVersion });
      const first = await devices[0]!.call('create', opts('device-1'));
      const second = await devices[1]!.call('create', opts('device-2'));
      assert.equal(second.inboxId, first.inboxId);
      assert.notEqual(second.installationId, first.installationId);

      const third = await devices[2]!.call('createExpectingError', opts('device-3'));
      assert.equal(third.ok, false, 'the third installation must be refused');
      const error = (third as { error: string }).error;
      console.log(`installation-limit error text seen by the SDK: ${error}`);
      assert.match(error, /Cannot register a new installation because the InboxID [0-9a-f]{64} has already registered 2\/2 installations\. Please revoke existing installations first\./);
      // libxmtp retries the publish a few times even on INVALID_ARGUMENT; every try is refused.
      const tries = limited.requestLog.filter((e) => e.method === PUBLISH_IDENTITY && e.client === 'device-3');
      assert.ok(tries.length >= 1);
      assert.ok(tries.every((e) => e.status === Status.INVALID_ARGUMENT), JSON.stringify(tries.map((e) => e.status)));
      assert.equal(limited.store.installations.get(first.inboxId)!.size, 2);
      await Promise.all(devices.map((d) => d.close()));
    }));
});
