/**
 * The demo as a visitor meets it: the blog page on one origin loads the built
 * kit from another, the visitor connects the dev wallet once, and every
 * widget on the page shows the account.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startDevChain, type DevChain } from '../../dev/chain/index.js';
import { startDemo, type Demo } from '../../dev/demo/server.js';
import { launchChromium } from '../support/browser.js';
import { devLensAccounts, startLensServer, type LensServer } from '../support/lens-server.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../dev/start-options.js';
import { startNpmStart, type NpmStart } from '../support/npm-start.js';
import { until, Visitor } from './chat-page.js';

let chain: DevChain;
let lens: LensServer;
let demo: Demo;
let browser: Browser;

before(async () => {
  chain = await startDevChain({ bulkNames: 0 });
  lens = await startLensServer({ accounts: devLensAccounts(chain.deployment) });
  demo = await startDemo({ chain, lensUrl: lens.url });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await demo?.close();
  await lens?.close();
  await chain?.close();
});

async function openDemo(query = ''): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(demo.pageUrl + query);
  await page.waitForFunction(() => customElements.get('mask-tip') && customElements.get('mask-id-badge'));
  return { page, errors };
}

test('the kit loads from another origin than the page', async () => {
  assert.notEqual(new URL(demo.pageUrl).origin, new URL(demo.cdnUrl).origin);
  const { page, errors } = await openDemo();
  assert.equal(await page.evaluate(() => (window.MaskWidgets as { version: string }).version), JSON.parse(await import('node:fs').then((fs) => fs.readFileSync('package.json', 'utf8'))).version);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('connect once in the tip widget: the header badge and the tip both show the account', async () => {
  const { page, errors } = await openDemo();
  const alice = chain.deployment.accounts[1].address;
  const short = `${alice.slice(0, 6)}…${alice.slice(-4)}`;
  // Before connecting, the header badge says so.
  await page.locator('#me').getByText('Not connected').waitFor();
  await page.locator('#tip').getByRole('button', { name: 'Tip' }).click();
  // One wallet on the page: the dialog connects to it straight away.
  await page.locator('#me').getByText(short).waitFor({ timeout: 10_000 });
  await page.locator('#tip').getByText(`Connected as ${short}`).waitFor();
  assert.equal(await page.locator('#me').getAttribute('address'), null, 'the header badge follows the wallet, it has no address of its own');
  // The dialog closed on success and focus went back to the tip button.
  assert.equal(await page.locator('mask-connect-dialog dialog[open]').count(), 0);
  // The chat launcher, a third widget, knows too.
  await page.locator('#chat').getByRole('button', { name: 'Open chat' }).click();
  await page.locator('#chat').getByText(`Connected as ${short}`).waitFor();
  await page.screenshot({ path: 'test-results/demo-connected.png', fullPage: true });
  // The wallet switches account: every widget follows.
  const bob = chain.deployment.accounts[2].address;
  await page.evaluate((a) => window.maskDevWallet!.setAccount(a), bob);
  await page.locator('#me').getByText(`${bob.slice(0, 6)}…${bob.slice(-4)}`).waitFor();
  await page.locator('#tip').getByText(`Connected as ${bob.slice(0, 6)}…${bob.slice(-4)}`).waitFor();
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a rejected connection shows a sentence and a retry that works', async () => {
  const { page } = await openDemo();
  await page.evaluate(() => window.maskDevWallet!.rejectNext('eth_requestAccounts'));
  const codes: string[] = [];
  await page.exposeFunction('recordError', (code: string) => codes.push(code));
  await page.evaluate(() => document.addEventListener('mask-error', (e) => (window as unknown as { recordError(c: string): void }).recordError((e as Event & { code: string }).code)));
  await page.locator('#tip').getByRole('button', { name: 'Tip' }).click();
  const dialog = page.locator('mask-connect-dialog');
  await dialog.getByText('The request was cancelled in your wallet').waitFor();
  assert.deepEqual(codes, ['user-rejected']);
  await dialog.getByRole('button', { name: 'Try again' }).click();
  const alice = chain.deployment.accounts[1].address;
  await page.locator('#me').getByText(`${alice.slice(0, 6)}…${alice.slice(-4)}`).waitFor();
  await page.context().close();
});

test("the page's own Connect button (MaskWidgets.connect()) shows the account, survives a reload, and disconnects", async () => {
  const { page, errors } = await openDemo();
  const alice = chain.deployment.accounts[1].address;
  const short = `${alice.slice(0, 6)}…${alice.slice(-4)}`;
  const connect = page.locator('#wallet').getByRole('button', { name: 'Connect wallet' });
  const disconnect = page.locator('#wallet').getByRole('button', { name: 'Disconnect' });
  await connect.waitFor();
  assert.equal(await disconnect.isVisible(), false);
  await connect.click();
  await page.locator('#account').getByText(`Connected as ${short}`).waitFor({ timeout: 10_000 });
  await page.locator('#me').getByText(short).waitFor();
  assert.equal(await connect.isVisible(), false);
  assert.equal(await disconnect.isVisible(), true);
  await page.screenshot({ path: 'test-results/demo-connect-button.png' });

  // Reload: the dev wallet remembers the site like a real wallet, and the kit reconnects silently.
  await page.reload();
  await page.locator('#account').getByText(`Connected as ${short}`).waitFor({ timeout: 10_000 });
  await page.locator('#me').getByText(short).waitFor();
  assert.deepEqual(await page.evaluate(() => window.maskDevWallet!.request({ method: 'eth_accounts' })), [alice]);
  assert.deepEqual(await page.evaluate(() => window.maskDevWallet!.calls.filter((c) => c.method === 'eth_requestAccounts').length), 0, 'no prompt after the reload');

  // Disconnect: the button comes back, every widget follows, and a reload stays disconnected.
  await disconnect.click();
  await connect.waitFor();
  await page.locator('#me').getByText('Not connected').waitFor();
  assert.equal(await page.locator('#account').textContent(), '');
  await page.reload();
  await page.waitForFunction(() => !Array.isArray(window.MaskWidgets) && window.MaskWidgets!.kit.wallet.wallets.length > 0);
  await page.locator('#me').getByText('Not connected').waitFor();
  assert.equal(await connect.isVisible(), true);
  assert.equal(await page.evaluate(() => (window.MaskWidgets as { account: string | null }).account), null);
  assert.deepEqual(errors, []);
  await page.context().close();
});

describe('npm start: the first visitor', { timeout: 600_000 }, () => {
  let started: NpmStart;
  const visitors: Visitor[] = [];
  before(async () => {
    started = await startNpmStart();
  });
  after(async () => {
    await Promise.allSettled(visitors.map((v) => v.close()));
    await started?.close();
  });

  /** Records the page's mask-error codes and the texts of mask-message-sent. */
  async function watch(v: Visitor): Promise<() => Promise<{ codes: string[]; sent: string[] }>> {
    await v.page.evaluate(() => {
      const w = window as unknown as { seen: { codes: string[]; sent: string[] } };
      w.seen = { codes: [], sent: [] };
      document.addEventListener('mask-error', (e) => w.seen.codes.push((e as Event & { code: string }).code));
      document.addEventListener('mask-message-sent', (e) => w.seen.sent.push(e.detail.text));
    });
    return () => v.page.evaluate(() => (window as unknown as { seen: { codes: string[]; sent: string[] } }).seen);
  }

  test('the first visitor to open the chat can write to the author at once', async () => {
    const v = await Visitor.open(browser, 'first visitor', started.pageUrl);
    visitors.push(v);
    const seen = await watch(v);
    // Nobody has opened this page before: the author's inbox was registered by npm start itself.
    await v.enableChat({ expectSignature: true });
    assert.equal(await v.chat.getByText(/is not on XMTP yet/).count(), 0);
    await v.send('Hello! First message from the first visitor.');
    await until('the message to go out', async () => (await seen()).sent.includes('Hello! First message from the first visitor.'), 60_000);
    assert.deepEqual((await seen()).codes, [], 'no mask-error');
    assert.deepEqual(v.errors, []);
  });

  test('someone not on XMTP: the invitation shows whole inside the panel', async () => {
    const v = visitors[0]!;
    // An address nobody registered.
    await v.page.evaluate(() => document.querySelector('#chat')!.setAttribute('peer', '0x000000000000000000000000000000000000dEaD'));
    const invitation = v.chat.locator('textarea[part~="invitation"]');
    await invitation.waitFor({ timeout: 30_000 });
    await v.page.screenshot({ path: 'test-results/demo-invitation.png' });
    // tsx names inner functions through a `__name` helper that the page does not have.
    await v.page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
    const layout = await v.page.evaluate(() => {
      const root = document.querySelector('#chat')!.shadowRoot!;
      const box = (el: Element | null) => {
        const r = el!.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      };
      const area = root.querySelector('textarea[part~="invitation"]') as HTMLTextAreaElement;
      return {
        viewport: { top: 0, left: 0, bottom: innerHeight, right: innerWidth },
        panel: box(root.querySelector('[part~="panel"]')),
        parts: {
          invitation: box(area),
          copy: box(root.querySelector('[part~="copy-button"]')),
          again: box(root.querySelector('[part~="unreachable"] button.secondary')),
        },
        text: { scrollHeight: area.scrollHeight, clientHeight: area.clientHeight },
      };
    });
    const inside = (inner: typeof layout.panel, outer: typeof layout.panel) =>
      inner.top >= outer.top - 0.5 && inner.left >= outer.left - 0.5 && inner.bottom <= outer.bottom + 0.5 && inner.right <= outer.right + 0.5;
    assert.ok(inside(layout.panel, layout.viewport), `the panel fits the window: ${JSON.stringify(layout)}`);
    for (const [name, rect] of Object.entries(layout.parts)) assert.ok(inside(rect, layout.panel), `${name} lies inside the panel: ${JSON.stringify(layout)}`);
    assert.ok(layout.text.scrollHeight <= layout.text.clientHeight + 1, `the whole invitation text shows without scrolling: ${JSON.stringify(layout.text)}`);
  });

  test("the author's view lists a reader's new conversation; on the next visit the closed bubble counts it, and never starts for someone who did not enable chat", async () => {
    // Alice (account 1) wrote the post that carol (account 3) reads. The byline links readers to the author's view.
    const carolPage = await Visitor.open(browser, 'reader', `${started.pageUrl}?account=3`);
    visitors.push(carolPage);
    assert.equal(await carolPage.page.locator('#author-view').getAttribute('href'), '/?account=1&as=author');
    const author = await Visitor.open(browser, 'author', `${started.pageUrl}?account=1&as=author`);
    visitors.push(author);
    assert.equal(await author.page.locator('#author-note').isVisible(), true);
    assert.equal(await author.page.locator('#author-view').isVisible(), false);
    // The author enables chat on the site once: the chat (peer = the connected account) is their inbox.
    await author.openChat();
    await author.connect();
    await author.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    await author.chat.locator('[part~="inbox"]').waitFor({ timeout: 60_000 });

    await carolPage.enableChat({ expectSignature: true });
    await carolPage.send('Hi alice, a question about your post');
    // A reader the author never answered: a request, with allow and block.
    const requests = author.chat.getByRole('tab', { name: /^Requests/ });
    await until('the request tab to count it', async () => (await requests.innerText()) === 'Requests (1)', 60_000);
    await requests.click();
    const row = author.chat.locator('[part~="inbox-row"]', { hasText: 'Hi alice, a question about your post' });
    await row.waitFor({ timeout: 30_000 });
    await row.locator('[part~="allow-button"]').click();
    await author.chat.getByRole('tab', { name: 'Chats' }).click();
    await author.chat.locator('[part~="inbox-row"]', { hasText: 'Hi alice, a question about your post' }).waitFor({ timeout: 30_000 });
    assert.equal(await author.chat.locator('[part~="inbox-row"] [part~="inbox-unread"]').first().innerText(), '1');

    // The next visit: the wallet reconnects silently and the closed bubble shows the unread total without being opened.
    const wasm: string[] = [];
    author.page.on('request', (r) => void (/\.wasm$/.test(r.url()) && wasm.push(r.url())));
    await author.page.reload();
    const unread = author.chat.locator('[part~="unread"]');
    await until('the closed bubble to count the unread message', async () => (await unread.innerText()) === '1', 60_000);
    assert.equal(await author.chat.getAttribute('open'), null);
    assert.equal(await author.chat.getByRole('button', { name: 'Open chat, 1 new' }).count(), 1);
    assert.equal(await author.signatures(), 0, 'the installation resumed: no signature');
    assert.ok(wasm.length > 0, 'the engine started in the background');
    // Live: another message from the reader moves the count.
    await carolPage.send('And a second one');
    await until('the bubble to count two', async () => (await unread.innerText()) === '2', 60_000);

    // A visitor who never enabled chat on this site: connected, the chat's code loads, the engine never starts.
    const dave = await Visitor.open(browser, 'never enabled', `${started.pageUrl}?account=4`);
    visitors.push(dave);
    const daveWasm: string[] = [];
    const chatUi: string[] = [];
    dave.page.on('request', (r) => void (/\.wasm$/.test(r.url()) ? daveWasm : /chat-ui-/.test(r.url()) ? chatUi : []).push(r.url()));
    await dave.page.locator('#connect').click();
    await until('the chat code to load for the connected wallet', () => chatUi.length > 0, 30_000);
    await dave.page.evaluate(() => new Promise((r) => requestIdleCallback(() => setTimeout(r, 2000), { timeout: 5000 })));
    assert.deepEqual(daveWasm, [], 'no engine for a visitor who did not enable chat here');
    assert.equal(await dave.chat.locator('[part~="unread"]').count(), 0);
    assert.deepEqual([...author.errors, ...carolPage.errors, ...dave.errors], []);
  });
});

