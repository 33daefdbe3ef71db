/**
 * Hostile input through real parts: a raw XMTP client (the real SDK on the
 * local node) sends more than a thousand hostile items of every content type
 * to a visitor whose `<mask-chat>` (the built kit, another origin) is open on
 * the conversation. Nothing may execute, nothing may throw, nothing may be
 * lost; every text shows literally (bidi controls dropped, the first 2,000
 * characters, "Show more" for the rest) or as a short fallback; links show the
 * host they open; and the conversation keeps working, before and after a
 * reload. The corpus and the checks are in `test/support/hostile-chat.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startStaticServer, type StaticServer } from '../../dev/demo/static-server.js';
import { User } from '../../dev/xmtp-node/e2e/browser.js';
import { buildHarness, type HarnessBuild } from '../../dev/xmtp-node/e2e/build.js';
import { chatCorpus, inspect, judge, PAGE_PROBES, type HostileCase } from '../support/hostile-chat.js';
import { chatSuite, until, type Visitor } from './chat-page.js';

const suite = chatSuite();
/**
 * Installations of the raw client sending side by side. The SDK stores and encrypts each message in its
 * worker, about 0.2 s a message on 2 cores; three installations at once were no faster (317 s against 244 s
 * for one, the cores being the limit), so one sends everything.
 */
const SENDERS = 1;

