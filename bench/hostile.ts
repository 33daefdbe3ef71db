/**
 * `npm run bench:hostile`: what the hostile-input corpus costs a visitor's
 * page. Ends with the line
 *
 *   inputs=N executed=0 uncaught=0 lost=0 longest_task_ms=M
 *
 * A raw XMTP client (the real SDK, `dev/xmtp-node/e2e/harness.ts`) sends the
 * chat corpus of `test/support/hostile-chat.ts` (more than a thousand items of
 * every content type) to a visitor whose `<mask-chat>` (the built kit, from
 * another origin) is open on the conversation. Then, with the page's long-task
 * record cleared, it sends the worst messages one by one: a megabyte each of
 * one Latin letter, Hebrew, Arabic, mixed scripts with combining marks, emoji,
 * one link, and words. `longest_task_ms` is the longest main-thread task
 * (PerformanceObserver `longtask`) while those render, and again while the
 * conversation opens with them in its history after a reload: the larger of
 * the two. Goal: under 200 ms. executed / uncaught / lost are counted as the
 * end-to-end suite checks them (`test/e2e/chat-hostile.e2e.ts`).
 *
 * Builds `dist/` first when it is missing. Exits 1 when anything executed,
 * threw or was lost.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startDevChain, type DevChain } from '../dev/chain/index.js';
import { startStaticServer, type StaticServer } from '../dev/demo/static-server.js';
import { User } from '../dev/xmtp-node/e2e/browser.js';
import { buildHarness, type HarnessBuild } from '../dev/xmtp-node/e2e/build.js';
import { startXmtpNode, type XmtpNode } from '../dev/xmtp-node/index.js';
import { distDir, launchBrowser, startChatSite, until, Visitor, type ChatSite } from '../test/e2e/chat-page.js';
import { chatCorpus, inspect, judge, PAGE_PROBES, worstTexts } from '../test/support/hostile-chat.js';

let chain: DevChain | undefined;
let node: XmtpNode | undefined;
let site: ChatSite | undefined;
let browser: Browser | undefined;
let build: HarnessBuild | undefined;
let statics: StaticServer | undefined;
let mallory: User | undefined;
let alice: Visitor | undefined;

const longestTask = async (v: Visitor): Promise<number> => v.page.evaluate(() => Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks));
const clearTasks = (v: Visitor) => v.page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
const settle = (v: Visitor) => v.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300)))));

async function main(): Promise<number> {
  if (!existsSync(join(distDir(), 'mask-widgets.js'))) {
    console.log('dist/ is not built: building it first (npm run build)…');
    const built = spawnSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the build failed');
  }
  [chain, node, browser, build] = await Promise.all([startDevChain({ bulkNames: 0 }), startXmtpNode(), launchBrowser(), buildHarness()]);
  [site, statics] = await Promise.all([startChatSite(chain, node.url), startStaticServer({ root: build.dir })]);
  mallory = await User.inBrowser(browser, 'mallory', `${statics.url}/index.html`);
  const created = await mallory.call('create', { apiUrl: node.url, privateKey: await mallory.call('newPrivateKey'), appVersion: 'hostile-bench/1' });
  const url = site.url({ account: 1, peer: created.address });
  alice = await Visitor.open(browser, 'alice', url);
  await alice.context.addInitScript(PAGE_PROBES);
  await alice.goto(url);
  await alice.enableChat({ expectSignature: true });
  await alice.send('hello');
  const conversationId = await until('the DM to reach the raw client', async () => (await mallory!.call('conversationIds'))[0], 60_000);
  const [target] = await mallory.call('sendRaw', conversationId, [{ kind: 'text', text: 'target message' }]);

  const cases = chatCorpus({ total: 1100, target, targetInbox: created.inboxId, worst: false });
  const ids: string[] = [];
  for (let i = 0; i < cases.length; i += 100) ids.push(...(await mallory.call('sendRaw', conversationId, cases.slice(i, i + 100).map((c) => c.send))));
  const received = async (wanted: string[]) => {
    const got = new Set((await alice!.events()).filter((e) => e.type === 'mask-message-received').map((e) => e.detail?.id));
    return wanted.every((id) => got.has(id));
  };
  await until('the corpus to arrive', () => received(ids.filter((_, i) => cases[i].row)), 600_000);

  // The worst messages, one at a time, with the long-task record cleared.
  await settle(alice);
  await clearTasks(alice);
  const worst = worstTexts();
  for (const w of worst) {
    const [id] = await mallory.call('sendRaw', conversationId, [{ kind: 'text', text: w.text }]);
    await until(`"${w.name}" to arrive`, () => received([id]), 120_000);
    await settle(alice);
    cases.push({ name: w.name, send: { kind: 'text', text: w.text }, shows: null, row: true });
    ids.push(id);
    console.log(`${w.name}: longest task so far ${Math.round(await longestTask(alice))} ms`);
  }
  const onArrival = await longestTask(alice);

  // The conversation opens again with all of it in its history.
  await alice.page.reload();
  await alice.page.waitForFunction(() => customElements.get('mask-chat'));
  await clearTasks(alice);
  await alice.enableChat({ expectSignature: false });
  await alice.chat.locator('[part~="bubble"]').first().waitFor({ timeout: 60_000 });
  await settle(alice);
  const onOpen = await longestTask(alice);
  console.log(`longest task while the worst messages arrived: ${Math.round(onArrival)} ms; while the conversation opened with them: ${Math.round(onOpen)} ms`);

  const seen = await inspect(alice.page);
  const { lost, wrong } = judge(cases, ids, seen.rows);
  if (wrong.length) console.log(`shown differently than sent (${wrong.length}):\n  ${wrong.slice(0, 20).join('\n  ')}`);
  const uncaught = seen.uncaught.length + alice.errors.length;
  const executed = seen.executed.length + seen.forbidden.length;
  console.log(`inputs=${cases.length} executed=${executed} uncaught=${uncaught} lost=${lost.length} longest_task_ms=${Math.round(Math.max(onArrival, onOpen))}`);
  return executed || uncaught || lost.length ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error);
} finally {
  await alice?.close();
  await mallory?.close();
  await browser?.close().catch(() => {});
  await Promise.allSettled([site?.close(), statics?.close(), node?.close(), chain?.close(), build?.cleanup()]);
}
process.exit(code);
