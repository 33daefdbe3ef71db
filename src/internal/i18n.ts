/**
 * User-facing strings. `{name}` placeholders are replaced with the given
 * values, as text.
 *
 * SIZE RULE: this file is in the entry (budget 20 KB brotli for everything a
 * page loads up front). Only strings needed for a widget's FIRST PAINT belong
 * here. Strings used after interaction (panels, flows, errors of lazy
 * features) live in a `<feature>.messages.ts` beside the lazy code and are
 * registered when that chunk loads: `addMessages('en', tipMessages)`.
 * `t()` accepts those keys too; an unknown key renders as the key itself.
 *
 * Other languages: one lazy catalogue per language in `src/locales/<lang>.ts`
 * (every key, entry and lazy), loaded by `loadMessages()` when an element
 * first renders in that language. Only the tiny loader table below is in the entry.
 */
export const en = {
  'wallet.connect': 'Connect wallet',
  'wallet.connectedAs': 'Connected as {account}',
  'wallet.notConnected': 'Not connected',
  'wallet.retry': 'Try again',
  'error.userRejected': 'The request was cancelled in your wallet. Nothing was shared or sent.',
  'error.walletPending': 'Your wallet already has a request waiting. Open your wallet to answer it.',
  'error.walletError': 'Your wallet reported an error: {detail}',
  'error.chainSwitchFailed': 'Your wallet could not switch to {chain}. Switch network in your wallet and try again.',
  'error.invalidAddress': '“{value}” is not a valid Ethereum address.',
  'error.notConnected': 'Connect a wallet first.',
  'badge.copy': 'Copy address',
  'badge.copied': 'Address copied',
  'badge.invalidName': '“{value}” is not a valid name.',
  'badge.bothInputs': 'Set either an address or a name, not both.',
  'badge.unknownChain': '“{value}” is not one of the configured chains.',
  'tip.label': 'Tip',
  'tip.loadFailed': 'The tip could not load. Check your connection and try again.',
  'chat.open': 'Open chat',
  'chat.close': 'Close chat',
  'chat.title': 'Messages',
  'chat.openUnread': 'Open chat, {count} new',
  'chat.loading': 'Loading the chat…',
  'chat.error.uiLoad': 'The chat could not load. Check your connection and try again.',
} as const;

/** Keys built into the entry; lazily registered keys are plain strings. */
export type MessageKey = keyof typeof en | (string & {});
type Catalogue = Partial<Record<string, string>>;

const catalogues = new Map<string, Catalogue>([['en', en]]);

export function addMessages(lang: string, messages: Catalogue): void {
  catalogues.set(lang.toLowerCase(), { ...catalogues.get(lang.toLowerCase()), ...messages });
}

/** The catalogues beside English; each is one flat map of every key. */
const locales: Record<string, () => Promise<{ default: Catalogue }>> = {
  zh: () => import('../locales/zh.js'),
  ja: () => import('../locales/ja.js'),
  es: () => import('../locales/es.js'),
  ar: () => import('../locales/ar.js'),
};
const loads: Record<string, Promise<void> | 0> = {};

/**
 * Starts loading `lang`'s catalogue. Returns a promise while it is on its way;
 * nothing to wait for (falsy) when the language is English, already in, has no
 * catalogue, or failed to load (English is shown then).
 */
export function loadMessages(lang: string): Promise<void> | 0 | undefined {
  const base = lang.toLowerCase().split('-')[0];
  if (!Object.hasOwn(locales, base)) return;
  return (loads[base] ??= locales[base]()
    .then((m) => addMessages(base, m.default), () => {})
    .then(() => void (loads[base] = 0)));
}

type Rewrite = (text: string, vars: Record<string, string | number>, lang: string) => string;
let plurals: Rewrite | undefined;
/**
 * Installs the plural forms (`internal/plural.ts`). The entry's strings count
 * nothing that needs them, so the module comes with the lazy catalogues that
 * do: every catalogue with a `{n, plural, …}` is wrapped in its `withPlurals`.
 */
export const usePlurals = (rewrite: Rewrite): void => void (plurals = rewrite);

/** Looks `key` up for `lang` (default: the document's; `zh-CN` falls back to `zh`, then English); counts as in `internal/plural.ts`. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}, lang = globalThis.document?.documentElement.lang || 'en'): string {
  const tag = lang.toLowerCase();
  const text = catalogues.get(tag)?.[key] ?? catalogues.get(tag.split('-')[0])?.[key] ?? catalogues.get('en')?.[key] ?? key;
  return (plurals ? plurals(text, vars, tag) : text)
    .replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
