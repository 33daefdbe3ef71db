/**
 * The failure paths of the tab coordination (`src/messaging/tabs.ts`) in real
 * Chromium: pages of one browser context are tabs of one origin, with real Web
 * Locks and BroadcastChannel. The XMTP client under it is scripted
 * (`chat-tabs-page.ts`), so a test can make the owner tab never answer, or
 * close while a relayed request is in flight. The happy paths over the real
 * SDK are in `chat-tabs.e2e.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { serveBundle } from '../support/chat-scale.js';
import { until } from './chat-page.js';

type Outcome = { ok: true } | { ok: false; code: string; message: string };
interface TabsApi {
  start(script: { publish: 'ok' | 'hang' }, callMs: number): Promise<void>;
  owner(): boolean;
  publish(conversationId: string): Promise<Outcome>;
  calls(): Array<{ method: string; args: unknown[] }>;
  close(): void;
  held(): Promise<{ channels: number; pagehide: number; locks: number }>;
}
const CALL_MS = 1_500;

let browser: Browser;
let site: { url: string; close(): Promise<void> };
let context: BrowserContext;

before(async () => {
  [browser, site] = await Promise.all([launchChromium(), serveBundle(new URL('./chat-tabs-page.ts', import.meta.url).pathname, 'Tabs')]);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** A new tab in `context` that joins the tabs; `publish` is what its client does when it owns. */
async function tab(publish: 'ok' | 'hang'): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(site.url);
  await page.waitForFunction(() => 'tabs' in window);
  await page.evaluate(([p, ms]) => (window as unknown as { tabs: TabsApi }).tabs.start({ publish: p as 'ok' | 'hang' }, ms as number), [publish, CALL_MS]);
  Object.assign(page, { errors });
  return page;
}
const tabs = <T>(page: Page, fn: (api: TabsApi) => T | Promise<T>) =>
  page.evaluate(`(${fn.toString()})(window.tabs)`) as Promise<T>;
const publishes = async (page: Page) => (await tabs(page, (t) => t.calls())).filter((c) => c.method === 'publish').length;
/** Starts a publish in `page` without waiting for it; `outcome(page)` waits for it. */
const startPublish = (page: Page) => tabs(page, (t) => void ((window as unknown as { pending: unknown }).pending = t.publish('c1')));
const outcome = (page: Page) => page.evaluate(() => (window as unknown as { pending: Promise<Outcome> }).pending);

test.beforeEach(async () => {
  context = await browser.newContext();
});
test.afterEach(async () => {
  await context.close();
});

test('an owner tab that never answers: the relayed request fails with a clear error, once', async () => {
  const owner = await tab('hang');
  assert.equal(await tabs(owner, (t) => t.owner()), true, 'the first tab owns the client');
  const relay = await tab('ok');
  assert.equal(await tabs(relay, (t) => t.owner()), false, 'the second relays');
  const result = await tabs(relay, (t) => t.publish('c1'));
  assert.deepEqual(result, { ok: false, code: 'unknown', message: `The tab that holds this site's chat connection did not answer "publish" within ${Math.round(CALL_MS / 1000)} s` }); // an EngineError's message is a detail: no final stop
  assert.equal(await publishes(owner), 1, 'the owner got the request once');
  assert.equal(await publishes(relay), 0, 'the relay never ran it itself');
});

test('the owner tab closes during a relayed request: the new owner runs it once, and the caller gets its answer', async () => {
  const owner = await tab('hang');
  const relay = await tab('ok');
  await startPublish(relay);
  await until('the owner to receive the request', async () => (await publishes(owner)) === 1);
  await owner.close({ runBeforeUnload: true });
  assert.deepEqual(await outcome(relay), { ok: true }, 'answered by the tab that took over');
  assert.equal(await tabs(relay, (t) => t.owner()), true, 'the remaining tab owns the client now');
  assert.equal(await publishes(relay), 1, 'sent once more, on the new owner, and only once');
});

test('the owner is lost twice during one request: it fails with a clear error instead of going round', async () => {
  const first = await tab('hang');
  const second = await tab('hang'); // queued first for the lock: the next owner
  const caller = await tab('ok');
  await startPublish(caller);
  await until('the first owner to receive the request', async () => (await publishes(first)) === 1);
  await first.close({ runBeforeUnload: true });
  await until('the second owner to receive it once more', async () => (await publishes(second)) === 1);
  await second.close({ runBeforeUnload: true });
  assert.deepEqual(await outcome(caller), { ok: false, code: 'unknown', message: 'The tab that held this site\'s chat connection closed during "publish"' });
  assert.equal(await publishes(caller), 0, 'not sent a third time');
  // The caller is the last tab: it owns the client now, and a new request works.
  await until('the caller to own the client', () => tabs(caller, (t) => t.owner()));
  assert.deepEqual(await tabs(caller, (t) => t.publish('c1')), { ok: true });
});

test('close() leaves nothing behind: no channel, no pagehide listener, no lock held or queued', async () => {
  const owner = await tab('ok');
  const relay = await tab('ok');
  for (const page of [owner, relay]) assert.deepEqual(await tabs(page, (t) => t.held()), { channels: 1, pagehide: 1, locks: 1 }, 'one of each while running');
  assert.deepEqual(await tabs(relay, (t) => t.publish('c1')), { ok: true });
  for (const page of [relay, owner]) {
    await tabs(page, (t) => t.close());
    await until('the lock to be released', async () => (await tabs(page, (t) => t.held())).locks === 0);
    assert.deepEqual(await tabs(page, (t) => t.held()), { channels: 0, pagehide: 0, locks: 0 });
  }
  // The owner's client was closed with it.
  assert.ok((await tabs(owner, (t) => t.calls())).some((c) => c.method === 'close'));
  for (const page of [owner, relay]) assert.deepEqual((page as Page & { errors: string[] }).errors, []);
});
