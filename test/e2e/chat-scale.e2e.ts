/**
 * `<mask-chat>` with 10,000 messages: the list is virtualised, so the DOM
 * stays small however long the conversation, and scrolling up pages older
 * history in and renders it. Runs the chat scale harness: the real chat UI,
 * messaging context, feed paging and message list, over the FIXTURE engine
 * (`test/support/chat-fixture.ts`) instead of the XMTP SDK (a real
 * conversation of 10,000 messages through a node would take too long).
 * Nodes are all nodes (elements, text and comments) of the document, shadow
 * roots included, counted by the harness page (the same count as bench:chat).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { openScale, scrollToTop, startScaleHarness, type ScaleHarness } from '../support/chat-scale.js';

const BUDGET = 1500;
let browser: Browser;
let harness: ScaleHarness;

before(async () => {
  [browser, harness] = await Promise.all([launchChromium(), startScaleHarness()]);
});
after(async () => {
  await browser?.close();
  await harness?.close();
});

test('scrolling to the top loads older messages and renders them, with a small DOM', { timeout: 120_000 }, async () => {
  const h = await openScale(browser, harness, 10_000);
  const scroller = h.page.locator('#chat [part~="messages"]');
  const texts = () => h.page.locator('#chat [part~="bubble"] [part~="text"]').allInnerTexts();
  assert.equal(await h.loaded(), 30, 'one page of history at first');
  assert.ok((await texts()).at(-1)?.startsWith('Message 10000'), 'the newest message is shown');
  for (let i = 0; i < 5; i++) {
    const before = await h.loaded();
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    await h.page.waitForFunction((n) => (window as unknown as { harness: { loaded(): number } }).harness.loaded() > n, before, { timeout: 10_000 });
  }
  assert.ok((await h.loaded()) >= 180, 'at least five more pages came in as the visitor scrolled up');
  // The older messages are rendered where the visitor is looking.
  await h.page.waitForFunction(() => {
    const chat = document.querySelector('#chat')!.shadowRoot!;
    const scroller = chat.querySelector('[part~="messages"]')!;
    const box = scroller.getBoundingClientRect();
    return [...chat.querySelectorAll('[part~="text"]')].some((p) => {
      const r = p.getBoundingClientRect();
      const n = Number(/^Message (\d+)/.exec(p.textContent ?? '')?.[1]);
      return n <= 10_000 - 150 && r.bottom > box.top && r.top < box.bottom;
    });
  });
  const { nodes } = await h.countNodes();
  assert.ok(nodes < BUDGET, `${nodes} nodes after scrolling up`);
  assert.deepEqual(h.errors, []);
  await h.page.close();
});

test('10,000 messages loaded: the DOM stays under 1,500 nodes, at the bottom and at the very top', { timeout: 120_000 }, async () => {
  const h = await openScale(browser, harness, 10_000);
  assert.equal(await h.loadAll(), 10_000);
  const atBottom = await h.countNodes();
  assert.ok(atBottom.nodes < BUDGET, `${atBottom.nodes} nodes at the bottom`);
  assert.ok((await h.page.locator('#chat [part~="text"]', { hasText: /^Message 10000$/ }).count()) === 1, 'still following the newest');
  // What the rows carry is rendered: replies quote, reactions, tip receipts.
  for (const part of ['quote', 'reactions', 'receipt']) assert.ok((await h.page.locator(`#chat [part~="${part}"]`).count()) > 0, `a ${part} is rendered`);
  await scrollToTop(h);
  const atTop = await h.countNodes();
  assert.ok(atTop.nodes < BUDGET, `${atTop.nodes} nodes at the top`);
  assert.equal(await h.page.locator('#chat [part~="text"]', { hasText: /^Message 10000$/ }).count(), 0, 'the newest are out of the DOM');
  // The log stays one accessible log of articles, each named by sender and time.
  const log = h.page.getByRole('log');
  assert.equal(await log.count(), 1);
  assert.match((await log.getByRole('article').first().getAttribute('aria-label')) ?? '', /^(You|0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}), /);
  assert.deepEqual(h.errors, []);
  await h.page.close();
});
