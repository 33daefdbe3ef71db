/**
 * `npm run bench:badges`: how fast 100 badges settle, and how many HTTP
 * requests they make to the chain.
 *
 * Builds the kit (production bundle, into a temporary directory), starts the
 * dev chain and the local Lens and web3.bio API stand-ins, serves a page that renders 100
 * `<mask-id-badge>` for the 100 distinct seeded addresses (`fan001.eth`…), and
 * opens it in headless Chromium twice: once with the kit's RPC batching turned
 * off (every call its own HTTP request), once as shipped (viem JSON-RPC
 * batching + multicall through the shared identity service). The RPC is
 * reached through a same-origin proxy that counts requests. `settled_ms` runs
 * from inserting the badges until every one has resolved (lazy chunks
 * included); `longest_frame_ms` is the longest time between two frames the
 * page rendered meanwhile (a requestAnimationFrame loop from just before the
 * insert until every badge has resolved): how long the page was frozen at
 * worst. A time, so a figure here and not a test assertion (the browser test
 * asserts what holds on any machine: batched requests, the page running
 * other tasks between them). The last line is the shipped configuration:
 *
 *   badges=100 rpc_requests=N settled_ms=M longest_frame_ms=F web3bio_requests=W
 *
 * (`web3bio_requests`: requests to the web3.bio stand-in standing for its default URL: 0, since
 * web3.bio is asked only when a card opens; opening cards at once shares one request per 30.)
 *
 * Exits 1 if a badge shows the wrong name or the run fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startDevChain, type DevChain } from '../dev/chain/index.js';
import { startStaticServer, type StaticServer } from '../dev/demo/static-server.js';
import { launchChromium } from '../test/support/browser.js';
import { devLensAccounts, startLensServer, type LensServer } from '../test/support/lens-server.js';
import { devWeb3bioIdentities, startWeb3bioServer, type Web3bioServer } from '../test/support/web3bio-server.js';

const COUNT = 100;

interface Run {
  batch: boolean;
  rpcRequests: number;
  lensRequests: number;
  web3bioRequests: number;
  settledMs: number;
  longestFrameMs: number;
  wrong: string[];
}

function page(chain: DevChain, lensUrl: string, web3bioUrl: string): string {
  const config = {
    chains: [
      {
        id: chain.chainId,
        key: 'dev',
        name: 'Mask Dev Chain',
        rpcUrls: ['/rpc'],
        contracts: { ensUniversalResolver: chain.deployment.contracts.ensUniversalResolver, multicall3: chain.deployment.contracts.multicall3 },
      },
    ],
    defaultChain: chain.chainId,
    ensChain: chain.chainId,
    lensApiUrl: lensUrl,
    web3bioApiUrl: web3bioUrl,
  };
  const bulk = chain.deployment.bulk.slice(0, COUNT);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>bench: ${COUNT} badges</title>
<style>body { font: 14px system-ui; margin: 8px } ul { display: grid; grid-template-columns: repeat(5, 1fr); gap: 4px; list-style: none; padding: 0 }</style></head>
<body>
<ul id="list"></ul>
<script type="module">
  import { getDefaultKit } from './mask-widgets.js';
  const config = ${JSON.stringify(config)};
  config.chains[0].rpcUrls = [location.origin + '/rpc'];
  const kit = getDefaultKit();
  kit.configure(config);
  if (new URLSearchParams(location.search).get('batch') === 'off') {
    // Bench only: the same kit with JSON-RPC batching and multicall turned off.
    const client = kit.client.bind(kit);
    kit.client = (chain) => client(chain, { batch: false });
  }
  const bulk = ${JSON.stringify(bulk)};
  await customElements.whenDefined('mask-id-badge');
  // The longest gap between two rendered frames while the badges settle.
  let longest = 0;
  let last = performance.now();
  let framing = true;
  const frame = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (framing) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const t0 = performance.now();
  document.getElementById('list').innerHTML = bulk.map((b) => '<li><mask-id-badge variant="compact" size="sm" address="' + b.address + '"></mask-id-badge></li>').join('');
  const badges = [...document.querySelectorAll('mask-id-badge')];
  const done = () => badges.every((b) => b.matches(':state(resolved), :state(error)'));
  while (!done()) await new Promise((r) => requestAnimationFrame(r));
  const settledMs = Math.round(performance.now() - t0);
  framing = false;
  const longestFrameMs = Math.round(Math.max(longest, performance.now() - last));
  await Promise.all(badges.map((b) => b.updateComplete));
  const wrong = badges.map((b, i) => [b.shadowRoot.querySelector('[part~="name"]')?.textContent ?? '(none)', bulk[i].name]).filter(([got, want]) => got !== want).map(([got, want]) => got + ' != ' + want);
  window.__bench = { settledMs, longestFrameMs, wrong };
</script>
</body>
</html>`;
}

async function measure(browser: Browser, server: StaticServer, counter: { rpc: number }, lens: LensServer, web3bio: Web3bioServer, batch: boolean): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
  try {
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    counter.rpc = 0;
    const lensBefore = lens.requests.length;
    const web3bioBefore = web3bio.requests.length;
    await tab.goto(`${server.url}/bench.html?batch=${batch ? 'on' : 'off'}`);
    await tab.waitForFunction(() => (window as { __bench?: unknown }).__bench, null, { timeout: 120_000, polling: 50 });
    const result = (await tab.evaluate(() => (window as { __bench?: unknown }).__bench)) as { settledMs: number; longestFrameMs: number; wrong: string[] };
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { batch, rpcRequests: counter.rpc, lensRequests: lens.requests.length - lensBefore, web3bioRequests: web3bio.requests.length - web3bioBefore, settledMs: result.settledMs, longestFrameMs: result.longestFrameMs, wrong: result.wrong };
  } finally {
    await context.close();
  }
}

/** Forwards `POST /rpc` to anvil, counting each HTTP request. */
function rpcProxy(target: string, counter: { rpc: number }) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!req.url?.startsWith('/rpc')) return false;
    counter.rpc++;
    const upstream = httpRequest(target, { method: req.method, headers: { 'content-type': 'application/json' } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json' });
      answer.pipe(res);
    });
    upstream.on('error', (error) => res.writeHead(502).end(String(error)));
    req.pipe(upstream);
    return true;
  };
}

