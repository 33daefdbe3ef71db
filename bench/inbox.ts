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
 * `--dms` wallets one DM each (one message), and `--writers` group creators
 * the rest as groups with the visitor as member, created first so the DMs
 * are the newest rows. Nobody the visitor answered: every conversation is a
 * message request, so the numbers are those of the Requests tab.
 *
 * Setup: the visitor registers, then leaves the page while the others write
 * (an open client re-subscribes to every conversation at each new one: the
 * setup would grow with the square of N). It comes back once between the
 * groups and the DMs, so that the DMs are the newest rows (joining a group
 * stores a membership message, which the SDK's order by last activity
 * counts). The group creators work in parallel pages, `GROUP_BATCH` groups
 * at once each; each DM writer page creates its wallets' clients one after
 * another (no page per wallet). The visitor then opens the inbox once
 * (welcomes processed: timed, printed). `--state` keeps all of it for the
 * next runs.
 *
 * - inbox_ready_ms: the engine cached (the page's chat has started it and
 *   shown the inbox once), a second inbox (`<mask-chat mode="inline">`) is
 *   added to the page, its Requests tab chosen: from adding it to its first
 *   rows painted, measured in the page per animation frame. Median of 5. The
 *   list comes in steps (`chat-inbox.ts`): also printed, the time until the
 *   first screen's rows are filled in (peer, preview, count) and until all N
 *   are listed (the tab shows its count), the engine's own split
 *   (`mask-inbox-sync`: new conversations pulled from the node;
 *   `mask-inbox-list-<limit>`: the SDK's list calls), and the XMTP node's
 *   calls during each open.
 * - dom_nodes: every DOM node in the document (elements, text, comments;
 *   shadow roots included) with the Requests tab showing all N rows,
 *   the larger of the top and the bottom of the list.
 * - identity_requests: HTTP requests the page makes to the chain's RPC and the
 *   Lens API for the identities of the first 100 rows, after a reload (nothing
 *   cached): the list scrolled through them, counted once every one of them
 *   is filled in and no request has started for 2 s.
 *
 * Options: `--conversations N` (default 1000), `--dms D` (default 100),
 * `--writers W` (parallel writer pages, default 3), `--state DIR`: keep the
 * prepared run there (the node's log, the visitor's browser profile with its
 * XMTP database, the page's port) and reuse it when DIR already holds one of
 * the same size, skipping the setup (`npm run bench:inbox -- --state
 * /tmp/inbox-1000` twice: the second run only measures). Prints how long
 * creating them took, and the inbox chunk's brotli size. Exits 1 over budget:
 * dom_nodes >= 1500 or identity_requests > 3 (the inbox not showing every
 * conversation fails the run).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { startDevChain, type DevChain } from '../dev/chain/index.js';
import { startStaticServer, type StaticServer } from '../dev/demo/static-server.js';
import { User } from '../dev/xmtp-node/e2e/browser.js';
import { buildHarness, type HarnessBuild } from '../dev/xmtp-node/e2e/build.js';
import { startXmtpNode, type XmtpNode } from '../dev/xmtp-node/index.js';
import type { RequestLogEntry } from '../dev/xmtp-node/server.js';
import { ensureDist } from '../scripts/ensure-dist.js';
import { distDir, launchBrowser, startChatSite, Visitor, type ChatSite } from '../test/e2e/chat-page.js';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '1000' },
    dms: { type: 'string', default: '100' },
    writers: { type: 'string', default: '3' },
    state: { type: 'string' },
  },
});
const CONVERSATIONS = Number(values.conversations);
const DMS = Math.min(CONVERSATIONS, Number(values.dms));
const WRITERS = Math.max(1, Number(values.writers));
/** Where a prepared run is kept (`--state DIR`): the node's log, the visitor's browser profile, the page's port. */
const STATE = values.state ? resolve(values.state) : null;
interface Prepared {
  conversations: number;
  dms: number;
  pagePort: number;
}

/** A port free now (the page's, kept for the next runs: the visitor's XMTP database belongs to its origin). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}
const DOM_BUDGET = 1500;
const IDENTITY_BUDGET = 3;
const IDENTITY_ROWS = 100;
/** Groups created at once by each group creator. */
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