describe('npm start: a restart keeps the visitor\'s XMTP installation', { timeout: 900_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mask-npm-restart-'));
  let running: NpmStart | undefined;
  let v: Visitor | undefined;
  after(async () => {
    await v?.close();
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('same ports and state folder: no new signature, the conversation goes on', async () => {
    // What the stable default ports give a real visitor (tests use free ones, the same twice).
    const ports: Record<string, number> = {};
    for (const flag of ['--port', '--cdn-port', '--chain-port', '--xmtp-port', '--history-port', '--lens-port', '--registrar-port']) ports[flag] = await freePort();
    running = await startNpmStart({ dataDir, ports });
    v = await Visitor.open(browser, 'returning visitor', running.pageUrl);
    await v.enableChat({ expectSignature: true });
    await v.send('Before the restart');
    await v.chat.locator('[part~="bubble"]').getByText('Before the restart').waitFor({ timeout: 30_000 });
    assert.equal(await v.signatures(), 1);

    await running.close();
    running = await startNpmStart({ dataDir, ports });
    assert.doesNotMatch(running.output(), /is taken/, 'every port was free again');
    await v.goto(running.pageUrl);
    const sent: string[] = [];
    await v.page.exposeFunction('recordSent', (text: string) => sent.push(text));
    await v.page.evaluate(() => document.addEventListener('mask-message-sent', (e) => (window as unknown as { recordSent(t: string): void }).recordSent(e.detail.text)));
    await v.openChat();
    // The wallet and the kit remember the site; the XMTP installation is still in this origin's storage and on the node.
    await v.connect();
    await v.chat.locator('[part~="composer"]').waitFor({ timeout: 60_000 });
    assert.equal(await v.signatures(), 0, 'no signature after the restart');
    await v.chat.locator('[part~="bubble"]').getByText('Before the restart').waitFor({ timeout: 30_000 });
    await v.send('After the restart');
    await until('the message to go out', () => sent.includes('After the restart'), 60_000);
    assert.deepEqual(v.errors, []);
  });
});