async function main(): Promise<number> {
  const dist = mkdtempSync(join(tmpdir(), 'mask-bench-'));
  let chain: DevChain | undefined;
  let lens: LensServer | undefined;
  let web3bio: Web3bioServer | undefined;
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  try {
    process.stderr.write('building the kit… ');
    execFileSync('npx', ['rollup', '-c', '--silent', '-d', dist], { stdio: ['ignore', 'ignore', 'inherit'] });
    process.stderr.write('starting the dev chain… ');
    chain = await startDevChain();
    lens = await startLensServer({ accounts: devLensAccounts(chain.deployment) });
    web3bio = await startWeb3bioServer({ identities: devWeb3bioIdentities(chain.deployment) });
    const counter = { rpc: 0 };
    const html = page(chain, lens.url, web3bio.url);
    const proxy = rpcProxy(chain.rpcUrl, counter);
    server = await startStaticServer({
      root: dist,
      precompressed: true,
      handle: (req, res) => {
        if (req.url?.startsWith('/bench.html')) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
          return true;
        }
        return proxy(req, res);
      },
    });
    browser = await launchChromium();
    process.stderr.write('measuring.\n');
    const runs: Run[] = [];
    for (const batch of [false, true]) runs.push(await measure(browser, server, counter, lens, web3bio, batch));
    let failed = false;
    for (const run of runs) {
      const line = `badges=${COUNT} rpc_requests=${run.rpcRequests} settled_ms=${run.settledMs} longest_frame_ms=${run.longestFrameMs}`;
      console.log(`${run.batch ? 'batching on: ' : 'batching off:'} ${line} lens_requests=${run.lensRequests} web3bio_requests=${run.web3bioRequests}`);
      if (run.wrong.length) {
        failed = true;
        console.error(`  ${run.wrong.length} badges show the wrong name, e.g. ${run.wrong.slice(0, 3).join(', ')}`);
      }
    }
    const shipped = runs.find((r) => r.batch)!;
    console.log(`badges=${COUNT} rpc_requests=${shipped.rpcRequests} settled_ms=${shipped.settledMs} longest_frame_ms=${shipped.longestFrameMs} web3bio_requests=${shipped.web3bioRequests}`);
    return failed ? 1 : 0;
  } finally {
    await browser?.close();
    await server?.close();
    await lens?.close();
    await web3bio?.close();
    await chain?.close();
    rmSync(dist, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
