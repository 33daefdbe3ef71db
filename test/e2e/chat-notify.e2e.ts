/**
 * Browser notifications end to end: the built kit in Chromium, the real
 * `@xmtp/browser-sdk` on the local node. Alice's inbox has the `notifications`
 * attribute; bob writes to her.
 *
 * Two platform boundaries are played by the test: the visitor's answer to the
 * browser's permission question (the page's `Notification.requestPermission`
 * is wrapped to count the calls, and the test answers through CDP:
 * `Browser.grantPermissions`, `Browser.resetPermissions`), and the page being in
 * the background. Headless Chromium keeps every page `visible` (a second tab
 * in front, a minimised window and `Target.createTarget` in the same window
 * were tried), so the page's `document.visibilityState` is overridden and a
 * `visibilitychange` dispatched. `window.Notification` is wrapped to record
 * each notification the kit constructs (the real constructor still runs).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chatSuite, until, type Visitor } from './chat-page.js';

const suite = chatSuite();

interface Note {
  title: string;
  body: string;
  tag: string;
}

/** Runs in the page before the kit: records notifications and permission requests, and lets the test hide the page. */
function platformBoundary(): void {
  const w = window as unknown as { notes: Note[]; lastNote: Notification | null; permissionRequests: number; hiddenForTest: boolean; answerPermission(): Promise<void> };
  w.notes = [];
  w.lastNote = null;
  w.permissionRequests = 0;
  w.hiddenForTest = false;
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (w.hiddenForTest ? 'hidden' : 'visible') });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => w.hiddenForTest });
  const Real = window.Notification;
  class Recorded extends Real {
    constructor(title: string, options: NotificationOptions = {}) {
      super(title, options);
      w.notes.push({ title, body: options.body ?? '', tag: options.tag ?? '' });
      w.lastNote = this;
    }
    static override requestPermission(): Promise<NotificationPermission> {
      w.permissionRequests++;
      // The browser's question, answered by the visitor: the test sets the permission through CDP, and the
      // answer is what the browser now says (headless Chromium would deny any real prompt by itself).
      return w.answerPermission().then(() => Real.permission);
    }
  }
  window.Notification = Recorded;
}

