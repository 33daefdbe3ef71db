/**
 * `npm run bench:chat`: how fast `<mask-chat>` opens and delivers, and how
 * small its DOM stays with 10,000 messages. Ends with the line
 *
 *   open_to_ready_ms=A first_message_ms=B p50_ms=C sdk_p50_ms=S p95_ms=D sdk_p95_ms=T lost=0 duplicated=0 dom_nodes_10k=E
 *
 * The built kit (`MASK_DIST`, default `dist/`, built first when missing) is
 * served from its own origin to a host page (`test/e2e/chat-page.ts`), with
 * the local XMTP node, the dev chain and the dev wallet, in headless Chromium:
 *
 * - open_to_ready_ms / first_message_ms: a registered visitor with history
 *   reloads the page (same profile: engine chunks and wasm in the HTTP cache,
 *   the XMTP installation in OPFS) and opens the chat; from the click on the
 *   launcher to the composer being shown, and to the first history message
 *   painted (measured in the page, per animation frame). Median of 3.
 * - p50_ms / p95_ms / lost / duplicated: 200 messages from one page to the
 *   other through the node, one clock (both pages in one browser): from the
 *   Enter key in the sender's composer to `mask-message-received` on the
 *   receiver. Sent one after the other (the next once the previous shows
 *   "Sent"), like bench:xmtp-node; a burst of 200 typed at once queues behind
 *   the client's own publish and decrypt work and measures throughput instead.
 *   Lost = never arrived within 60 s; duplicated = arrived twice (events, or a
 *   bubble shown twice).
 * - sdk_p50_ms / sdk_p95_ms: the same 200 messages, one after the other, between two
 *   raw `@xmtp/browser-sdk` clients (no kit: the node's harness page,
 *   `dev/xmtp-node/e2e/harness.ts`, one browser context each) on the same node in
 *   the same browser: from just before `sendText` to the receiver's
 *   `streamAllMessages` handing the message over, both stamped by this process
 *   (one clock), like `npm run bench:xmtp-node`. What the kit adds is the
 *   difference with p50_ms / p95_ms. Lost or duplicated ones are reported on the
 *   line before (informational).
 * - dom_nodes_10k: every DOM node in the whole document (elements, text and
 *   comment nodes; shadow roots included) with 10,000 messages loaded into
 *   the chat, the larger of the count at the bottom and at the very top (the
 *   same count `test/e2e/chat-scale.e2e.ts` asserts). These messages do NOT come
 *   through the node: the chat scale harness (`test/support/chat-scale.ts`)
 *   runs the real chat UI, messaging context, feed paging and message list over
 *   an in-memory FIXTURE engine holding 10,000 messages (with replies,
 *   reactions and tip receipts), and pages all of them in. Elements alone are
 *   reported on the line before (informational).
 *
 * Exits 1 when a message is lost or duplicated, or dom_nodes_10k >= 1500.
 */
import type { Browser } from 'playwright-core';
import { startDevChain, type DevChain } from '../dev/chain/index.js';
import { startXmtpNode, type XmtpNode } from '../dev/xmtp-node/index.js';
import { User } from '../dev/xmtp-node/e2e/browser.js';
import { buildHarness, type HarnessBuild } from '../dev/xmtp-node/e2e/build.js';
import { startStaticServer, type StaticServer } from '../dev/demo/static-server.js';
import { measureDomNodes, startScaleHarness, type ScaleHarness } from '../test/support/chat-scale.js';
import { ensureDist } from '../scripts/ensure-dist.js';
import { distDir, launchBrowser, startChatSite, until, Visitor, type ChatSite } from '../test/e2e/chat-page.js';

const MESSAGES = 200;
const DOM_BUDGET = 1500;

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
};

let chain: DevChain | undefined;
let node: XmtpNode | undefined;
let site: ChatSite | undefined;
let browser: Browser | undefined;
let harness: ScaleHarness | undefined;
const visitors: Visitor[] = [];
let harnessBuild: HarnessBuild | undefined;
let harnessSite: StaticServer | undefined;
const rawUsers: User[] = [];

/**
 * The raw SDK's latency: two `@xmtp/browser-sdk` clients (no kit) on `nodeUrl`, `count` messages
 * sent one after the other (each once the previous `sendText` returned), from just before
 * `sendText` to the receiver's stream, stamped by this process.
 */
