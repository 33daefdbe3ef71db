/**
 * Browser-side test helpers: the environment `test/with-infra.ts` started,
 * a kit configured for the dev chain, dev wallets, and (from
 * `test/support/kit-provider.ts`) the provider element so each test gets its
 * own kit: `<test-kit-provider .kit=${kit}>`.
 */
import { Kit } from '../../src/context/kit.js';
import type { ChainConfig } from '../../src/config/chains.js';
import type { TestEnv } from '../support/test-env.js';
import { devKitChain } from '../../dev/chain/kit-chain.js';
export { TestKitProvider, withKit } from '../support/kit-provider.js';

declare global {
  interface Window {
    __MASK_TEST_ENV__?: TestEnv;
  }
}

export function testEnv(): TestEnv {
  const env = window.__MASK_TEST_ENV__;
  if (!env?.rpcUrl) throw new Error('MASK_TEST_ENV is missing: run browser tests through `npm run test:browser`.');
  return env;
}

/** Our chain config for the dev chain(s). */
export function devChains(env = testEnv()): ChainConfig[] {
  const { contracts } = env.deployment;
  return [
    devKitChain({ chainId: env.chainId, rpcUrl: env.rpcUrl, contracts }),
    devKitChain({ chainId: env.chainId2, rpcUrl: env.rpcUrl2, contracts }, { key: 'dev2', name: 'Mask Dev Chain 2', usdc: false }),
  ];
}

/** A fresh kit on the dev chain, discovering wallets already announced. */
export function devKit(): Kit {
  const env = testEnv();
  // web3.bio (on by default) is off here: its own tests use the local stand-in.
  const kit = new Kit({ config: { chains: devChains(env), defaultChain: env.chainId, ensChain: env.chainId, web3bioApiUrl: false } });
  kit.wallet.discover();
  return kit;
}


/** Waits until `check()` is truthy (polling each frame), or fails after `ms`. */
export async function until<T>(check: () => T, what: string, ms = 10_000): Promise<NonNullable<T>> {
  const end = performance.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** The page's connect dialog's shadow root, once it is open. */
export async function openDialog(): Promise<ShadowRoot> {
  return until(() => {
    const host = document.querySelector('mask-connect-dialog');
    return host?.shadowRoot?.querySelector('dialog[open]') ? host.shadowRoot : null;
  }, 'the connect dialog to open');
}