describe('<mask-chat> under hostile messages from a raw XMTP client', { timeout: 900_000 }, () => {
  let build: HarnessBuild;
  let statics: StaticServer;
  /** The raw client: one inbox, several installations (one per browser context) that send side by side. */
  const senders: User[] = [];
  let mallory: User;
  let malloryAddress: string;
  let malloryInbox: string;
  let alice: Visitor;
  let conversationId: string;
  let cases: HostileCase[] = [];
  const ids: string[] = [];

  before(async () => {
    build = await buildHarness();
    statics = await startStaticServer({ root: build.dir });
    mallory = await User.inBrowser(suite.browser, 'mallory', `${statics.url}/index.html`);
    const privateKey = await mallory.call('newPrivateKey');
    const created = await mallory.call('create', { apiUrl: suite.node.url, privateKey, appVersion: 'hostile/1' });
    senders.push(mallory);
    for (let i = 2; i <= SENDERS; i++) {
      const sender = await User.inBrowser(suite.browser, `mallory-${i}`, `${statics.url}/index.html`);
      await sender.call('create', { apiUrl: suite.node.url, privateKey, appVersion: `hostile/${i}` });
      senders.push(sender);
    }
    malloryAddress = created.address;
    malloryInbox = created.inboxId;
  });

  after(async () => {
    await Promise.allSettled(senders.map((u) => u.close()));
    await statics?.close();
    await build?.cleanup();
  });

  test('the visitor opens the chat with the raw client and they exchange a first message', async () => {
    alice = await suite.visit('alice', suite.site.url({ account: 1, peer: malloryAddress }));
    await alice.context.addInitScript(PAGE_PROBES);
    await alice.goto(suite.site.url({ account: 1, peer: malloryAddress }));
    await alice.enableChat({ expectSignature: true });
    await alice.send('hello mallory');
    conversationId = await until('the DM to reach the raw client', async () => (await mallory.call('conversationIds'))[0], 60_000);
    const [target] = await mallory.call('sendRaw', conversationId, [{ kind: 'text', text: 'target message' }]);
    await until('alice to see the first message', async () => (await alice.bubbles()).includes('target message'), 30_000);
    // Reactions and replies point at the raw client's own first message.
    // HOSTILE_TOTAL runs a smaller corpus while working on the suite; npm test uses the full one.
    cases = chatCorpus({ total: Number(process.env.HOSTILE_TOTAL ?? 1100), target, targetInbox: malloryInbox });
  });

  test('more than a thousand hostile items: nothing executes, throws or is lost; text shows literally', async () => {
    if (!process.env.HOSTILE_TOTAL) assert.ok(cases.length >= 1000, `corpus of ${cases.length}`);
    const started = Date.now();
    // Every installation of the raw client sends its share of the corpus, in batches, side by side.
    const conversations = await Promise.all(senders.map((u) => until(`${u.name} to have the DM`, async () => (await u.call('conversationIds')).find((id) => id === conversationId), 60_000)));
    assert.equal(conversations.length, SENDERS);
    const shares = senders.map((_, k) => cases.map((c, i) => ({ c, i })).filter(({ i }) => i % SENDERS === k));
    await Promise.all(
      senders.map(async (u, k) => {
        for (let j = 0; j < shares[k].length; j += 100) {
          const batch = shares[k].slice(j, j + 100);
          const sent = await u.call('sendRaw', conversationId, batch.map(({ c }) => c.send));
          batch.forEach(({ i }, n) => (ids[i] = sent[n]));
        }
      }),
    );
    console.log(`sent ${ids.length} items in ${Date.now() - started} ms`);
    const rowIds = ids.filter((_, i) => cases[i].row);
    await until(
      'every hostile message to arrive',
      async () => {
        const events = await alice.events();
        const got = new Set(events.filter((e) => e.type === 'mask-message-received').map((e) => e.detail?.id));
        return rowIds.every((id) => got.has(id));
      },
      300_000,
    );
    console.log(`received after ${Date.now() - started} ms`);
    const seen = await inspect(alice.page);
    const { lost, wrong } = judge(cases, ids, seen.rows);
    console.log(`inspected after ${Date.now() - started} ms`);
    console.log(`chat hostile: inputs=${cases.length} executed=${seen.executed.length} uncaught=${seen.uncaught.length + alice.errors.length} lost=${lost.length} wrong=${wrong.length}`);
    assert.deepEqual(seen.executed, [], 'no payload executed');
    assert.deepEqual(seen.forbidden, [], 'no remote markup, handler or script URL in the DOM');
    assert.deepEqual([...seen.uncaught, ...alice.errors], [], 'no uncaught error or rejection');
    assert.deepEqual(lost, [], 'every message is shown');
    assert.deepEqual(wrong, [], 'every message shows what was sent (or a fallback)');
  });

  test('the conversation keeps working: a later message arrives and a reply goes out', async () => {
    await mallory.call('sendRaw', conversationId, [{ kind: 'text', text: 'after the storm' }]);
    await alice.chat.locator('[part~="messages"]').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await until('alice to see the later message', async () => (await alice.bubbles()).includes('after the storm'), 30_000);
    await alice.send('still here');
    await until('the raw client to receive the reply', async () => (await mallory.call('messages', conversationId)).some((m) => m.text === 'still here'), 30_000);
  });

  test('when the visitor comes back, the history shows again, with the hostile messages in it', async () => {
    // The visitor leaves and comes back once the page's XMTP client has closed (its streams end on the
    // node). A reload while the client is still writing can cost the installation: see the README's
    // known limits; this test is about what the history shows, not about that race.
    const mark = suite.log.length;
    await alice.page.goto('about:blank');
    await until('the old page\'s streams to close', () => suite.log.slice(mark).some((e) => e.stream && !!e.client?.startsWith('mask-widgets')), 60_000);
    await alice.goto(suite.site.url({ account: 1, peer: malloryAddress }));
    await alice.enableChat({ expectSignature: false }).catch(async (error) => {
      throw new Error(`${String(error)}\nthe chat shows: ${await alice.chat.evaluate((el) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ').slice(0, 500))}\nerrors: ${alice.errors.join('; ')}`);
    });
    await until('the history to show the last messages', async () => {
      const texts = await alice.bubbles();
      return texts.includes('after the storm') && texts.includes('still here');
    }, 60_000);
    const seen = await inspect(alice.page);
    const { lost, wrong } = judge(cases, ids, seen.rows);
    console.log(`after coming back: ${Object.keys(seen.rows).length} rows seen, start reached: ${seen.reachedStart}, lost ${lost.length}`);
    assert.deepEqual(seen.executed, []);
    assert.deepEqual(seen.forbidden, []);
    assert.deepEqual(seen.uncaught, [], 'no uncaught error after the reload');
    assert.deepEqual(lost, [], 'every message is shown from history');
    assert.deepEqual(wrong, []);
    assert.deepEqual(await alice.axe(), [], 'axe with the hostile history');
  });
});
