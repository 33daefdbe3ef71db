/**
 * User-facing strings. English is built in; other catalogues register
 * themselves with `addMessages` (see the translations issue). `{name}`
 * placeholders are replaced with the given values, as text.
 */
const en = {
  'wallet.connect': 'Connect wallet',
  'wallet.connecting': 'Connecting…',
  'wallet.connectingTo': 'Approve the connection in {wallet}.',
  'wallet.disconnect': 'Disconnect',
  'wallet.choose': 'Choose a wallet',
  'wallet.dialogTitle': 'Connect a wallet',
  'wallet.connectedAs': 'Connected as {account}',
  'wallet.notConnected': 'Not connected',
  'wallet.close': 'Close',
  'wallet.retry': 'Try again',
  'wallet.switchTo': 'Switch to {chain}',
  'wallet.privacy': 'Connecting shares your address with this site. It costs nothing and signs nothing.',
  'error.noWallet': 'No wallet found. Install a browser wallet (for example MetaMask or Rabby), then reload this page.',
  'error.userRejected': 'The request was cancelled in your wallet. Nothing was shared or sent.',
  'error.walletPending': 'Your wallet already has a request waiting. Open your wallet to answer it.',
  'error.walletError': 'Your wallet reported an error: {detail}',
  'error.unsupportedChain': 'Your wallet is on a network this site does not support (chain {chainId}). Switch to {chain}.',
  'error.chainSwitchFailed': 'Your wallet could not switch to {chain}. Switch network in your wallet and try again.',
  'error.invalidAddress': '“{value}” is not a valid Ethereum address.',
  'error.notConnected': 'Connect a wallet first.',
  'badge.copy': 'Copy address',
  'badge.copied': 'Address copied',
  'tip.label': 'Tip',
  'tip.loadFailed': 'The tip could not load. Check your connection and try again.',
  'chat.open': 'Open chat',
  'chat.close': 'Close chat',
  'chat.title': 'Messages',
  'chat.openUnread': 'Open chat, {count} new',
  'chat.loading': 'Loading the chat…',
  'chat.error.uiLoad': 'The chat could not load. Check your connection and try again.',
} as const;

export type MessageKey = keyof typeof en;
type Catalogue = Partial<Record<MessageKey, string>>;

const catalogues = new Map<string, Catalogue>([['en', en]]);

export function addMessages(lang: string, messages: Catalogue): void {
  catalogues.set(lang.toLowerCase(), { ...catalogues.get(lang.toLowerCase()), ...messages });
}

/** Looks `key` up for `lang` (`zh-CN` falls back to `zh`, then English). */
export function t(key: MessageKey, vars: Record<string, string | number> = {}, lang = 'en'): string {
  const tag = lang.toLowerCase();
  const text = catalogues.get(tag)?.[key] ?? catalogues.get(tag.split('-')[0])?.[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
