/**
 * examples/react as an app developer ships it: built with esbuild from the
 * package's exports, type-checked against the generated JSX types, and run in
 * Chromium where the app owns the wallet and the kit adopts it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startDevChain, type DevChain } from '../../dev/chain/index.js';
import { startStaticServer, type StaticServer } from '../../dev/demo/static-server.js';
import { buildDevWallet } from '../../dev/wallet/build.js';
import { buildReactExample } from '../../examples/react/build.js';
import { launchChromium } from '../support/browser.js';

const out = mkdtempSync(join(tmpdir(), 'mask-react-example-'));
let chain: DevChain;
let server: StaticServer;
let browser: Browser;

before(async () => {
  chain = await startDevChain({ bulkNames: 0 });
  await Promise.all([buildReactExample(out), buildDevWallet(join(out, 'dev-wallet.js'))]);
  const { deployment } = chain;
  const config = {
    profile: deployment.accounts[1].address,
    kit: {
      chains: [{ id: chain.chainId, key: 'dev', name: 'Mask Dev Chain', rpcUrls: [chain.rpcUrl], contracts: { ensUniversalResolver: deployment.contracts.ensUniversalResolver, multicall3: deployment.contracts.multicall3 }, tokens: { USDC: { address: deployment.contracts.usdc, symbol: 'USDC', decimals: 6 } } }],
      defaultChain: chain.chainId,
      ensChain: chain.chainId,
    },
  };
  const wallet = { chains: { [chain.chainId]: chain.rpcUrl }, chainId: chain.chainId, account: deployment.accounts[2].address };
  const html = readFileSync(join(out, 'index.html'), 'utf8').replace('{{EXAMPLE_CONFIG}}', JSON.stringify(config)).replace('{{DEV_WALLET_CONFIG}}', JSON.stringify(wallet));
  writeFileSync(join(out, 'index.html'), html);
  server = await startStaticServer({ root: out });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
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
