/**
 * `<mask-chat>` as the visitor's inbox (no `peer`), end to end: the built kit
 * in Chromium, the real `@xmtp/browser-sdk` on the local node. Three raw XMTP
 * clients (the SDK in their own pages, `dev/xmtp-node/e2e/harness.ts`) write
 * to the visitor: two DMs and a group with a hostile name. The inbox lists
 * them as requests with previews and unread counts; one is allowed, one
 * blocked; the list is driven with the keyboard; opening a row clears its
 * count and the visitor replies; new messages and conversations stream in;
 * "New conversation" checks reachability first; the host API opens a
 * conversation and reports the unread total. A request from a sender the
 * web3.bio stand-in flags as spam is marked and sorted after the others.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startStaticServer, type StaticServer } from '../../dev/demo/static-server.js';
import { User } from '../../dev/xmtp-node/e2e/browser.js';
import { buildHarness, type HarnessBuild } from '../../dev/xmtp-node/e2e/build.js';
import { SPAM, startWeb3bioServer, type Web3bioServer } from '../support/web3bio-server.js';
import { chatSuite, until, type Visitor } from './chat-page.js';

const suite = chatSuite();
const HOSTILE_GROUP = '<img src=x onerror="window.pwned=1">Team ‮evil';
const HOSTILE_TEXT = '<script>window.pwned=2</script> hi';

describe('<mask-chat> inbox: the visitor’s conversations from raw XMTP clients', { timeout: 600_000 }, () => {
  let build: HarnessBuild;
  let statics: StaticServer;
  let web3bio: Web3bioServer;
  const raw: Record<'carol' | 'dave' | 'mallory', User> = {} as never;
  const addresses: Record<string, string> = {};
  let visitor: Visitor;
  let carolDm = '';
  let groupId = '';

  before(async () => {
    build = await buildHarness();
    statics = await startStaticServer({ root: build.dir });
    for (const name of ['carol', 'dave', 'mallory'] as const) {
      raw[name] = await User.inBrowser(suite.browser, name, `${statics.url}/index.html`);
      const created = await raw[name].call('create', { apiUrl: suite.node.url, privateKey: await raw[name].call('newPrivateKey'), appVersion: `inbox-${name}/1` });
      addresses[name] = created.address;
    }
    // Dave is flagged as spam by the (local) credential source.
    web3bio = await startWeb3bioServer({ identities: [{ address: addresses.dave, credentials: [{ ...SPAM, platform: 'farcaster' }] }] });
  });

  after(async () => {
    await Promise.allSettled(Object.values(raw).map((u) => u.close()));
    await statics?.close();
    await web3bio?.close();
    await build?.cleanup();
  });

  const inbox = () => visitor.chat.locator('[part~="inbox"]');
  const rowOf = (name: RegExp | string) => visitor.chat.locator('[part~="inbox-row"]', { has: visitor.page.locator('[part~="inbox-name"]', { hasText: name }) });
  const unreadOf = async (name: RegExp | string) => (await rowOf(name).locator('[part~="inbox-unread"]').count()) ? await rowOf(name).locator('[part~="inbox-unread"]').innerText() : '';
  const short = (a: string) => new RegExp(`^0x${a.slice(2, 6)}…${a.slice(-4)}$`, 'i');

  test('no peer: the chat is the inbox; empty, it says so', async () => {
    visitor = await suite.visit('visitor', suite.site.url({ account: 1, web3bioUrl: web3bio.url }));
    await visitor.openChat();
    await visitor.connect();
    await visitor.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    await inbox().getByText('No conversations yet').waitFor({ timeout: 60_000 });
    assert.deepEqual(await visitor.axe(), [], 'axe: empty inbox');
  });

  test('three clients write: requests list them with previews as text and unread counts', async () => {
    const me = suite.address(1);
    const carol = await raw.carol.call('createDmWithAddress', me);
    await raw.carol.call('sendMany', carol, ['hi from carol', 'are you there?']);
    const dave = await raw.dave.call('createDmWithAddress', me);
    await raw.dave.call('send', dave, 'hello from dave');
    groupId = await raw.mallory.call('createGroupWithAddresses', [me], HOSTILE_GROUP);
    await raw.mallory.call('send', groupId, HOSTILE_TEXT);

    // They stream in live (the list was open and empty).
    await inbox().getByRole('tab', { name: 'Requests (3)' }).click({ timeout: 60_000 });
    await until('three request rows', async () => (await visitor.chat.locator('[part~="inbox-row"]').count()) === 3, 30_000);
    assert.equal(await unreadOf(short(addresses.carol)), '2');
    assert.equal(await unreadOf(short(addresses.dave)), '1');
    assert.equal(await rowOf(short(addresses.carol)).locator('[part~="inbox-preview"]').innerText(), 'are you there?');
    // The hostile group name and message show as text (bidi override dropped), nothing runs.
    const groupRow = visitor.chat.locator('[part~="inbox-row"]', { hasText: '<img' });
    assert.equal(await groupRow.locator('[part~="inbox-name"]').innerText(), '<img src=x onerror="window.pwned=1">Team evil');
    assert.equal(await groupRow.locator('[part~="inbox-preview"]').innerText(), HOSTILE_TEXT);
    assert.equal(await visitor.chat.locator('[part~="inbox-list"] img, [part~="inbox-list"] script').count(), 0);
    assert.equal(await visitor.page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
    // Dave wrote after Carol, but web3.bio flags him as spam: his request is marked and listed last, not hidden.
    await until('the flagged request marked', async () => (await rowOf(short(addresses.dave)).locator('[part~="inbox-flag"]').count()) === 1, 30_000);
    assert.equal(await rowOf(short(addresses.dave)).locator('[part~="inbox-flag"]').innerText(), 'Flagged as spam (web3.bio):');
    const names = await visitor.chat.locator('[part~="inbox-row"] [part~="inbox-name"]').allInnerTexts();
    assert.match(names.at(-1)!, short(addresses.dave), `flagged last: ${names.join(', ')}`);
    assert.equal(await rowOf(short(addresses.carol)).locator('[part~="inbox-flag"]').count(), 0);
    assert.deepEqual(await visitor.axe(), [], 'axe: requests');
  });

  test('allow one request, block another; the chats tab lists the allowed ones', async () => {
    await visitor.chat.getByRole('button', { name: `Allow ${await rowOf(short(addresses.carol)).locator('[part~="inbox-name"]').innerText()}` }).click();
    await visitor.chat.getByRole('button', { name: `Block ${await rowOf(short(addresses.dave)).locator('[part~="inbox-name"]').innerText()}` }).click();
    await visitor.chat.locator('[part~="allow-button"]').first().click(); // the group
    await inbox().getByText('No message requests').waitFor();
    await inbox().getByRole('tab', { name: 'Chats' }).click();
    const names = await visitor.chat.locator('[role="option"] [part~="inbox-name"]').allInnerTexts();
    assert.equal(names.length, 2, `two chats: ${names.join(', ')}`);
    assert.ok(names.some((n) => short(addresses.carol).test(n)));
    assert.ok(!names.some((n) => short(addresses.dave).test(n)), 'the blocked one is gone');
    // The launcher's total: carol's 2 and the group's 1.
    await until('unread total 3', async () => (await visitor.events()).filter((e) => e.type === 'mask-unread-change').at(-1)?.detail?.total === 3, 10_000);
  });

  test('keyboard: arrows, Home/End move the active row; Enter opens it; its count clears; the reply arrives', async () => {
    const list = visitor.chat.getByRole('listbox', { name: 'Chats' });
    await list.focus();
    const active = async () => {
      const id = await list.getAttribute('aria-activedescendant');
      return id ? visitor.chat.locator(`#${id} [part~="inbox-name"]`).innerText() : '';
    };
    const first = await active();
    await list.press('End');
    const last = await active();
    assert.notEqual(first, last);
    await list.press('Home');
    assert.equal(await active(), first);
    await list.press('ArrowDown');
    assert.equal(await active(), last);
    await list.press('ArrowUp');
    // Move to carol's row and open it with Enter.
    if (!short(addresses.carol).test(await active())) await list.press('ArrowDown');
    assert.match(await active(), short(addresses.carol));
    await list.press('Enter');
    await visitor.chat.getByRole('button', { name: 'Back to conversations' }).waitFor();
    await until('carol’s messages', async () => (await visitor.bubbles()).join('|') === 'hi from carol|are you there?', 30_000);
    const open = (await visitor.events()).filter((e) => e.type === 'mask-chat-conversation-open');
    assert.equal(open.length, 1);
    carolDm = open[0].detail!.conversationId!;
    assert.equal(open[0].detail!.peerAddress?.toLowerCase(), addresses.carol);
    await visitor.send('hi carol');
    await until('carol to receive the reply', async () => (await raw.carol.call('messages', carolDm)).some((m) => m.text === 'hi carol'), 30_000);
    await visitor.chat.getByRole('button', { name: 'Back to conversations' }).click();
    assert.equal(await unreadOf(short(addresses.carol)), '', 'opening cleared its count');
    assert.match(await rowOf(short(addresses.carol)).locator('[part~="inbox-preview"]').innerText(), /^You: hi carol$/);
    await until('unread total 1', async () => (await visitor.events()).filter((e) => e.type === 'mask-unread-change').at(-1)?.detail?.total === 1, 10_000);
  });

  test('live: a new message moves its row up and counts; the closed launcher shows the total; openConversation() opens it', async () => {
    await raw.carol.call('send', carolDm, 'one more thing');
    await until('carol’s row to count 1', async () => (await unreadOf(short(addresses.carol))) === '1', 30_000);
    assert.match(await visitor.chat.locator('[role="option"] [part~="inbox-name"]').first().innerText(), short(addresses.carol), 'newest activity first');
    await visitor.chat.locator('[part~="close-button"]').click();
    await until('the launcher to show 2', async () => (await visitor.chat.locator('[part~="unread"]').innerText().catch(() => '')) === '2', 10_000);
    await visitor.page.evaluate((id) => (document.getElementById('chat') as HTMLElement & { openConversation(id: string): void }).openConversation(id), carolDm);
    await until('carol’s conversation', async () => (await visitor.bubbles()).includes('one more thing'), 30_000);
    await visitor.chat.getByRole('button', { name: 'Back to conversations' }).click();
    assert.equal(await unreadOf(short(addresses.carol)), '');
    assert.equal(await visitor.chat.locator('[part~="inbox-name"]', { hasText: short(addresses.carol) }).count(), 1, 'still one row for carol');
  });

  test('new conversation: someone not on XMTP is refused with a sentence; a reachable address opens', async () => {
    await visitor.chat.getByRole('button', { name: 'New conversation' }).click();
    const input = visitor.chat.getByRole('textbox', { name: 'Address, ENS name or Lens handle' });
    await input.fill(suite.address(3));
    await input.press('Enter');
    await visitor.chat.locator('[part~="new-error"]').getByText(/is not on XMTP yet/).waitFor({ timeout: 30_000 });
    assert.ok((await visitor.events()).some((e) => e.type === 'mask-error' && e.code === 'peer-not-reachable'));
    await input.fill('0x1234');
    await input.press('Enter');
    await visitor.chat.locator('[part~="new-error"]').getByText(/not a valid/i).waitFor();
    await input.fill(addresses.mallory);
    await input.press('Enter');
    await visitor.chat.getByRole('button', { name: 'Back to conversations' }).waitFor({ timeout: 30_000 });
    await visitor.send('hello mallory, directly');
    await visitor.chat.getByRole('button', { name: 'Back to conversations' }).click();
    await until('mallory’s DM in the chats', async () => (await rowOf(short(addresses.mallory)).count()) === 1, 30_000);
    assert.deepEqual(visitor.errors, []);
  });
  test('a reload lists the inbox from the engine: previews, counts against the stored read marks, the same in another tab', async () => {
    await raw.mallory.call('send', groupId, 'group ping');
    await until('the group to count 2', async () => (await unreadOf('<img src=x onerror="window.pwned=1">Team evil')) === '2', 30_000);
    // Carol's read receipt and a reaction to an old message: stored like messages (the SDK's list counts a reaction as
    // activity), shown in no row's preview: they move no row.
    const [oldest] = await raw.carol.call('messages', carolDm);
    await raw.carol.call('sendRaw', carolDm, [
      { kind: 'encoded', authorityId: 'xmtp.org', typeId: 'readReceipt', versionMajor: 1, versionMinor: 0, parameters: {}, text: '' },
      { kind: 'reaction', reference: oldest.id, referenceInboxId: oldest.senderInboxId, content: '👍' },
    ]);
    await visitor.page.waitForTimeout(3000);
    await visitor.page.reload();
    await visitor.page.waitForFunction(() => customElements.get('mask-chat'));
    await visitor.openChat();
    await visitor.connect();
    await until('three chats after the reload', async () => (await visitor.chat.locator('[role="option"]').count()) === 3, 60_000);
    // The list paints first (placeholders), then its rows fill in (peers, previews, counts).
    await until('the rows filled in', async () => !(await visitor.chat.locator('[part~="inbox-list"]').innerText()).includes('Loading…'), 30_000);
    assert.equal(await unreadOf(short(addresses.carol)), '', 'carol’s conversation was read before the reload');
    assert.equal(await unreadOf(short(addresses.mallory)), '');
    assert.equal(await unreadOf('<img src=x onerror="window.pwned=1">Team evil'), '2', 'the group’s two unread messages are counted by the engine');
    assert.equal(await rowOf(short(addresses.carol)).locator('[part~="inbox-preview"]').innerText(), 'one more thing');
    assert.equal(await rowOf(short(addresses.mallory)).locator('[part~="inbox-preview"]').innerText(), 'You: hello mallory, directly');
    const order = await visitor.chat.locator('[role="option"] [part~="inbox-name"]').allInnerTexts();
    const at = (pattern: RegExp) => order.findIndex((name) => pattern.test(name));
    assert.ok(at(/Team evil/) < at(short(addresses.mallory)) && at(short(addresses.mallory)) < at(short(addresses.carol)), `by the newest shown message, carol's read receipt and reaction not counted: ${order.join(' | ')}`);
    assert.equal(await inbox().getByRole('tab', { name: 'Requests' }).count(), 1, 'no requests left (the blocked one stays out)');
    // Another tab of the same site relays to this one's client (tabs.ts): the same list. Its chat has
    // the visitor's own address as peer (the author on their own blog): that is the inbox too.
    const tab = await visitor.newTab(suite.site.url({ account: 1, peer: suite.address(1) }));
    try {
      await tab.openChat();
      await tab.connect();
      await until('the relay tab’s list', async () => (await tab.chat.locator('[role="option"]').count()) === 3, 60_000);
      await until('the relay tab’s rows filled in', async () => !(await tab.chat.locator('[part~="inbox-list"]').innerText()).includes('Loading…'), 30_000);
      assert.equal(await tab.chat.locator('[part~="inbox-unread"]').allInnerTexts().then((t) => t.join(',')), '2');
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.page.close();
    }
    assert.deepEqual(visitor.errors, []);
  });
});
