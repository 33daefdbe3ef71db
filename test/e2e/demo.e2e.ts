/**
 * The demo as a visitor meets it: the blog page on one origin loads the built
 * kit from another, the visitor connects the dev wallet once, and every
 * widget on the page shows the account.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startDevChain, type DevChain } from '../../dev/chain/index.js';
import { startDemo, type Demo } from '../../dev/demo/server.js';
import { launchChromium } from '../support/browser.js';
import { devLensAccounts, startLensServer, type LensServer } from '../support/lens-server.js';

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
