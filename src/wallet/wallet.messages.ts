/**
 * The connect dialog's sentences (English), registered when its chunk loads
 * (`internal/i18n.ts` keeps only first-paint strings in the entry). Every
 * other language lists the same keys in `src/locales/`.
 */
export const walletMessages = {
  'wallet.connectingTo': 'Approve the connection in {wallet}.',
  'wallet.choose': 'Choose a wallet',
  'wallet.dialogTitle': 'Connect a wallet',
  'wallet.close': 'Close',
  'wallet.switchTo': 'Switch to {chain}',
  'wallet.privacy': 'Connecting shares your address with this site. It costs nothing and signs nothing.',
  'error.noWallet': 'No wallet found. Install a browser wallet (for example MetaMask or Rabby), then reload this page.',
  'error.unsupportedChain': 'Your wallet is on a network this site does not support (chain {chainId}). Switch to {chain}.',
} as const;