/** Adds a second inbox to the page (the engine already started by the page's chat) and times it: rows painted, first screen filled in, every row listed. */
async function openTimed(v: Visitor, total: number): Promise<{ painted: number; filled: number; listed: number }> {
  return v.page.evaluate(`new Promise((resolve, reject) => {
    document.querySelector('#bench-inbox')?.remove();
    performance.clearMeasures();
    const el = document.createElement('mask-chat');
    el.id = 'bench-inbox';
    el.setAttribute('mode', 'inline');
    const deadline = setTimeout(() => reject(new Error('the inbox did not list ${total} conversations')), 600000);
    let painted = 0, filled = 0, listed = 0;
    const t0 = performance.now();
    const tick = () => {
      const root = el.shadowRoot;
      const tab = root && root.querySelector('#tab-requests');
      if (tab && tab.getAttribute('aria-selected') !== 'true') tab.click();
      const rows = tab && tab.getAttribute('aria-selected') === 'true' ? [...root.querySelectorAll('[part~="inbox-row"]')] : [];
      const now = performance.now() - t0;
      if (!painted && rows.length) painted = now;
      if (!filled && rows.length && !rows.slice(0, 8).some((r) => /Loading…/.test(r.textContent))) filled = now;
      if (!listed && tab && tab.textContent.includes('(${total})')) listed = now;
      if (painted && filled && listed) {
        clearTimeout(deadline);
        resolve({ painted, filled, listed });
      } else requestAnimationFrame(tick);
    };
    document.body.append(el);
    requestAnimationFrame(tick);
  })`) as Promise<{ painted: number; filled: number; listed: number }>;
}

/** The engine's own measures of the last inbox load (`engine.ts`). */
const engineSplit = async (v: Visitor): Promise<string> =>
  (await v.page.evaluate(`performance.getEntriesByType('measure').filter((m) => m.name.startsWith('mask-inbox-')).map((m) => m.name.slice(11) + '=' + Math.round(m.duration)).join(' ')`)) as string;

/** The visitor registers (one signature), then leaves the page while the raw clients write to it. */
async function prepare(visitor: Visitor, pageUrl: string, me: string, harnessUrl: string): Promise<void> {
  await visitor.openChat();
  await visitor.connect();
  await visitor.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
  await visitor.chat.getByText('No conversations yet').waitFor({ timeout: 60_000 });
  await visitor.page.goto('about:blank');

  // Groups first (older), then the DMs (newest: the first rows).
  const t0 = Date.now();
  const since = (): string => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
  const groups = CONVERSATIONS - DMS;
  let nextGroup = 0;
  const createGroups = async (w: number): Promise<void> => {
    const creator = await User.inBrowser(browser!, `group-creator-${w}`, harnessUrl);
    try {
      await creator.call('create', { apiUrl: node!.url, privateKey: await creator.call('newPrivateKey') });
      while (nextGroup < groups) {
        const batch: number[] = [];
        while (batch.length < GROUP_BATCH && nextGroup < groups) batch.push(nextGroup++);
        await Promise.all(batch.map((n) => creator.call('createGroupWithAddresses', [me], `Bench group ${n + 1}`)));
        if (Math.floor(batch.at(-1)! / 100) !== Math.floor(batch[0] / 100) || batch.at(-1)! % 100 === 99) console.log(`  groups: ~${batch.at(-1)! + 1}/${groups} after ${since()}`);
      }
    } finally {
      await creator.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITERS, Math.ceil(groups / GROUP_BATCH)) }, (_, w) => createGroups(w)));
  const tGroups = Date.now();
  if (groups > 0 && DMS > 0) {
    // The visitor takes the groups in before the DMs arrive: joining a group stores a membership message, which
    // the SDK's order by last activity counts, so groups taken in with the DMs would list above them.
    await visitor.goto(pageUrl);
    await visitor.openChat();
    await visitor.connect();
    await visitor.chat.getByRole('tab', { name: new RegExp(`^Requests \\(${groups}\\)$`) }).waitFor({ timeout: 1_200_000 });
    console.log(`  the visitor took the groups in after ${since()}`);
    await visitor.page.goto('about:blank');
  }
  // Each writer page: one wallet's client after another (a new wallet and installation per DM).
  let nextDm = 0;
  const writeDms = async (w: number): Promise<void> => {
    const writer = await User.inBrowser(browser!, `dm-writer-${w}`, harnessUrl);
    try {
      while (nextDm < DMS) {
        const n = nextDm++;
        await writer.call('create', { apiUrl: node!.url, privateKey: await writer.call('newPrivateKey') });
        const dm = await writer.call('createDmWithAddress', me);
        await writer.call('send', dm, `Hello from writer ${n + 1}`);
        await writer.call('close');
        if (n % 20 === 19) console.log(`  DMs: ${n + 1}/${DMS} after ${since()}`);
      }
    } finally {
      await writer.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITERS, DMS) }, (_, w) => writeDms(w)));
  const created = (Date.now() - t0) / 1000;
  console.log(`created ${CONVERSATIONS} conversations in ${created.toFixed(0)} s (groups ${((tGroups - t0) / 1000).toFixed(0)} s, then DMs ${((Date.now() - tGroups) / 1000).toFixed(0)} s)`);
}

