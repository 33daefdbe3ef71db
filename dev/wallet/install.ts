// Browser entry for demo and test pages (bundled by build.ts). Never part of dist/.
//
// Config, first found wins:
//   window.__MASK_DEV__ = { chains: { 31337: 'http://127.0.0.1:8545' }, chainId: 31337, account?: '0x...' }
//   <script type="application/json" id="mask-dev-wallet">{ "chains": {...}, "chainId": 31337 }</script>
// Creates the wallet, announces it (EIP-6963), exposes it as window.maskDevWallet, and
// dispatches `mask-dev-wallet:ready` on window. `injectWindowEthereum: true` also sets window.ethereum.
import { announceDevWallet, createDevWallet, walletError, type DevWallet, type DevWalletOptions } from './dev-wallet.js';

export interface MaskDevConfig extends DevWalletOptions {
  /** also expose the wallet as window.ethereum (legacy injection); default false */
  injectWindowEthereum?: boolean;
}

declare global {
  interface Window {
    __MASK_DEV__?: MaskDevConfig;
    maskDevWallet?: DevWallet;
    /** stops answering eip6963:requestProvider for window.maskDevWallet */
    maskDevWalletUnannounce?: () => void;
    /** the factory functions, for tests that need more wallets */
    MaskDevWallet?: { createDevWallet: typeof createDevWallet; announceDevWallet: typeof announceDevWallet; walletError: typeof walletError };
  }
}

function readConfig(): MaskDevConfig | undefined {
  if (window.__MASK_DEV__) return window.__MASK_DEV__;
  const el = document.getElementById('mask-dev-wallet');
  if (!el?.textContent?.trim()) return undefined;
  try {
    return JSON.parse(el.textContent) as MaskDevConfig;
  } catch (err) {
    console.error('[mask-dev-wallet] invalid JSON in #mask-dev-wallet', err);
    return undefined;
  }
}

function install(): boolean {
  if (window.maskDevWallet) return true;
  const config = readConfig();
  if (!config) return false;
  if (!config.chains || typeof config.chainId !== 'number') {
    console.error('[mask-dev-wallet] config needs { chains: { [chainId]: rpcUrl }, chainId }', config);
    return true;
  }
  const wallet = createDevWallet(config);
  window.maskDevWallet = wallet;
  if (config.injectWindowEthereum) {
    (window as unknown as { ethereum?: unknown }).ethereum = wallet;
  }
  window.maskDevWalletUnannounce = announceDevWallet(wallet);
  window.dispatchEvent(new CustomEvent('mask-dev-wallet:ready', { detail: wallet }));
  return true;
}

window.MaskDevWallet = { createDevWallet, announceDevWallet, walletError };

if (!install()) {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => {
      if (!install()) console.warn('[mask-dev-wallet] no config: set window.__MASK_DEV__ or add #mask-dev-wallet');
    });
  } else {
    console.warn('[mask-dev-wallet] no config: set window.__MASK_DEV__ or add #mask-dev-wallet');
  }
}