describe('<mask-chat notifications>: a notification for a new message while the page is hidden', { timeout: 600_000 }, () => {
  let alice: Visitor;
  let bob: Visitor;
  let origin: string;
  let answer: 'grant' | 'deny' = 'grant';
  /** The DM's conversation id (the notifications' tag). */
  let tag = '';
  const HOSTILE = 'hello alice <img src=x onerror=alert(1)> <b>bold</b>';
  const notes = () => alice.page.evaluate(() => (window as unknown as { notes: Note[] }).notes);
  const setHidden = (hidden: boolean) =>
    alice.page.evaluate((h) => {
      (window as unknown as { hiddenForTest: boolean }).hiddenForTest = h;
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  /**
   * Notifications for alice's origin: "prompt" (CDP `Browser.resetPermissions`), or "denied" (CDP
   * `Browser.grantPermissions` of the clipboard only, which rejects every other permission).
   */
  const setPermission = async (setting: 'denied' | 'prompt') => {
    await alice.context.clearPermissions();
    if (setting === 'denied') await alice.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  };
  const status = () => alice.chat.locator('[part~="notify-status"]').innerText();
  const openSettings = async () => {
    await alice.chat.locator('[part~="settings-button"]').click({ timeout: 60_000 });
    await alice.chat.locator('[part~="notify"]').waitFor({ timeout: 30_000 });
  };
  const closePanel = async () => {
    await alice.chat.getByRole('button', { name: 'Close chat' }).first().click();
    await until('the panel to close', async () => (await alice.chat.getAttribute('open')) === null);
  };

  test('never asked on page load or when chat is enabled; the settings switch asks, and the answer "allow" turns them on', async () => {
    alice = await suite.visit('alice', suite.site.url({ account: 1, attrs: { notifications: '' } }));
    origin = new URL(suite.site.pageUrl).origin;
    await alice.page.exposeFunction('answerPermission', async () => {
      if (answer === 'grant') await alice.context.grantPermissions(['notifications'], { origin });
      else await setPermission('denied');
    });
    // tsx names inner functions and classes through a `__name` helper the page does not have.
    await alice.context.addInitScript('globalThis.__name = globalThis.__name || ((f) => f)');
    await alice.context.addInitScript(platformBoundary);
    // A new context's Browser.grantPermissions (its clipboard permissions) rejected every other: back to "ask".
    await setPermission('prompt');
    await alice.goto(suite.site.url({ account: 1, attrs: { notifications: '' } }));
    await alice.openChat();
    await alice.connect();
    await alice.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    await alice.chat.locator('[part~="inbox"]').waitFor({ timeout: 60_000 });
    assert.equal(await alice.page.evaluate(() => Notification.permission), 'default');
    await openSettings();
    assert.equal(await status(), 'Off: no notifications.');
    assert.equal(await alice.page.evaluate(() => (window as unknown as { permissionRequests: number }).permissionRequests), 0, 'nothing asked before the click');
    assert.deepEqual(await alice.axe(), [], 'axe: notifications off');
    const toggle = alice.chat.getByRole('switch', { name: 'Notify me of new messages' });
    assert.equal(await toggle.isChecked(), false);
    await toggle.click();
    await until('the switch to be on', async () => (await status()).startsWith('On:')).catch(async (e: Error) => {
      const seen = await alice.page.evaluate(() => ({ permission: Notification.permission, requests: (window as unknown as { permissionRequests: number }).permissionRequests, stored: localStorage.getItem('mask-widgets:notify') }));
      throw new Error(`${e.message}: the status says “${await status()}”, ${JSON.stringify(seen)}; console: ${alice.console.join(' | ')}`);
    });
    assert.equal(await toggle.isChecked(), true);
    assert.equal(await alice.page.evaluate(() => (window as unknown as { permissionRequests: number }).permissionRequests), 1, 'asked once, from the click');
    assert.deepEqual(await alice.axe(), [], 'axe: notifications on');
    await closePanel();
  });

  test('hidden: a message from bob shows a notification: his verified name, the text as text, the conversation as tag', async () => {
    bob = await suite.visit('bob', suite.site.url({ account: 2, peer: suite.address(1), attrs: { mode: 'inline' } }));
    await bob.enableChat({ expectSignature: true });
    await setHidden(true);
    await bob.send(HOSTILE);
    const first = await until('a notification', async () => (await notes())[0], 60_000);
    assert.equal(first.title, 'bob.eth');
    assert.equal(first.body, HOSTILE, 'the text as it was written (a notification renders no markup)');
    assert.ok(first.tag.length > 10, `tagged with the conversation: ${first.tag}`);
    tag = first.tag;
  });

  test('a click opens that conversation; while the page is visible no notification is made; hidden again, the same tag', async () => {
    await setHidden(false);
    assert.equal(await alice.chat.getAttribute('open'), null);
    await alice.page.evaluate(() => (window as unknown as { lastNote: Notification }).lastNote.dispatchEvent(new Event('click')));
    await until('the conversation with bob', async () => (await alice.bubbles()).includes(HOSTILE), 60_000);
    assert.equal(await alice.chat.getAttribute('open'), '');
    const opened = (await alice.events()).filter((e) => e.type === 'mask-chat-conversation-open').at(-1);
    assert.equal(opened?.detail?.conversationId, tag);
    assert.equal(opened?.detail?.peerAddress?.toLowerCase(), suite.address(2).toLowerCase());

    await bob.send('while you look');
    await until('the message on screen', async () => (await alice.bubbles()).includes('while you look'), 60_000);
    assert.equal((await notes()).length, 1, 'no notification for a visible page');

    await closePanel();
    await setHidden(true);
    await bob.send('one more');
    const second = await until('the second notification', async () => (await notes())[1], 60_000);
    assert.deepEqual(second, { title: 'bob.eth', body: 'one more', tag }, 'one notification per conversation: the same tag replaces it');
  });

  test('notifications="private": who wrote, never what', async () => {
    await alice.page.evaluate(() => document.querySelector('#chat')!.setAttribute('notifications', 'private'));
    await setHidden(true);
    await bob.send('the secret plans');
    const third = await until('the third notification', async () => (await notes())[2], 60_000);
    assert.deepEqual({ title: third.title, body: third.body }, { title: 'bob.eth', body: 'New message' });
    await setHidden(false);
  });

  test('blocked by the browser: a plain sentence, the switch disabled, no error and no question', async () => {
    answer = 'deny';
    await setPermission('denied');
    assert.equal(await alice.page.evaluate(() => Notification.permission), 'denied');
    await alice.goto(suite.site.url({ account: 1, attrs: { notifications: '' } }));
    await alice.openChat();
    await alice.connect();
    await alice.chat.locator('[part~="inbox"]').waitFor({ timeout: 60_000 });
    await openSettings();
    assert.match(await status(), /^Notifications are blocked for this site in your browser\./);
    assert.equal(await alice.chat.getByRole('switch', { name: 'Notify me of new messages' }).isDisabled(), true);
    assert.deepEqual(await alice.axe(), [], 'axe: blocked');
    await alice.page.evaluate((id) => (document.querySelector('#chat') as HTMLElement & { openConversation(id: string): void }).openConversation(id), tag);
    await until('the conversation with bob', async () => (await alice.bubbles()).includes('one more'), 60_000);
    await setHidden(true);
    await bob.send('nobody is notified');
    // The message arrived; no notification was made and nothing was asked.
    await until('the message on screen', async () => (await alice.bubbles()).includes('nobody is notified'), 60_000);
    assert.equal((await notes()).length, 0);
    assert.equal(await alice.page.evaluate(() => (window as unknown as { permissionRequests: number }).permissionRequests), 0);
    // (This test page points the Lens API at a closed port: the peer badge's Lens lookup says so, `resolution-failed`.)
    assert.deepEqual((await alice.events()).filter((e) => e.type === 'mask-error' && e.code !== 'resolution-failed'), []);
    assert.deepEqual([...alice.errors, ...bob.errors], []);
  });
});
