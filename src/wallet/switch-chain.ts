import type { ChainConfig } from '../config/chains.js';
import type { EIP1193Provider } from './eip1193.js';
import { KitError, rpcCode, toWalletError } from './errors.js';

/**
 * Asks the wallet to switch to `chain`, adding it first when the wallet does not
 * know it (EIP-3085 after error 4902), and returns the chain id the wallet reports
 * afterwards (some wallets switch without emitting `chainChanged`). A refusal is
 * `user-rejected`; anything else `chain-switch-failed`, naming the chain.
 * Lazy: loaded by `WalletService.switchChain` the first time a switch is needed.
 */
export async function switchChain(provider: EIP1193Provider, chain: ChainConfig): Promise<unknown> {
  const chainId = `0x${chain.id.toString(16)}`;
  try {
    try {
      await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
    } catch (error) {
      if (rpcCode(error) !== 4902) throw error;
      await provider.request({
        method: 'wallet_addEthereumChain',
        params: [
          {
            chainId,
            chainName: chain.name,
            nativeCurrency: chain.nativeCurrency,
            rpcUrls: chain.rpcUrls,
            blockExplorerUrls: chain.blockExplorer ? [chain.blockExplorer] : undefined,
          },
        ],
      });
      await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
    }
    return await provider.request({ method: 'eth_chainId' });
  } catch (error) {
    if (rpcCode(error) === 4001) throw toWalletError(error);
    throw new KitError('chain-switch-failed', { key: 'error.chainSwitchFailed', vars: { chain: chain.name } }, { cause: error });
  }
}