async function measureRawSdk(nodeUrl: string, count: number): Promise<{ p50: number; p95: number; lost: number; duplicated: number }> {
  harnessBuild = await buildHarness();
  harnessSite = await startStaticServer({ root: harnessBuild.dir });
  const url = `${harnessSite.url}/index.html`;
  const sender = await User.inBrowser(browser!, 'raw-sender', url);
  const receiver = await User.inBrowser(browser!, 'raw-receiver', url);
  rawUsers.push(sender, receiver);
  const sentAt = new Map<string, number>();
  const receipts = new Map<string, number[]>();
  await sender.page.exposeFunction('__report', async (kind: string, text: string) => {
    if (kind === 'send') sentAt.set(text, performance.now());
  });
  await receiver.page.exposeFunction('__report', async (kind: string, text: string) => {
    if (kind === 'recv') receipts.set(text, [...(receipts.get(text) ?? []), performance.now()]);
  });
  await sender.call('create', { apiUrl: nodeUrl, privateKey: await sender.call('newPrivateKey'), appVersion: 'bench-chat-raw-sender' });
  const to = await receiver.call('create', { apiUrl: nodeUrl, privateKey: await receiver.call('newPrivateKey'), appVersion: 'bench-chat-raw-receiver' });
  await receiver.call('startStream');
  const dm = await sender.call('createDm', to.inboxId);
  // Warm up, as the kit's visitors did: the receiver joins the DM through its welcome.
  await sender.call('send', dm, 'raw warm-up');
  await until('the raw warm-up message', () => receipts.has('raw warm-up'), 30_000);
  const texts = Array.from({ length: count }, (_, i) => `raw bench message ${i + 1}`);
  for (const text of texts) await sender.call('send', dm, text);
  await until('the raw receiver to get every message', () => texts.every((t) => receipts.has(t)), 60_000).catch(() => {});
  await new Promise((r) => setTimeout(r, 1000)); // late duplicates
  const latencies = texts.filter((t) => receipts.has(t) && sentAt.has(t)).map((t) => receipts.get(t)![0]! - sentAt.get(t)!);
  return {
    p50: latencies.length ? quantile(latencies, 0.5) : Number.NaN,
    p95: latencies.length ? quantile(latencies, 0.95) : Number.NaN,
    lost: texts.filter((t) => !receipts.has(t)).length,
    duplicated: texts.reduce((n, t) => n + Math.max(0, (receipts.get(t)?.length ?? 0) - 1), 0),
  };
}

async function visit(name: string, url: string): Promise<Visitor> {
  const v = await Visitor.open(browser!, name, url);
  visitors.push(v);
  return v;
}

/** Reloads and opens the chat; times ready (composer) and first history message, in the page. */
async function openTimed(v: Visitor): Promise<{ ready: number; first: number; connectClicked: boolean }> {
  await v.page.reload();
  await v.page.waitForFunction(() => customElements.get('mask-chat') && document.querySelector('#chat')?.shadowRoot?.querySelector('[part~="launcher"]'));
  // A string, not a function: tsx's helpers (`__name`) do not exist in the page.
  return v.page.evaluate(`new Promise((resolve, reject) => {
    const root = document.querySelector('#chat').shadowRoot;
    const marks = { connectClicked: false };
    const t0 = performance.now();
    const deadline = setTimeout(() => reject(new Error('the chat did not get ready: ' + JSON.stringify(marks))), 60000);
    const tick = () => {
      const now = performance.now() - t0;
      if (marks.ready === undefined && root.querySelector('[part~="composer"]')) marks.ready = now;
      if (marks.first === undefined && root.querySelector('[part~="bubble"]')) marks.first = now;
      // A returning visitor whose wallet did not resume connects with one click (counted in the time).
      const connect = root.querySelector('[part~="connect-button"]');
      if (connect && !marks.connectClicked) {
        marks.connectClicked = true;
        connect.click();
      }
      if (marks.ready !== undefined && marks.first !== undefined) {
        clearTimeout(deadline);
        resolve(marks);
      } else requestAnimationFrame(tick);
    };
    root.querySelector('[part~="launcher"]').click();
    requestAnimationFrame(tick);
  })`);
}

