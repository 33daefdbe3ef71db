// Sends messages between two real browser clients through the dev node and measures the
// latency from sendText to the other side's stream.
//
//   node --import tsx dev/xmtp-node/bench.ts [--messages 200]
//
// Both pages report to this process through page.exposeFunction, and this process stamps each
// report with its own performance.now(): one clock for both ends. The sender reports just
// before calling sendText, the receiver when streamAllMessages hands it the message. The last
// line is `messages=N p50_ms=X p95_ms=Y lost=L duplicated=D`; the exit code is 1 when a
// message was lost or duplicated.

import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser, User, waitFor } from './e2e/browser.js';
import { buildHarness, type HarnessBuild } from './e2e/build.js';
import { serveStatic, type StaticServer } from './e2e/static-server.js';
import { startXmtpNode, type XmtpNode } from './index.js';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '200' } } });
const COUNT = Number(values.messages);
if (!Number.isInteger(COUNT) || COUNT <= 0) throw new Error('--messages must be a positive integer');

const info = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** Nearest-rank percentile. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function main(): Promise<number> {
  let build: HarnessBuild | undefined;
  let statics: StaticServer | undefined;
  let node: XmtpNode | undefined;
  let browser: Browser | undefined;
  const users: User[] = [];
  try {
    [build, node, browser] = await Promise.all([buildHarness(), startXmtpNode(), launchBrowser()]);
    statics = await serveStatic(build.dir);
    const pageUrl = `${statics.url}/index.html`;
    const [alice, bob] = await Promise.all([User.inBrowser(browser, 'alice', pageUrl), User.inBrowser(browser, 'bob', pageUrl)]);
    users.push(alice, bob);

    const sentAt = new Map<string, number>();
    const receivedAt = new Map<string, number>();
    const receipts = new Map<string, number>();
    await alice.page.exposeFunction('__report', async (kind: string, text: string) => {
      if (kind === 'send') sentAt.set(text, performance.now());
    });
    await bob.page.exposeFunction('__report', async (kind: string, text: string) => {
      if (kind !== 'recv') return;
      const now = performance.now();
      receipts.set(text, (receipts.get(text) ?? 0) + 1);
      if (!receivedAt.has(text)) receivedAt.set(text, now);
    });

    const [a, b] = await Promise.all([
      alice.call('create', { apiUrl: node.url, privateKey: await alice.call('newPrivateKey'), appVersion: 'bench-alice' }),
      bob.call('create', { apiUrl: node.url, privateKey: await bob.call('newPrivateKey'), appVersion: 'bench-bob' }),
    ]);
    await bob.call('startStream');
    const dm = await alice.call('createDm', b.inboxId);
    // Warm up: bob joins the DM through its welcome and its stream takes the group in.
    await alice.call('send', dm, 'warm-up');
    await waitFor('the warm-up message', () => receivedAt.has('warm-up'), 30_000);
    info(`alice ${a.inboxId.slice(0, 8)} -> bob ${b.inboxId.slice(0, 8)} through ${node.url}; sending ${COUNT} messages`);

    const run = Math.random().toString(36).slice(2, 8);
    const texts = Array.from({ length: COUNT }, (_, i) => `bench ${run} #${i}`);
    const started = performance.now();
    await alice.call('sendMany', dm, texts);
    const sendSeconds = (performance.now() - started) / 1000;
    // Wait for the stragglers: until all arrived, or nothing new arrived for 15 s.
    let last = -1;
    let quietSince = performance.now();
    while (texts.some((t) => !receivedAt.has(t)) && performance.now() - quietSince < 15_000) {
      const now = texts.filter((t) => receivedAt.has(t)).length;
      if (now !== last) [last, quietSince] = [now, performance.now()];
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500)); // let a late duplicate show up if there is one

    const latencies = texts
      .filter((t) => receivedAt.has(t) && sentAt.has(t))
      .map((t) => receivedAt.get(t)! - sentAt.get(t)!)
      .sort((x, y) => x - y);
    const lost = texts.filter((t) => !receivedAt.has(t)).length;
    const duplicated = texts.reduce((n, t) => n + Math.max(0, (receipts.get(t) ?? 0) - 1), 0);
    const history = await bob.call('messages', dm);
    const inHistory = new Set(history.map((m) => m.text));
    info(`sent in ${sendSeconds.toFixed(1)} s (${(COUNT / sendSeconds).toFixed(1)} msg/s); ` +
      `min ${latencies[0]?.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms; ` +
      `bob's history holds ${texts.filter((t) => inHistory.has(t)).length}/${COUNT}`);
    const serverMs = (method: string) => {
      const ms = node!.requestLog.filter((e) => e.method.endsWith(`/${method}`)).map((e) => e.ms).sort((x, y) => x - y);
      return `${method} x${ms.length} p50 ${percentile(ms, 50).toFixed(1)} ms p95 ${percentile(ms, 95).toFixed(1)} ms`;
    };
    info(`time spent in the node: ${serverMs('SendGroupMessages')}; ${serverMs('QueryGroupMessages')}`);
    console.log(
      `messages=${COUNT} p50_ms=${Math.round(percentile(latencies, 50))} p95_ms=${Math.round(percentile(latencies, 95))} lost=${lost} duplicated=${duplicated}`,
    );
    return lost > 0 || duplicated > 0 ? 1 : 0;
  } finally {
    await Promise.allSettled(users.map((u) => u.close()));
    await browser?.close().catch(() => {});
    await Promise.allSettled([node?.close(), statics?.close(), build?.cleanup()]);
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[bench] failed: ${(err as Error).stack ?? err}`);
    process.exit(2);
  },
);
