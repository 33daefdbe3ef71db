/**
 * One end-to-end tip as a visitor makes it: the page's `#tip` (token USDC with a
 * "5 USDC" preset) opens, the preset is picked and sent, `confirmed` waits for
 * the page to say so; then the recipient's USDC balance on the dev chain must
 * have grown by exactly 5 USDC. Resolves with the tip panel, still open.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { createPublicClient, erc20Abi, http, type Address } from 'viem';
import type { DevChain } from '../../dev/chain/index.js';

export async function tipFiveUsdc(page: Page, chain: DevChain, recipient: Address, confirmed: () => Promise<unknown>): Promise<Locator> {
  const client = createPublicClient({ transport: http(chain.rpcUrl) });
  const balance = () => client.readContract({ address: chain.deployment.contracts.usdc, abi: erc20Abi, functionName: 'balanceOf', args: [recipient] });
  const before = await balance();
  await page.locator('#tip').getByRole('button', { name: 'Tip' }).first().click();
  const panel = page.locator('#tip').getByRole('dialog');
  await panel.getByRole('button', { name: '5 USDC' }).click({ timeout: 30_000 });
  await panel.getByRole('button', { name: 'Send 5 USDC' }).click({ timeout: 30_000 });
  await confirmed();
  assert.equal((await balance()) - before, 5_000_000n, 'the recipient received exactly 5 USDC');
  return panel;
}
