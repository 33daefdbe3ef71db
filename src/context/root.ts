import { ContextProvider } from '@lit/context';
import { MaskWalletChangeEvent } from '../events/mask-wallet-change.js';
import { Kit } from './kit.js';
import { kitContext } from './kit-context.js';

const ROOT = Symbol.for('mask-widgets/root-kit@1');

/**
 * The page's default kit, provided on `document.documentElement` so a widget
 * works anywhere on the page with no wrapper. Created on first call; shared
 * with any other copy of the kit (same major version) already on the page.
 */
export function getDefaultKit(): Kit {
  const store = globalThis as { [ROOT]?: Kit };
  let kit = store[ROOT];
  if (kit) return kit;
  kit = new Kit();
  store[ROOT] = kit;
  new ContextProvider(document.documentElement, { context: kitContext, initialValue: kit }).hostConnected();
  let last = '';
  kit.wallet.addEventListener('change', () => {
    const { account, chainId } = kit.wallet;
    const key = `${account}|${chainId}`;
    if (key === last) return;
    last = key;
    document.dispatchEvent(new MaskWalletChangeEvent({ account, chainId }));
  });
  kit.wallet.discover();
  return kit;
}
