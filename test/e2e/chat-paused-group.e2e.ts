/**
 * A group paused for the kit's XMTP version (XIP-72), end to end: the built kit in Chromium with
 * the real `@xmtp/browser-sdk` 7.1.0 (libxmtp 1.11.0) on the local node. The group's admin runs
 * the same bindings with a version string that reads 1.12.0 (`test/support/paused-admin.ts`:
 * libxmtp refuses to raise a group's minimum version above its own, so only a newer client can
 * pause a group for this one) and raises the group's minimum version to 1.12.0. The visitor's chat
 * then says so, keeps the history readable and turns the composer off with the reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../../dev/demo/static-server.js';
import { buildPausedAdmin, NEWER_XMTP_VERSION } from '../support/paused-admin-build.js';
import { chatSuite, until, type Visitor } from './chat-page.js';

const suite = chatSuite();

type Admin = {
  start(apiUrl: string): Promise<{ address: string; version: string }>;
  createGroup(addresses: string[], name: string, texts: string[]): Promise<string>;
  raiseMinVersion(groupId: string, minVersion: string): Promise<void>;
  send(groupId: string, text: string): Promise<void>;
};

describe('<mask-chat>: a group paused for the kit’s XMTP version', { timeout: 400_000 }, () => {
  let built: { dir: string; cleanup(): Promise<void> };
  let statics: StaticServer;
  let adminPage: Page;
  let visitor: Visitor;
  let groupId = '';
  const admin = <K extends keyof Admin>(method: K, ...args: Parameters<Admin[K]>): Promise<Awaited<ReturnType<Admin[K]>>> =>
    adminPage.evaluate(({ method, args }) => (window as unknown as { admin: Record<string, (...a: unknown[]) => Promise<never>> }).admin[method]!(...args), { method, args: args as unknown[] });

  before(async () => {
    built = await buildPausedAdmin();
    statics = await startStaticServer({ root: built.dir });
    const context = await suite.browser.newContext();
    adminPage = await context.newPage();
    await adminPage.goto(`${statics.url}/index.html`);
    await adminPage.waitForFunction(() => 'admin' in window);
  });
  after(async () => {
    await adminPage?.context().close().catch(() => {});
    await statics?.close();
    await built?.cleanup();
  });

  test('the admin’s client is newer than the kit’s', async () => {
    const { version } = await admin('start', suite.node.url);
    assert.equal(version, NEWER_XMTP_VERSION);
  });

  test('the visitor reads and writes in the group before it is paused', async () => {
    visitor = await suite.visit('alice', suite.site.url({ account: 1 }));
    await visitor.openChat();
    await visitor.connect();
    await visitor.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    const requests = visitor.chat.getByRole('tab', { name: /^Requests/ });
    await requests.waitFor({ timeout: 60_000 }); // registered: the inbox shows
    groupId = await admin('createGroup', [suite.address(1)], 'Release notes', ['The release is out.', 'Notes follow.']);
    await requests.click();
    await visitor.chat.locator('[part~="inbox-row"]', { hasText: 'Release notes' }).locator('button.open').click({ timeout: 60_000 });
    await until('the two messages', async () => (await visitor.bubbles()).length === 2, 60_000);
    assert.equal(await visitor.chat.getByRole('textbox', { name: /^Message/ }).isEnabled(), true);
  });

  test('paused: the sentence, mask-error conversation-paused, history readable, composer off with the reason', async () => {
    await admin('raiseMinVersion', groupId, NEWER_XMTP_VERSION);
    // The visitor's client learns of it when it processes the commit (stream or sync): a send that
    // races ahead of it still goes out, the next one is refused and the chat says why.
    const sentence = visitor.chat.locator('[part~="error"]').getByText(`This group needs a newer version of the chat (XMTP ${NEWER_XMTP_VERSION} or later)`, { exact: false });
    let tries = 0;
    await until(
      'the paused sentence',
      async () => {
        if (await sentence.isVisible()) return true;
        if (await visitor.chat.getByRole('textbox', { name: /^Message/ }).isEnabled()) await visitor.send(`Still here? (${++tries})`);
        await sentence.waitFor({ timeout: 10_000 }).catch(() => {});
        return sentence.isVisible();
      },
      120_000,
    );
    assert.ok((await visitor.events()).some((e) => e.type === 'mask-error' && e.code === 'conversation-paused'));
    assert.deepEqual((await visitor.bubbles()).slice(0, 2), ['The release is out.', 'Notes follow.'], 'the history stays readable');
    assert.equal(await visitor.chat.getByRole('textbox', { name: /^Message/ }).isDisabled(), true);
    assert.equal(await visitor.chat.locator('[part~="send-button"]').isDisabled(), true);
    await visitor.chat.locator('[part~="composer-off"]').getByText('Sending is off in this group until the site updates its chat.').waitFor();
    assert.deepEqual(await visitor.axe(), [], 'axe: a paused group');
    assert.deepEqual(visitor.errors, []);
  });

  test('after a reload the group opens paused at once', async () => {
    await visitor.goto(suite.site.url({ account: 1 }));
    await visitor.openChat();
    await visitor.connect();
    // Under Chats once the visitor wrote in it, else still under Requests.
    const row = visitor.chat.locator('[part~="inbox-row"]', { hasText: 'Release notes' });
    await until(
      'the group’s row',
      async () => {
        if (await row.count()) return true;
        const requests = visitor.chat.getByRole('tab', { name: /^Requests/ });
        if (await requests.isVisible()) await requests.click();
        return (await row.count()) > 0;
      },
      60_000,
    );
    await row.locator('button.open').click();
    await visitor.chat.locator('[part~="error"]').getByText(`XMTP ${NEWER_XMTP_VERSION} or later`, { exact: false }).waitFor({ timeout: 60_000 });
    assert.equal(await visitor.chat.getByRole('textbox', { name: /^Message/ }).isDisabled(), true);
    // The sentence can come before the history has painted: wait for it, do not sample it.
    await until('the history under the paused sentence', async () => (await visitor.bubbles()).includes('Notes follow.'), 30_000);
  });
});
