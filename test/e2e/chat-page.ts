/**
 * A minimal host page for the `<mask-chat>` end-to-end tests and the chat
 * benchmark: one origin serves the page (with the dev wallet), another serves
 * the built kit like a CDN. `?account=N&peer=…&attrs=…` pick the wallet
 * account and the chat's attributes; `csp=1` adds a strict Content-Security-Policy
 * that omits `'wasm-unsafe-eval'` (the engine then cannot start).
 */
import { mkdtempSync, promises as fs, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { startDevChain, type DevChain } from '../../dev/chain/index.js';
import { devKitChain } from '../../dev/chain/kit-chain.js';
import { startStaticServer } from '../../dev/demo/static-server.js';
import { buildDevWallet } from '../../dev/wallet/build.js';
import { startXmtpNode, type RequestLogEntry, type XmtpNode } from '../../dev/xmtp-node/index.js';

export interface ChatSite {
  pageUrl: string;
  cdnUrl: string;
  /** Paths requested from the kit's origin, in order. */
  cdnRequests: string[];
  /** `web3bioUrl`: turns the kit's web3.bio source on, pointed there (a local stand-in). */
  /** `account`: a dev account's index, or `'smart'` for the dev chain's ERC-1271 smart account. */
  url(options: { account: number | 'smart'; peer?: string; attrs?: Record<string, string>; csp?: boolean; xmtpUrl?: string; web3bioUrl?: string }): string;
  close(): Promise<void>;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const distDir = (): string => process.env.MASK_DIST ?? join(process.cwd(), 'dist');

/**
 * `historyUrl`: the node's message-history service, the kit's `xmtp.historySyncUrl` (device sync).
 * `pagePort`: the page's port (its origin owns the visitors' XMTP databases), free when omitted.
 */
export async function startChatSite(chain: DevChain, xmtpUrl: string, historyUrl?: string, pagePort?: number): Promise<ChatSite> {
  const tmp = mkdtempSync(join(tmpdir(), 'mask-chat-site-'));
  const walletFile = join(tmp, 'dev-wallet.js');
  await buildDevWallet(walletFile);
  const cdnRequests: string[] = [];
  const cdn = await startStaticServer({ root: distDir(), cors: true, precompressed: true, onRequest: (path) => cdnRequests.push(path) });
  const { deployment } = chain;
  const page = await startStaticServer({
    root: tmp,
    ...(pagePort ? { port: pagePort } : {}),
    handle: async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://page');
      if (url.pathname === '/dev-wallet.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        res.end(await fs.readFile(walletFile));
        return true;
      }
      if (url.pathname === '/config.js') {
        // `account=smart`: the dev chain's ERC-1271 smart account, signed for by its owner (dev account 8).
        const which = url.searchParams.get('account') ?? '1';
        const account = which === 'smart' ? deployment.contracts.smartAccount : deployment.accounts[Number(which)].address;
        const config = {
          chains: [devKitChain(deployment)],
          defaultChain: chain.chainId,
          ensChain: chain.chainId,
          xmtp: { env: 'local', apiUrl: url.searchParams.get('xmtp') || xmtpUrl, ...(historyUrl ? { historySyncUrl: historyUrl } : {}) },
          lensApiUrl: 'http://127.0.0.1:9/graphql',
          // web3.bio (on by default) only when a test names its stand-in: this machine has no internet.
          web3bioApiUrl: url.searchParams.get('web3bio') || false,
        };
        const wallet = { chains: { [chain.chainId]: chain.rpcUrl }, chainId: chain.chainId, account, smartAccounts: { [deployment.contracts.smartAccount]: deployment.smartAccountOwner } };
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        res.end(`window.__MASK_DEV__ = ${JSON.stringify(wallet)};
window.MaskWidgets = window.MaskWidgets || [];
window.MaskWidgets.push(['configure', ${JSON.stringify(config)}]);
window.chatEvents = [];
for (const type of ['mask-error', 'mask-chat-open', 'mask-chat-close', 'mask-message-sent', 'mask-message-received', 'mask-chat-conversation-open', 'mask-unread-change']) {
  document.addEventListener(type, (e) => window.chatEvents.push({ type, code: e.code, detail: 'detail' in e ? e.detail : undefined }));
}`);
        return true;
      }
      if (url.pathname !== '/') return false;
      const attrs = JSON.parse(url.searchParams.get('attrs') ?? '{}') as Record<string, string>;
      const peer = url.searchParams.get('peer') ?? '';
      const escape = (s: string) => s.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
      const attributes = Object.entries({ peer, ...attrs })
        .map(([k, v]) => `${k}="${escape(v)}"`)
        .join(' ');
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
      if (url.searchParams.get('csp')) {
        // Everything the chat needs except 'wasm-unsafe-eval': the worker starts, its wasm cannot compile.
        const api = url.searchParams.get('xmtp') || xmtpUrl;
        headers['content-security-policy'] = `default-src 'self'; script-src 'self' ${cdn.url}; worker-src blob: ${cdn.url}; connect-src 'self' ${cdn.url} ${api} ${chain.rpcUrl}; style-src 'self'`;
      }
      res.writeHead(200, headers);
      res.end(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Chat test page</title>
    <script src="/config.js?account=${encodeURIComponent(url.searchParams.get('account') ?? '1')}&xmtp=${encodeURIComponent(url.searchParams.get('xmtp') ?? '')}&web3bio=${encodeURIComponent(url.searchParams.get('web3bio') ?? '')}"></script>
    <script src="/dev-wallet.js"></script>
    <script type="module" src="${cdn.url}/mask-widgets.js"></script>
  </head>
  <body>
    <main><h1>Chat test page</h1><p>A host page.</p></main>
    <mask-chat id="chat" ${attributes}></mask-chat>
  </body>
</html>`);
      return true;
    },
  });
  return {
    pageUrl: `${page.url}/`,
    cdnUrl: cdn.url,
    cdnRequests,
    url: ({ account, peer, attrs, csp, xmtpUrl: xmtp, web3bioUrl }) => {
      const q = new URLSearchParams({ account: String(account), peer: peer ?? '' });
      if (attrs) q.set('attrs', JSON.stringify(attrs));
      if (csp) q.set('csp', '1');
      if (xmtp) q.set('xmtp', xmtp);
      if (web3bioUrl) q.set('web3bio', web3bioUrl);
      return `${page.url}/?${q}`;
    },
    close: async () => {
      await Promise.all([page.close(), cdn.close()]);
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** What a chat test file runs against: started before its tests, stopped after them. */
export interface ChatSuite {
  readonly chain: DevChain;
  readonly node: XmtpNode;
  readonly site: ChatSite;
  readonly browser: Browser;
  /** Every call the node answered, in order. */
  readonly log: RequestLogEntry[];
  /** Every visitor opened with `visit` (closed after the file). */
  readonly visitors: Visitor[];
  visit(name: string, url: string): Promise<Visitor>;
  /** Dev account `i`'s address. */
  address(i: number): `0x${string}`;
}

/**
 * Registers the file's `before`/`after` hooks: the dev chain, the local XMTP node
 * (with its request log), Chromium and the chat site; everything stops after the
 * file, visitors first. Call once at the top of a test file.
 */
export function chatSuite(): ChatSuite {
  const log: RequestLogEntry[] = [];
  const visitors: Visitor[] = [];
  const started = {} as { chain: DevChain; node: XmtpNode; site: ChatSite; browser: Browser };
  before(async () => {
    [started.chain, started.node, started.browser] = await Promise.all([startDevChain({ bulkNames: 0 }), startXmtpNode({ log: (e) => log.push(e) }), launchBrowser()]);
    // Smart accounts on the dev chain can register: the node checks their ERC-1271 signatures there.
    started.node.scw.addChain(started.chain.chainId, started.chain.rpcUrl);
    started.site = await startChatSite(started.chain, started.node.url, started.node.historyUrl);
  });
  after(async () => {
    await Promise.allSettled(visitors.map((v) => v.close()));
    await started.browser?.close().catch(() => {});
    await Promise.allSettled([started.site?.close(), started.node?.close(), started.chain?.close()]);
  });
  return {
    get chain() {
      return started.chain;
    },
    get node() {
      return started.node;
    },
    get site() {
      return started.site;
    },
    get browser() {
      return started.browser;
    },
    log,
    visitors,
    async visit(name, url) {
      const v = await Visitor.open(started.browser, name, url);
      visitors.push(v);
      return v;
    },
    address: (i) => started.chain.deployment.accounts[i].address,
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
}

/** One simulated visitor: a browser context (its own OPFS) and a page. */
export class Visitor {
  readonly errors: string[] = [];
  readonly console: string[] = [];
  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    public page: Page,
  ) {
    this.#watch(page);
  }

  #watch(page: Page): void {
    page.on('pageerror', (e) => this.errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') this.console.push(m.text().slice(0, 300));
    });
  }

  static async open(browser: Browser, name: string, url: string): Promise<Visitor> {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', permissions: ['clipboard-read', 'clipboard-write'] });
    const visitor = new Visitor(name, context, await context.newPage());
    await visitor.goto(url);
    return visitor;
  }

  /** A visitor whose storage (its XMTP database in OPFS) is kept in `userDataDir` across runs: its own browser process. */
  static async persistent(userDataDir: string, name: string, url: string): Promise<Visitor> {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: findChromium(),
      args: CHROMIUM_ARGS,
      headless: true,
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    const visitor = new Visitor(name, context, context.pages()[0] ?? (await context.newPage()));
    await visitor.goto(url);
    return visitor;
  }

  /** Another tab of the same origin and storage. */
  async newTab(url: string): Promise<Visitor> {
    const page = await this.context.newPage();
    const tab = new Visitor(`${this.name}-tab`, this.context, page);
    await tab.goto(url);
    return tab;
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.waitForFunction(() => customElements.get('mask-chat'));
  }

  get chat() {
    return this.page.locator('#chat');
  }

  /** Opens the launcher panel (no-op inline). */
  async openChat(): Promise<void> {
    if ((await this.chat.getAttribute('mode')) === 'inline') return;
    if ((await this.chat.getAttribute('open')) === null) await this.chat.getByRole('button', { name: /^Open chat/ }).click();
  }

  /** Opens the chat, connects the wallet and, when asked, signs: until the conversation shows. */
  async enableChat(options: { expectSignature: boolean }): Promise<void> {
    await this.openChat();
    await this.connect();
    if (options.expectSignature) {
      await this.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    }
    await this.chat.locator('[part~="composer"]').waitFor({ timeout: 60_000 });
  }

  /** Clicks the chat's "Connect wallet" (a returning visitor may already be connected). */
  async connect(): Promise<void> {
    const connect = this.chat.getByRole('button', { name: 'Connect wallet' });
    const ahead = this.chat.locator('[part~="progress"], [part~="sign-button"], [part~="composer"], [part~="account"], [part~="error"]').first();
    await Promise.race([connect.waitFor({ timeout: 30_000 }), ahead.waitFor({ timeout: 30_000 })]);
    if (await connect.isVisible()) await connect.click();
  }

  async send(text: string): Promise<void> {
    const input = this.chat.getByRole('textbox', { name: /^Message/ });
    await input.fill(text);
    await input.press('Enter');
  }

  /** Texts of the message bubbles, in order. */
  bubbles(): Promise<string[]> {
    return this.chat.locator('[part~="bubble"] [part~="text"]').allInnerTexts();
  }

  /** axe violations inside the chat (shadow DOM included), as `id: target` lines. */
  async axe(): Promise<string[]> {
    if (!(await this.page.evaluate(() => 'axe' in window))) await this.page.addScriptTag({ content: axeSource });
    return this.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run({ include: [['#chat']] }, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    });
  }

  signatures(): Promise<number> {
    return this.page.evaluate(() => window.maskDevWallet!.calls.filter((c) => c.method === 'personal_sign').length);
  }

  events(): Promise<Array<{ type: string; code?: string; detail?: { id: string; text: string; conversationId?: string; peerAddress?: string | null; total?: number } }>> {
    return this.page.evaluate(() => (window as unknown as { chatEvents: [] }).chatEvents);
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
  }
}

/** Polls until `check` returns something truthy. */
export async function until<T>(what: string, check: () => Promise<T> | T, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
