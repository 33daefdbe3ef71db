/**
 * examples/react as an app developer ships it: built with esbuild from the
 * package's exports, type-checked against the generated JSX types, and run in
 * Chromium where the app owns the wallet and the kit adopts it: the profile
 * badge resolves, a USDC tip confirms on the dev chain, and a DM from the inline
 * chat reaches a second visitor through the local XMTP node (the engine loaded
 * from the kit's prebuilt files through `xmtp.engineUrl`).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { devKitChain, startDevChain, type DevChain } from '../../dev/chain/index.js';
import { startStaticServer, type StaticServer } from '../../dev/demo/static-server.js';
import { buildDevWallet } from '../../dev/wallet/build.js';
import { startXmtpNode, type XmtpNode } from '../../dev/xmtp-node/index.js';
import { buildReactExample } from '../../examples/react/build.js';
import { launchChromium } from '../support/browser.js';
import { tipFiveUsdc } from '../support/usdc-tip.js';
import { until } from './chat-page.js';

const out = mkdtempSync(join(tmpdir(), 'mask-react-example-'));
let chain: DevChain;
let xmtp: XmtpNode;
/** Paths the app's server was asked for. */
const served: string[] = [];
let server: StaticServer;
let browser: Browser;

before(async () => {
  [chain, xmtp] = await Promise.all([startDevChain({ bulkNames: 0 }), startXmtpNode()]);
  await Promise.all([buildReactExample(out), buildDevWallet(join(out, 'dev-wallet.js'))]);
  const { deployment } = chain;
  const template = readFileSync(join(out, 'index.html'), 'utf8');
  // index.html: Bob (account 2) visits Alice's profile (account 1); alice.html: Alice visits Bob's.
  for (const [file, visitor, profile] of [['index.html', 2, 1], ['alice.html', 1, 2]] as const) {
    const config = {
      profile: deployment.accounts[profile].address,
      kit: {
        chains: [devKitChain(deployment)],
        defaultChain: chain.chainId,
        ensChain: chain.chainId,
        xmtp: { env: 'local', apiUrl: xmtp.url, engineUrl: '/mask-widgets/mask-widgets-engine.js' },
        lensApiUrl: 'http://127.0.0.1:9/graphql',
        web3bioApiUrl: false,
      },
    };
    const wallet = { chains: { [chain.chainId]: chain.rpcUrl }, chainId: chain.chainId, account: deployment.accounts[visitor].address };
    writeFileSync(join(out, file), template.replace('{{EXAMPLE_CONFIG}}', JSON.stringify(config)).replace('{{DEV_WALLET_CONFIG}}', JSON.stringify(wallet)));
  }
  server = await startStaticServer({ root: out, onRequest: (path) => served.push(path) });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await xmtp?.close();
  await chain?.close();
  rmSync(out, { recursive: true, force: true });
});

