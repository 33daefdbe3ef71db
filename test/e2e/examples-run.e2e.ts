/**
 * `npm run example:plain` and `npm run example:react` (dev/examples.ts): each
 * example, started with one call against the local infrastructure, works in
 * Chromium as a newcomer meets it: the author's name resolves on the local
 * ENS, and the chat writes to the author at once (registered beforehand).
 * The plain page needs dist/ (`npx rollup -c`); the React app needs the
 * package build (dist/lib): it is built first when missing or stale.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { localPlainHtml, startExample, type RunningExample } from '../../dev/examples.js';
import { launchBrowser, until, Visitor } from './chat-page.js';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Records mask-message-sent texts and mask-error codes on the page. */
async function watch(v: Visitor): Promise<() => Promise<{ codes: string[]; sent: string[] }>> {
  await v.page.evaluate(() => {
    const w = window as unknown as { seen: { codes: string[]; sent: string[] } };
    w.seen = { codes: [], sent: [] };
    document.addEventListener('mask-error', (e) => w.seen.codes.push((e as Event & { code: string }).code));
    document.addEventListener('mask-message-sent', (e) => w.seen.sent.push(e.detail.text));
  });
  return () => v.page.evaluate(() => (window as unknown as { seen: { codes: string[]; sent: string[] } }).seen);
}

test('the plain page is rewritten to the local kit, wallet, configuration and author', () => {
  const html = localPlainHtml(
    '<script>MaskWidgets.push(["configure", {}]);</script><script type="module" src="https://cdn.example/mask-widgets/mask-widgets.js"></script><mask-tip to="vitalik.eth" chain="base"></mask-tip>',
    { cdnUrl: 'http://127.0.0.1:1', devWallet: { a: '</script>' }, kitConfig: { b: 1 }, author: 'alice.eth' },
  );
  assert.match(html, /src="http:\/\/127\.0\.0\.1:1\/mask-widgets\.js"/);
  assert.match(html, /<mask-tip to="alice\.eth"><\/mask-tip>/);
  assert.ok(html.indexOf('/dev-wallet.js') < html.indexOf('type="module"'), 'the wallet comes before the kit');
  assert.ok(!html.includes('{"a":"</script>"}'), 'configuration cannot close its script element');
  assert.throws(() => localPlainHtml('<script type="module" src="/elsewhere.js"></script>', { cdnUrl: 'x', devWallet: {}, kitConfig: {}, author: 'a' }), /no longer loads/);
});

describe('npm run example:plain', { timeout: 300_000 }, () => {
  let example: RunningExample;
  let v: Visitor;
  before(async () => {
    example = await startExample('plain', { build: false, log: () => {} });
  });
  after(async () => {
    await v?.close();
    await example?.close();
  });

  test('the badge names the local author, and the chat writes to her at once', async () => {
    v = await Visitor.open(browser, 'plain visitor', example.url);
    await v.page.locator('mask-id-badge').first().getByText('alice.eth').waitFor({ timeout: 30_000 });
    const seen = await watch(v);
    const chat = v.page.locator('mask-chat');
    await chat.getByRole('button', { name: /^Open chat/ }).click();
    await chat.getByRole('button', { name: 'Connect wallet' }).click();
    await chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    await chat.locator('[part~="composer"]').waitFor({ timeout: 60_000 });
    assert.equal(await chat.getByText(/is not on XMTP yet/).count(), 0);
    const input = chat.getByRole('textbox', { name: /^Message/ });
    await input.fill('Hello from the plain example');
    await input.press('Enter');
    await until('the message to go out', async () => (await seen()).sent.includes('Hello from the plain example'), 60_000);
    assert.deepEqual((await seen()).codes, []);
    assert.deepEqual(v.errors, []);
  });
});

describe('npm run example:react', { timeout: 600_000 }, () => {
  let example: RunningExample;
  let v: Visitor;
  before(async () => {
    example = await startExample('react', { log: () => {} });
  });
  after(async () => {
    await v?.close();
    await example?.close();
  });

  test('sign in, the profile resolves, and the inline chat writes to its owner at once', async () => {
    v = await Visitor.open(browser, 'react visitor', example.url);
    await v.page.getByRole('button', { name: 'Sign in with wallet' }).click();
    await v.page.locator('#profile').getByText('alice.eth').waitFor({ timeout: 30_000 });
    const seen = await watch(v);
    const chat = v.page.locator('#dm');
    await chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    await chat.locator('[part~="composer"]').waitFor({ timeout: 60_000 });
    assert.equal(await chat.getByText(/is not on XMTP yet/).count(), 0);
    const input = chat.getByRole('textbox', { name: /^Message/ });
    await input.fill('Hello from the React example');
    await input.press('Enter');
    await until('the message to go out', async () => (await seen()).sent.includes('Hello from the React example'), 60_000);
    assert.deepEqual((await seen()).codes, []);
    assert.deepEqual(v.errors, []);
  });
});
