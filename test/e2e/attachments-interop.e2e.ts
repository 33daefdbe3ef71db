/**
 * Issue 14's interop test: remote attachments between the kit's @noble code and the real
 * @xmtp/browser-sdk 7.1.0, both ways, through the local XMTP node, in Chromium.
 *
 *   kit → SDK: the kit's `encryptAttachment` (src/attachments/crypto.ts, running in the page)
 *              encrypts, the payload goes to the dev store, the message travels over the node, and
 *              the receiving client opens it with the SDK's own `decryptAttachment`.
 *   SDK → kit: the SDK's `encryptAttachment` encrypts, and the receiver opens it with the kit's.
 *
 * Both users run the node's harness page (`dev/xmtp-node/e2e/harness.ts`): the SDK used directly.
 *
 *   node --import tsx --test test/e2e/attachments-interop.e2e.ts
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startUploadServer, type UploadServer } from '../../dev/upload-server.js';
import { launchBrowser, User, waitFor } from '../../dev/xmtp-node/e2e/browser.js';
import { buildHarness, type HarnessBuild } from '../../dev/xmtp-node/e2e/build.js';
import { serveStatic, type StaticServer } from '../../dev/xmtp-node/e2e/static-server.js';
import { startXmtpNode, type XmtpNode } from '../../dev/xmtp-node/index.js';

describe('attachments: the kit and the XMTP SDK open each other’s remote attachments', { timeout: 240_000 }, () => {
  let build: HarnessBuild;
  let statics: StaticServer;
  let browser: Browser;
  let node: XmtpNode;
  let uploads: UploadServer;
  let dataDir: string;
  let alice: User;
  let bob: User;
  let dmId: string;

  before(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'attach-interop-'));
    [build, node, browser, uploads] = await Promise.all([buildHarness(), startXmtpNode({ dataDir }), launchBrowser(), startUploadServer()]);
    statics = await serveStatic(build.dir);
    const pageUrl = `${statics.url}/index.html`;
    [alice, bob] = await Promise.all([User.inBrowser(browser, 'alice', pageUrl), User.inBrowser(browser, 'bob', pageUrl)]);
    const [aliceKey, bobKey] = await Promise.all([alice.call('newPrivateKey'), bob.call('newPrivateKey')]);
    await alice.call('create', { apiUrl: node.url, privateKey: aliceKey, appVersion: 'attach-interop/alice' });
    const bobInbox = await bob.call('create', { apiUrl: node.url, privateKey: bobKey, appVersion: 'attach-interop/bob' });
    dmId = await alice.call('createDm', bobInbox.inboxId);
  });

  after(async () => {
    await Promise.allSettled([alice?.close(), bob?.close()]);
    await browser?.close().catch(() => {});
    await Promise.allSettled([node?.close(), uploads?.close(), statics?.close(), build?.cleanup()]);
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  const file = (filename: string, mimeType: string, size: number) => ({ filename, mimeType, hex: randomBytes(size).toString('hex') });

  async function received(user: User, decoder: 'kit' | 'sdk', count: number) {
    await user.call('syncAll');
    return waitFor(`${user.name} holds ${count} remote attachments`, async () => {
      const list = await user.call('openRemoteAttachments', dmId, decoder);
      return list.length >= count ? list : null;
    }, 60_000);
  }

  it('kit → SDK: what the kit encrypts opens with the SDK’s decryptAttachment', async () => {
    const sent = [file('photo.png', 'image/png', 300_000), file('notes – 日本.pdf', 'application/pdf', 2_000)];
    for (const f of sent) await alice.call('sendRemoteAttachment', dmId, uploads.uploadUrl, f, 'kit');
    const got = await received(bob, 'sdk', sent.length);
    assert.deepEqual(
      got.map(({ filename, mimeType, hex }) => ({ filename, mimeType, hex })),
      sent,
    );
    assert.ok(got.every((g) => g.url.startsWith(uploads.url)), 'through the dev store');
  });

  it('SDK → kit: what the SDK encrypts opens with the kit’s decryptAttachment', async () => {
    const sent = file('from-sdk.gif', 'image/gif', 120_000);
    await bob.call('sendRemoteAttachment', dmId, uploads.uploadUrl, sent, 'sdk');
    const got = await received(alice, 'kit', 3);
    const last = got.at(-1)!;
    assert.deepEqual({ filename: last.filename, mimeType: last.mimeType, hex: last.hex }, sent);
  });
});
