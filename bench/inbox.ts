/**
 * `npm run bench:inbox`: the visitor's inbox (`<mask-chat>` without a peer)
 * with many real conversations on the local XMTP node. Ends with the line
 *
 *   conversations=N inbox_ready_ms=A dom_nodes=B identity_requests=C
 *
 * The built kit (`MASK_DIST`, default `dist/`) is served to a host page
 * (`test/e2e/chat-page.ts`) with the local XMTP node, the dev chain and the
 * dev wallet, in headless Chromium. Raw `@xmtp/browser-sdk` clients (the
 * node's harness page, `dev/xmtp-node/e2e/harness.ts`) write to the visitor:
 * `--dms` of them one DM each (a new wallet per DM, one message), and one of
 * them the rest as groups with the visitor as member, created first so the
 * DMs are the newest rows. Nobody the visitor answered: every conversation
 * is a message request, so the numbers are those of the Requests tab.
 *
 * - inbox_ready_ms: the visitor has seen every conversation once (welcomes
 *   processed, engine chunks and wasm in the HTTP cache, the installation in
 *   OPFS); the page reloads and the launcher is clicked: from the click to the
 *   inbox painted with its rows counted (the Requests tab's count), measured in
 *   the page per animation frame. Median of 3.
 * - dom_nodes: every DOM node in the document (elements, text, comments;
 *   shadow roots included) with the Requests tab showing all N rows,
 *   the larger of the top and the bottom of the list.
 * - identity_requests: HTTP requests the page makes to the chain's RPC and the
 *   Lens API while the identities of the first 100 rows are looked up (the list
 *   scrolled through them), after a reload (nothing cached).
 *
 * Options: `--conversations N` (default 1000), `--dms D` (default 100).
 * Prints how long creating them took, and the inbox chunk's brotli size.
 * Exits 1 over budget: dom_nodes >= 1500 or identity_requests > 3 (the inbox not
 * showing every conversation fails the run).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { startDevChain, type DevChain } from '../dev/chain/index.js';
import { startStaticServer, type StaticServer } from '../dev/demo/static-server.js';
import { User } from '../dev/xmtp-node/e2e/browser.js';
import { buildHarness, type HarnessBuild } from '../dev/xmtp-node/e2e/build.js';
import { startXmtpNode, type XmtpNode } from '../dev/xmtp-node/index.js';
import { ensureDist } from '../scripts/ensure-dist.js';
import { distDir, launchBrowser, startChatSite, Visitor, type ChatSite } from '../test/e2e/chat-page.js';

const { values } = parseArgs({ options: { conversations: { type: 'string', default: '1000' }, dms: { type: 'string', default: '100' } } });
const CONVERSATIONS = Number(values.conversations);
const DMS = Math.min(CONVERSATIONS, Number(values.dms));
const DOM_BUDGET = 1500;
const IDENTITY_BUDGET = 3;
const IDENTITY_ROWS = 100;
/** Groups created at once by the one raw client that creates them. */
const GROUP_BATCH = 8;

let chain: DevChain | undefined;
let node: XmtpNode | undefined;
let site: ChatSite | undefined;
let browser: Browser | undefined;
let harnessBuild: HarnessBuild | undefined;
let harnessSite: StaticServer | undefined;
const closers: Array<{ close(): Promise<void> }> = [];

const quantile = (list: number[], q: number): number => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
};

const brotli = (file: string): number => brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Every node of the document, shadow roots included. A string: tsx's helpers do not exist in the page. */
const COUNT_NODES = `(() => {
  let n = 0;
  const walk = (root) => {
    const w = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    let node = w.currentNode;
    while (node) {
      n++;
      if (node.shadowRoot) walk(node.shadowRoot);
      node = w.nextNode();
    }
  };
  walk(document);
  return n;
})()`;

/** Reloads, clicks the launcher, and times (in the page) until the inbox shows its rows' count. */
async function openTimed(v: Visitor, total: number, deadlineMs = 180_000): Promise<number> {
  await v.page.reload();
  await v.page.waitForFunction(() => customElements.get('mask-chat') && document.querySelector('#chat')?.shadowRoot?.querySelector('[part~="launcher"]'));
  return v.page.evaluate(`new Promise((resolve, reject) => {
    const root = document.querySelector('#chat').shadowRoot;
    const t0 = performance.now();
    const deadline = setTimeout(() => reject(new Error('the inbox did not show ${total} conversations')), ${deadlineMs});
    const tick = () => {
      const connect = root.querySelector('[part~="connect-button"]');
      if (connect) connect.click();
      const tab = root.querySelector('#tab-requests');
      if (tab && tab.textContent.includes('(${total})')) {
        clearTimeout(deadline);
        resolve(performance.now() - t0);
      } else requestAnimationFrame(tick);
    };
    root.querySelector('[part~="launcher"]').click();
    requestAnimationFrame(tick);
  })`);
}