async function main(): Promise<number> {
  console.log(`kit: ${distDir()}; conversations ${CONVERSATIONS} (${DMS} DMs, ${CONVERSATIONS - DMS} groups), ${WRITERS} writer pages`);
  ensureDist(distDir(), { explicit: process.env.MASK_DIST !== undefined });
  const preparedFile = STATE ? join(STATE, 'prepared.json') : null;
  const prepared = preparedFile && existsSync(preparedFile) ? (JSON.parse(readFileSync(preparedFile, 'utf8')) as Prepared) : null;
  if (prepared && (prepared.conversations !== CONVERSATIONS || prepared.dms !== DMS)) {
    throw new Error(`${STATE} holds ${prepared.conversations} conversations (${prepared.dms} DMs), not ${CONVERSATIONS} (${DMS}): name another --state directory`);
  }
  if (STATE) mkdirSync(STATE, { recursive: true });
  const pagePort = prepared?.pagePort ?? (STATE ? await freePort() : undefined);
  const nodeLog: RequestLogEntry[] = [];
  [chain, node, browser, harnessBuild] = await Promise.all([
    startDevChain({ bulkNames: 0 }),
    startXmtpNode({ log: (e) => nodeLog.push(e), ...(STATE ? { dataDir: join(STATE, 'node') } : {}) }),
    launchBrowser(),
    buildHarness(),
  ]);
  site = await startChatSite(chain, node.url, undefined, pagePort);
  harnessSite = await startStaticServer({ root: harnessBuild.dir });
  const harnessUrl = `${harnessSite.url}/index.html`;
  const me = chain.deployment.accounts[1].address;

  const pageUrl = site.url({ account: 1 });
  const visitor = STATE ? await Visitor.persistent(join(STATE, 'visitor'), 'visitor', pageUrl) : await Visitor.open(browser, 'visitor', pageUrl);
  closers.push(visitor);
  visitor.page.on('pageerror', (e) => console.log(`page error: ${e.stack ?? e}`));
  if (prepared) console.log(`prepared state in ${STATE}: ${CONVERSATIONS} conversations on the node, the visitor's installation in its profile`);
  else await prepare(visitor, pageUrl, me, harnessUrl);

  // The visitor comes back: the page's chat starts the engine and shows the inbox (the welcomes processed).
  await visitor.goto(pageUrl);
  const tBack = Date.now();
  await visitor.openChat();
  await visitor.connect();
  await visitor.chat.getByRole('tab', { name: new RegExp(`^Requests \\(${CONVERSATIONS}\\)$`) }).waitFor({ timeout: 1_200_000 });
  console.log(`${prepared ? 'first open' : 'first open after they arrived (engine start, welcomes to process)'}: ${Date.now() - tBack} ms`);
  if (preparedFile && !prepared) writeFileSync(preparedFile, JSON.stringify({ conversations: CONVERSATIONS, dms: DMS, pagePort } satisfies Prepared));

  // The timed opens: a second inbox on the page, the engine cached.
  const painted: number[] = [];
  const filled: number[] = [];
  const listed: number[] = [];
  for (let i = 0; i < 5; i++) {
    // The previous inbox's fill-in settles (its first 100 rows), so the opens do not overlap.
    await visitor.page.waitForTimeout(5000);
    const logFrom = nodeLog.length;
    const open = await openTimed(visitor, CONVERSATIONS);
    painted.push(open.painted);
    filled.push(open.filled);
    listed.push(open.listed);
    const calls = new Map<string, { n: number; ms: number }>();
    for (const e of nodeLog.slice(logFrom)) {
      if (e.stream) continue;
      const c = calls.get(e.method.split('/').pop()!) ?? { n: 0, ms: 0 };
      c.n++;
      c.ms += e.ms;
      calls.set(e.method.split('/').pop()!, c);
    }
    const node = [...calls].map(([m, c]) => `${m} x${c.n} ${Math.round(c.ms)}ms`).join(', ') || 'none';
    console.log(`  open ${i + 1}: painted ${Math.round(open.painted)} ms, first screen filled ${Math.round(open.filled)} ms, all ${CONVERSATIONS} listed ${Math.round(open.listed)} ms; engine: ${await engineSplit(visitor)}; node: ${node}`);
  }

  // The Requests tab after a reload (nothing cached); identity requests for the first 100 rows.
  const rpc = chain.rpcUrl;
  const identityRequests: string[] = [];
  visitor.page.on('request', (r) => {
    const url = r.url();
    if (url.startsWith(rpc) && /"eth_call"/.test(r.postData() ?? '')) identityRequests.push(url);
    else if (url.includes('/graphql')) identityRequests.push(url);
  });
  await visitor.goto(pageUrl);
  await visitor.openChat();
  await visitor.connect();
  await visitor.chat.getByRole('tab', { name: new RegExp(`^Requests \\(${CONVERSATIONS}\\)$`) }).click({ timeout: 600_000 });
  const scroller = visitor.chat.locator('[part~="inbox-list"]');
  await visitor.chat.locator('[part~="inbox-row"]').first().waitFor();
  const top = (await visitor.page.evaluate(COUNT_NODES)) as number;
  // Scroll through the first 100 rows (60 px each), each window until its rows are filled in.
  const rows = Math.min(IDENTITY_ROWS, CONVERSATIONS);
  for (let y = 0; y <= rows * 60; y += 300) {
    await scroller.evaluate((el, to) => el.scrollTo({ top: to }), y);
    await visitor.page.waitForFunction(
      (root) => ![...(root?.querySelectorAll('[part~="inbox-row"]') ?? [])].some((r) => /Loading…/.test(r.textContent ?? '')),
      await visitor.chat.evaluateHandle((el) => el.shadowRoot),
      { timeout: 600_000 },
    );
  }
  // The lookups settle: no new identity request for 2 s (the XMTP stream keeps the network busy: no "networkidle").
  for (let seen = -1, deadline = Date.now() + 60_000; seen !== identityRequests.length && Date.now() < deadline; ) {
    seen = identityRequests.length;
    await visitor.page.waitForTimeout(2000);
  }
  const identities = identityRequests.length;
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await visitor.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const bottom = (await visitor.page.evaluate(COUNT_NODES)) as number;
  const dom = Math.max(top, bottom);
  console.log(`dom nodes: ${top} at the top, ${bottom} at the bottom; identity requests: ${identityRequests.map((u) => new URL(u).pathname).join(', ') || 'none'}`);

  const chunk = readdirSync(join(distDir(), 'chunks')).find((f) => /^chat-inbox-.*\.js$/.test(f));
  console.log(`inbox chunk: ${chunk ? `${chunk} ${brotli(join(distDir(), 'chunks', chunk))} B brotli` : 'not found'}; entry ${brotli(join(distDir(), 'mask-widgets.js'))} B brotli`);
  if (visitor.errors.length) console.log(`page errors: ${visitor.errors.join(' | ')}`);
  const consoleErrors = visitor.console.filter((line) => !/Failed to load resource/.test(line));
  if (consoleErrors.length) console.log(`console errors (${consoleErrors.length}): ${consoleErrors.slice(0, 10).join(' | ')}`);

  const list = (xs: number[]): string => `${xs.map((o) => o.toFixed(0)).join(', ')} (median ${Math.round(quantile(xs, 0.5))})`;
  console.log(`painted (ms): ${list(painted)}; first screen filled in (ms): ${list(filled)}; all ${CONVERSATIONS} listed (ms): ${list(listed)}`);
  console.log(`conversations=${CONVERSATIONS} inbox_ready_ms=${Math.round(quantile(painted, 0.5))} dom_nodes=${dom} identity_requests=${identities}`);
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
