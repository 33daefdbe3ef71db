// History that follows the wallet: XMTP device sync with the real @xmtp/browser-sdk 7.1.0 in
// headless Chromium, against the dev node and its history service.
//
//   node --import tsx --test dev/xmtp-node/device-sync.test.ts
//
// Alice's first installation (A, one browser context) receives a DM; then a second installation
// of the same wallet (B, another context, another OPFS) starts. MLS gives B nothing sent before
// it joined; B asks for history (sendSyncRequest naming our history service), A, online with its
// stream open, uploads an encrypted archive there and answers in their device-sync group, and B's
// sync worker downloads and imports it.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, User, waitFor } from './e2e/browser.js';
import { buildHarness, type HarnessBuild } from './e2e/build.js';
import { serveStatic, type StaticServer } from './e2e/static-server.js';
import { startXmtpNode, type XmtpNode } from './index.js';

describe('device sync through the history service (browser SDK 7.1.0 in Chromium)', { timeout: 300_000 }, () => {
  let build: HarnessBuild;
  let statics: StaticServer;
  let browser: Browser;
  let node: XmtpNode;
  const users: User[] = [];

  /** On failure, each user's recent browser console lines and the history service's log. */
  async function withLogs(fn: () => Promise<void>) {
    try {
      await fn();
    } catch (err) {
      const lines = users.flatMap((u) => u.logs.slice(-15).map((l) => `  ${u.name}: ${l.trim().slice(0, 400)}`));
      if (err instanceof Error) err.message += `\n--- browser console ---\n${lines.join('\n')}\nhistory log: ${JSON.stringify(node?.history?.log)}`;
      throw err;
    }
  }

  before(async () => {
    [build, node, browser] = await Promise.all([buildHarness(), startXmtpNode(), launchBrowser()]);
    statics = await serveStatic(build.dir);
  });

  after(async () => {
    await Promise.allSettled(users.map((u) => u.close()));
    await browser?.close().catch(() => {});
    await Promise.allSettled([node?.close(), statics?.close(), build?.cleanup()]);
  });

  it('a DM received by installation A before B existed becomes readable on B after B asks for history', () =>
    withLogs(async () => {
      const pageUrl = `${statics.url}/index.html`;
      const historyUrl = node.historyUrl!;
      const [bob, aliceA] = await Promise.all([User.inBrowser(browser, 'bob', pageUrl), User.inBrowser(browser, 'alice-A', pageUrl)]);
      users.push(bob, aliceA);
      const aliceKey = await aliceA.call('newPrivateKey');
      const [bobInbox, a] = await Promise.all([
        bob.call('create', { apiUrl: node.url, privateKey: await bob.call('newPrivateKey'), appVersion: 'bob' }),
        aliceA.call('createWithDeviceSync', { apiUrl: node.url, privateKey: aliceKey, appVersion: 'alice-A' }),
      ]);
      // A stays online: its stream of all messages includes its device-sync groups, which wakes
      // its sync worker when a request arrives.
      await aliceA.call('startStream');

      const dmId = await bob.call('createDm', a.inboxId);
      const sentId = await bob.call('send', dmId, 'sent before B existed');
      await waitFor('A to receive the DM', async () => (await aliceA.call('received')).some((m) => m.id === sentId), 30_000);

      const aliceB = await User.inBrowser(browser, 'alice-B', pageUrl);
      users.push(aliceB);
      const b = await aliceB.call('createWithDeviceSync', { apiUrl: node.url, privateKey: aliceKey, appVersion: 'alice-B' });
      assert.equal(b.inboxId, a.inboxId, 'the same wallet, the same inbox');
      assert.notEqual(b.installationId, a.installationId, 'another browser storage, another installation');
      assert.deepEqual([...node.store.installations.get(a.inboxId)!].sort(), [a.installationId, b.installationId].sort());

      // Without history sync B cannot read it: MLS gives a new member nothing sent before it joined.
      const textsOnB = async () => {
        await aliceB.call('syncAll');
        const ids = await aliceB.call('conversationIds');
        return ids.includes(dmId) ? (await aliceB.call('messages', dmId)).map((m) => m.id) : [];
      };
      assert.ok(!(await textsOnB()).includes(sentId), 'B has no copy of the DM before it asks for history');
      assert.equal(node.history!.count(), 0, 'no archive uploaded before anyone asked');

      await aliceB.call('sendSyncRequest', historyUrl);
      const onB = await waitFor(
        'the DM to arrive on B through the history archive',
        async () => {
          if ((await textsOnB()).includes(sentId)) return aliceB.call('messages', dmId);
          return undefined;
        },
        120_000,
        1_000,
      );
      const message = onB.find((m) => m.id === sentId)!;
      assert.equal(message.text, 'sent before B existed');
      assert.equal(message.senderInboxId, bobInbox.inboxId);

      // It came through the history service: A uploaded one archive, B downloaded that one.
      const log = node.history!.log;
      const uploads = log.filter((e) => e.method === 'POST' && e.path === '/upload' && e.status === 200);
      assert.ok(uploads.length >= 1, `A uploaded an archive: ${JSON.stringify(log)}`);
      const uploaded = new Set(uploads.map((e) => e.id));
      const downloads = log.filter((e) => e.method === 'GET' && e.status === 200 && uploaded.has(e.id));
      assert.ok(downloads.length >= 1, `B downloaded an uploaded archive: ${JSON.stringify(log)}`);
      assert.ok(downloads.every((d) => d.bytes === uploads.find((u) => u.id === d.id)!.bytes), 'the same bytes went out as came in');
    }));
});
