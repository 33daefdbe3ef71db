/**
 * History that follows the visitor (issue 13): a message alice received on site A, before she ever
 * enabled chat on site B, shows on site B once her new installation there has asked for history and
 * her site A installation (still open) has answered through the history service. Two origins, so two
 * XMTP databases and two installations of one wallet; the real SDK's device sync, the local node and
 * its history service, Chromium, the built dist/ (`npx rollup -c` first).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { chatSuite, startChatSite, until, type ChatSite, type Visitor } from './chat-page.js';

const suite = chatSuite();
const { visit, address } = suite;
let siteB: ChatSite;

after(() => siteB?.close());

describe('history follows the visitor from site to site (device sync)', { timeout: 420_000 }, () => {
  let aliceA: Visitor;

  test('on site A alice and bob exchange messages', async () => {
    aliceA = await visit('alice', suite.site.url({ account: 1, peer: address(2) }));
    const bob = await visit('bob', suite.site.url({ account: 2, peer: address(1) }));
    await aliceA.openChat();
    await aliceA.connect();
    await aliceA.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    await aliceA.chat.locator('[part~="error"]').getByText(/is not on XMTP yet/).waitFor({ timeout: 60_000 });
    await bob.enableChat({ expectSignature: true });
    await aliceA.chat.locator('[part~="composer"]').waitFor({ timeout: 60_000 });
    await aliceA.send('hello from site A');
    await until('bob to receive it', async () => (await bob.bubbles()).includes('hello from site A'), 60_000);
    await bob.send('sent before site B');
    await until('alice to receive the reply on site A', async () => (await aliceA.bubbles()).includes('sent before site B'), 60_000);
    await bob.close();
  });

  test('on site B (another origin) her new installation gets the conversation and its history from site A', async () => {
    siteB = await startChatSite(suite.chain, suite.node.url, suite.node.historyUrl);
    const aliceB = await visit('alice-b', siteB.url({ account: 1 }));
    await aliceB.openChat();
    await aliceB.connect();
    await aliceB.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    await aliceB.chat.locator('[part~="inbox"]').waitFor({ timeout: 60_000 });
    // Said in plain words while site A's answer has not arrived.
    await aliceB.chat.locator('[part~="history-note"]').getByText(/older messages may be missing here for now/).waitFor({ timeout: 30_000 });

    // Site A's installation is open (its page polls its sync groups); the answer comes through the history service.
    const row = aliceB.chat.locator('[part~="inbox-row"]', { has: aliceB.page.locator('[part~="inbox-preview"]', { hasText: 'sent before site B' }) });
    await row.waitFor({ timeout: 240_000 }).catch(async (error: Error) => {
      const rows = await aliceB.chat.locator('[part~="inbox-row"]').allInnerTexts();
      const tabs = await aliceB.chat.locator('[part~="inbox-tab"]').allInnerTexts();
      const preview = await aliceB.chat.locator('[part~="inbox-preview"]').allInnerTexts();
      await aliceB.chat.locator('[part~="inbox-row"]').first().click().catch(() => {});
      await aliceB.page.waitForTimeout(5000);
      const shown = await aliceB.bubbles();
      throw new Error(`${error.message.split('\n')[0]}; tabs [${tabs.join(' | ')}], rows [${rows.map((r) => r.replace(/\s+/g, ' ')).join(' | ')}], previews ${JSON.stringify(preview)}, the first row opens on ${JSON.stringify(shown)}`);
    });
    await row.click();
    await until('the history on site B', async () => {
      const texts = await aliceB.bubbles();
      return texts.includes('hello from site A') && texts.includes('sent before site B');
    }, 60_000).catch(async (error: Error) => {
      throw new Error(`${error.message}; site B shows [${(await aliceB.bubbles()).join(' | ')}]; the chat says: ${(await aliceB.chat.evaluate((el) => el.shadowRoot?.textContent ?? '')).replace(/\s+/g, ' ').slice(0, 500)}`);
    });
    assert.deepEqual(aliceB.errors, []);
    assert.deepEqual(aliceA.errors, []);
  });
});