async function main(): Promise<number> {
  console.log(`kit: ${distDir()}`);
  ensureDist(distDir(), { explicit: process.env.MASK_DIST !== undefined });
  [chain, node, browser, harness] = await Promise.all([startDevChain({ bulkNames: 0 }), startXmtpNode(), launchBrowser(), startScaleHarness()]);
  site = await startChatSite(chain, node.url);
  const address = (i: number) => chain!.deployment.accounts[i].address;

  // Two visitors register (one signature each) and start a conversation.
  const alice = await visit('alice', site.url({ account: 1, peer: address(2) }));
  const bob = await visit('bob', site.url({ account: 2, peer: address(1) }));
  await alice.openChat();
  await alice.connect();
  await alice.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
  await alice.chat.getByText(/is not on XMTP yet/).first().waitFor({ timeout: 60_000 });
  await bob.enableChat({ expectSignature: true });
  await alice.chat.locator('[part~="composer"]').waitFor({ timeout: 60_000 });
  await bob.send('history before the reload');
  await until('alice to receive the first message', async () => (await alice.bubbles()).includes('history before the reload'), 30_000);

  // Open to ready, engine cached: reload (same profile) and open, three times.
  const opens: Array<{ ready: number; first: number; connectClicked: boolean }> = [];
  for (let i = 0; i < 3; i++) opens.push(await openTimed(alice));
  const openToReady = quantile(opens.map((o) => o.ready), 0.5);
  const firstMessage = quantile(opens.map((o) => o.first), 0.5);
  console.log(`opens (ms): ${opens.map((o) => `ready ${o.ready.toFixed(0)} first ${o.first.toFixed(0)}${o.connectClicked ? ' (connect clicked)' : ''}`).join(', ')}`);

  // 200 messages, alice → bob, one clock.
  await until('alice ready after the reload', async () => (await alice.chat.locator('[part~="composer"]').count()) > 0, 30_000);
  await bob.page.evaluate(() => {
    const w = window as unknown as { arrivals: Array<{ text: string; t: number }> };
    w.arrivals = [];
    document.addEventListener('mask-message-received', (e) => w.arrivals.push({ text: (e as CustomEvent<{ text: string }>).detail.text, t: performance.timeOrigin + performance.now() }));
  });
  await alice.page.evaluate(() => {
    const w = window as unknown as { sent: Array<{ text: string; t: number }>; published: Array<{ text: string; t: number }> };
    w.sent = [];
    w.published = [];
    document.addEventListener('mask-message-sent', (e) => w.published.push({ text: (e as CustomEvent<{ text: string }>).detail.text, t: performance.timeOrigin + performance.now() }));
    document.addEventListener(
      'keydown',
      (e) => {
        const area = e.composedPath()[0] as HTMLTextAreaElement;
        if (e.key === 'Enter' && area.localName === 'textarea' && area.value) w.sent.push({ text: area.value, t: performance.timeOrigin + performance.now() });
      },
      true,
    );
  });
  const texts = Array.from({ length: MESSAGES }, (_, i) => `bench message ${i + 1}`);
  // One after the other, as bench:xmtp-node does: each message is typed once the previous one is sent.
  const publishedCount = () => alice.page.evaluate(() => (window as unknown as { published: unknown[] }).published.length);
  for (const [i, text] of texts.entries()) {
    await alice.send(text);
    await until(`"${text}" to be sent`, async () => (await publishedCount()) > i, 30_000).catch(() => {});
  }
  const arrivalsOf = () => bob.page.evaluate(() => (window as unknown as { arrivals: Array<{ text: string; t: number }> }).arrivals);
  await until('bob to receive every message', async () => new Set((await arrivalsOf()).map((a) => a.text)).size >= MESSAGES, 60_000).catch(() => {});
  await bob.page.waitForTimeout(1000); // late duplicates
  const sent = await alice.page.evaluate(() => (window as unknown as { sent: Array<{ text: string; t: number }> }).sent);
  const published = await alice.page.evaluate(() => (window as unknown as { published: Array<{ text: string; t: number }> }).published);
  const publishMs = published.map((p) => p.t - (sent.find((x) => x.text === p.text)?.t ?? p.t));
  const arrivals = await arrivalsOf();
  const latencies: number[] = [];
  let lost = 0;
  let duplicated = 0;
  for (const text of texts) {
    const s = sent.find((x) => x.text === text);
    const got = arrivals.filter((a) => a.text === text);
    if (!got.length || !s) lost++;
    else latencies.push(got[0].t - s.t);
    if (got.length > 1) duplicated += got.length - 1;
  }
  const shown = await bob.bubbles();
  duplicated += shown.length - new Set(shown).size;
  const p50 = latencies.length ? quantile(latencies, 0.5) : Number.NaN;
  const p95 = latencies.length ? quantile(latencies, 0.95) : Number.NaN;
  console.log(
    `messages: sent ${sent.length}, arrived ${new Set(arrivals.map((a) => a.text)).size}, max ${Math.max(...latencies).toFixed(0)} ms; sender's Enter to "Sent" p50 ${quantile(publishMs, 0.5).toFixed(0)} ms p95 ${quantile(publishMs, 0.95).toFixed(0)} ms; sending took ${((sent.at(-1)?.t ?? 0) - (sent[0]?.t ?? 0)).toFixed(0)} ms`,
  );

  // The same, between two raw SDK clients on the same node (no kit).
  const raw = await measureRawSdk(node.url, MESSAGES);
  console.log(`raw SDK: ${MESSAGES} messages, p50 ${raw.p50.toFixed(0)} ms p95 ${raw.p95.toFixed(0)} ms, lost ${raw.lost}, duplicated ${raw.duplicated}`);

  // 10,000 messages in the chat (fixture engine; see above).
  const dom = await measureDomNodes(browser, harness, 10_000);
  console.log(`10k messages: ${dom.loaded} loaded; nodes ${dom.bottom} at the bottom, ${dom.top} at the top; ${dom.elements} elements at most`);

  console.log(
    `open_to_ready_ms=${Math.round(openToReady)} first_message_ms=${Math.round(firstMessage)} p50_ms=${Math.round(p50)} sdk_p50_ms=${Math.round(raw.p50)} p95_ms=${Math.round(p95)} sdk_p95_ms=${Math.round(raw.p95)} lost=${lost} duplicated=${duplicated} dom_nodes_10k=${dom.nodes}`,
  );
  return lost > 0 || duplicated > 0 || dom.nodes >= DOM_BUDGET || dom.loaded !== 10_000 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error);
} finally {
  await Promise.allSettled([...visitors, ...rawUsers].map((v) => v.close()));
  await browser?.close().catch(() => {});
  await Promise.allSettled([site?.close(), node?.close(), chain?.close(), harness?.close(), harnessSite?.close(), harnessBuild?.cleanup()]);
}
process.exit(code);