async function main(): Promise<number> {
  console.log(`kit: ${distDir()}; conversations ${CONVERSATIONS} (${DMS} DMs, ${CONVERSATIONS - DMS} groups)`);
  ensureDist(distDir(), { explicit: process.env.MASK_DIST !== undefined });
  [chain, node, browser, harnessBuild] = await Promise.all([startDevChain({ bulkNames: 0 }), startXmtpNode(), launchBrowser(), buildHarness()]);
  site = await startChatSite(chain, node.url);
  harnessSite = await startStaticServer({ root: harnessBuild.dir });
  const harnessUrl = `${harnessSite.url}/index.html`;
  const me = chain.deployment.accounts[1].address;

  // The visitor registers (one signature) and opens the inbox once.
  const visitor = await Visitor.open(browser, 'visitor', site.url({ account: 1 }));
  closers.push(visitor);
  await visitor.openChat();
  await visitor.connect();
  await visitor.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
  await visitor.chat.getByText('No conversations yet').waitFor({ timeout: 60_000 });

  // Groups first (older), then the DMs (newest: the first rows).
  const t0 = Date.now();
  const groups = CONVERSATIONS - DMS;
  if (groups > 0) {
    const creator = await User.inBrowser(browser, 'group-creator', harnessUrl);
    closers.push(creator);
    await creator.call('create', { apiUrl: node.url, privateKey: await creator.call('newPrivateKey') });
    for (let i = 0; i < groups; i += GROUP_BATCH) {
      const batch = Array.from({ length: Math.min(GROUP_BATCH, groups - i) }, (_, k) => i + k);
      await Promise.all(batch.map((n) => creator.call('createGroupWithAddresses', [me], `Bench group ${n + 1}`)));
      if ((i / GROUP_BATCH) % 25 === 0) console.log(`  groups: ${i + batch.length}/${groups} after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    await creator.close();
  }
  const tGroups = Date.now();
  // One page per DM writer, two at a time (each is a new wallet and installation).
  let next = 0;
  const writeDm = async (): Promise<void> => {
    while (next < DMS) {
      const n = next++;
      const writer = await User.inBrowser(browser!, `dm-${n}`, harnessUrl);
      try {
        await writer.call('create', { apiUrl: node!.url, privateKey: await writer.call('newPrivateKey') });
        const dm = await writer.call('createDmWithAddress', me);
        await writer.call('send', dm, `Hello from writer ${n + 1}`);
      } finally {
        await writer.close();
      }
      if (n % 20 === 19) console.log(`  DMs: ${n + 1}/${DMS} after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  };
  await Promise.all([writeDm(), writeDm()]);
  const created = (Date.now() - t0) / 1000;
  console.log(`created ${CONVERSATIONS} conversations in ${created.toFixed(0)} s (groups ${((tGroups - t0) / 1000).toFixed(0)} s, DMs ${((Date.now() - tGroups) / 1000).toFixed(0)} s)`);

  // The visitor sees them all once (welcomes processed), then the timed opens.
  const tabName = new RegExp(`^Requests \\(${CONVERSATIONS}\\)$`);
  const first = await openTimed(visitor, CONVERSATIONS, 900_000);
  console.log(`first open after they arrived (welcomes to process): ${first.toFixed(0)} ms`);
  const opens: number[] = [];
  for (let i = 0; i < 3; i++) opens.push(await openTimed(visitor, CONVERSATIONS));
  console.log(`opens (ms): ${opens.map((o) => o.toFixed(0)).join(', ')}`);

  // The Requests tab; identity requests for the first 100 rows (this load's lookups only: the reload emptied the caches).
  const rpc = chain.rpcUrl;
  const identityRequests: string[] = [];
  visitor.page.on('request', (r) => {
    const url = r.url();
    if (url.startsWith(rpc) && /"eth_call"/.test(r.postData() ?? '')) identityRequests.push(url);
    else if (url.includes('/graphql')) identityRequests.push(url);
  });
  await visitor.chat.getByRole('tab', { name: tabName }).click();
  const list = visitor.chat.locator('[part~="inbox-list"]');
  await visitor.chat.locator('[part~="inbox-row"]').first().waitFor();
  const top = (await visitor.page.evaluate(COUNT_NODES)) as number;
  // Scroll through the first 100 rows (60 px each), letting each window's lookups start.
  for (let y = 0; y <= IDENTITY_ROWS * 60; y += 300) {
    await list.evaluate((el, to) => el.scrollTo({ top: to }), y);
    await visitor.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  // The lookups settle: no new identity request for 2 s (the XMTP stream keeps the network busy: no "networkidle").
  for (let seen = -1, deadline = Date.now() + 60_000; seen !== identityRequests.length && Date.now() < deadline; ) {
    seen = identityRequests.length;
    await visitor.page.waitForTimeout(2000);
  }
  const identities = identityRequests.length;
  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await visitor.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const bottom = (await visitor.page.evaluate(COUNT_NODES)) as number;
  const dom = Math.max(top, bottom);
  console.log(`dom nodes: ${top} at the top, ${bottom} at the bottom; identity requests: ${identityRequests.map((u) => new URL(u).pathname).join(', ') || 'none'}`);

  const chunk = readdirSync(join(distDir(), 'chunks')).find((f) => /^chat-inbox-.*\.js$/.test(f));
  console.log(`inbox chunk: ${chunk ? `${chunk} ${brotli(join(distDir(), 'chunks', chunk))} B brotli` : 'not found'}; entry ${brotli(join(distDir(), 'mask-widgets.js'))} B brotli`);
  if (visitor.errors.length) console.log(`page errors: ${visitor.errors.join(' | ')}`);

  const ready = quantile(opens, 0.5);
  console.log(`conversations=${CONVERSATIONS} inbox_ready_ms=${Math.round(ready)} dom_nodes=${dom} identity_requests=${identities}`);
  return dom >= DOM_BUDGET || identities > IDENTITY_BUDGET ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error);
} finally {
  await Promise.allSettled(closers.map((c) => c.close()));
  await browser?.close().catch(() => {});
  await Promise.allSettled([site?.close(), node?.close(), chain?.close(), harnessSite?.close(), harnessBuild?.cleanup()]);
}
process.exit(code);