test('the example type-checks, and wrong props on kit elements do not', () => {
  const tsc = resolve('node_modules/.bin/tsc');
  try {
    execFileSync(tsc, ['-p', 'examples/react/tsconfig.json'], { stdio: 'pipe' });
  } catch (error) {
    assert.fail(`examples/react does not type-check:\n${String((error as { stdout?: Buffer }).stdout ?? error)}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'mask-jsx-negative-'));
  try {
    writeFileSync(
      join(dir, 'bad.tsx'),
      `import type {} from 'mask-widgets/react';
export const a = <mask-tip to="alice.eth" />;
// @ts-expect-error size is 'sm' | 'md' | 'lg'
export const b = <mask-id-badge size="huge" />;
// @ts-expect-error not a property of <mask-chat>
export const c = <mask-chat peerr="alice.eth" />;
export const d = <mask-tip onmask-error={(e) => e.code.toUpperCase()} />;
`,
    );
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { jsx: 'react-jsx', module: 'ESNext', moduleResolution: 'bundler', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [], baseUrl: resolve('.'), paths: { 'mask-widgets/react': [resolve('dist/lib/react.d.ts')], react: [resolve('node_modules/@types/react')], 'react/jsx-runtime': [resolve('node_modules/@types/react/jsx-runtime.d.ts')] } }, files: ['bad.tsx'] }));
    execFileSync(tsc, ['-p', join(dir, 'tsconfig.json')], { stdio: 'pipe' });
  } catch (error) {
    assert.fail(String((error as { stdout?: Buffer }).stdout ?? error));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the app owns the wallet: signing in once, the kit adopts it with no second prompt', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => customElements.get('mask-tip') && customElements.get('mask-chat') && customElements.get('mask-id-badge'));
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  const bob = chain.deployment.accounts[2].address;
  await page.locator('#me').getByText(`${bob.slice(0, 6)}…${bob.slice(-4)}`).waitFor();
  const prompts = await page.evaluate(() => window.maskDevWallet!.calls.filter((c) => c.method === 'eth_requestAccounts').length);
  assert.equal(prompts, 1, 'only the app asked the wallet');
  assert.equal(await page.locator('mask-connect-dialog dialog[open]').count(), 0, 'the kit opened no connect dialog');
  assert.ok(await page.locator('#tip').evaluate((el) => !!el.shadowRoot), 'the tip rendered inside React');
  assert.ok(await page.locator('#dm').evaluate((el) => el.getAttribute('mode') === 'inline' && !!el.shadowRoot));
  assert.deepEqual(errors, []);
  await page.close();
});

/** A visitor of the example app, signed in with the app's own button. */
async function signIn(file: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}/${file}`);
  await page.waitForFunction(() => customElements.get('mask-tip') && customElements.get('mask-chat') && customElements.get('mask-id-badge'));
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await page.locator('#me').waitFor();
  // The pointer now rests on the header badge that replaced the button, and its hover card would cover the page.
  await page.mouse.move(5, 400);
  return { page, errors };
}

test('in the app: the profile badge resolves, a USDC tip confirms, a DM reaches the other visitor', async () => {
  const bob = await signIn('index.html');
  const alice = await signIn('alice.html');
  try {
    const { accounts } = chain.deployment;
    // Bob sees Alice's profile: her verified ENS name replaces the short address.
    await bob.page.locator('#profile').getByText('alice.eth').waitFor({ timeout: 30_000 });

    // A 5 USDC tip from Bob to Alice, confirmed on the dev chain; the app's handler shows its thanks.
    const panel = await tipFiveUsdc(bob.page, chain, accounts[1].address, () => bob.page.getByRole('status').getByText('Thanks for the tip!').waitFor({ timeout: 60_000 }));
    await panel.getByRole('button', { name: 'Done' }).click();

    // The inline DM pane: both enable chat (the engine comes from xmtp.engineUrl), Bob's message reaches Alice.
    const dm = (v: { page: Page }) => v.page.locator('#dm');
    for (const v of [bob, alice]) await dm(v).getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    for (const v of [bob, alice]) await dm(v).locator('[part~="composer"]').waitFor({ timeout: 60_000 });
    const input = dm(bob).getByRole('textbox', { name: /^Message/ });
    await input.fill('gm from the React app');
    await input.press('Enter');
    await until('Alice to receive the DM', async () => (await dm(alice).locator('[part~="bubble"] [part~="text"]').allInnerTexts()).includes('gm from the React app'), 60_000);
    assert.ok(served.includes('/mask-widgets/mask-widgets-engine.js'), 'the engine came from the kit\'s prebuilt files');
    assert.ok(served.some((p) => /^\/mask-widgets\/assets\/bindings_wasm_bg-.*\.wasm$/.test(p)), `and its wasm beside it: ${served.join(' ')}`);
    assert.deepEqual([...bob.errors, ...alice.errors], []);
  } finally {
    await bob.page.context().close();
    await alice.page.context().close();
  }
});
