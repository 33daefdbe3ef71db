/**
 * Links the kit builds from values it did not write: a profile's website and
 * handles (remote records), a chain's block explorer (configuration) with a
 * transaction hash or an address (from the chain, or from a chat message).
 * Every link is `https:` only and checked whole before it is built, so a
 * widget can put the result in an `href` as it is. The one copy: the badge's
 * card, the chat's receipts, the tip panel and the identity service (image
 * URLs) all build their links here. Pure, no DOM. (Links inside message text
 * are `displayLink` / `linkPieces` in `text.ts`: they also show where a link
 * really goes.)
 */

/** Longest URL taken from a remote value (characters). */
const MAX_URL = 2_048;
const TX_HASH = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** `value` as an `https:` URL with a host, or null (anything else, or longer than 2,048 characters). */
export function safeUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length > MAX_URL) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' && url.hostname ? url : null;
  } catch {
    return null;
  }
}

/** `value` as an `https:` link (its normalised href), or null. */
export function safeLink(value: unknown): string | null {
  return safeUrl(value)?.href ?? null;
}

/** A profile link and the handle to show with it (without a leading `@`). */
export interface HandleLink {
  href: string;
  handle: string;
}

/** An X (Twitter) handle, with or without its `@`, as a profile link; null when it is not a handle. */
export function twitterLink(value: string): HandleLink | null {
  const handle = value.replace(/^@/, '');
  return /^[A-Za-z0-9_]{1,15}$/.test(handle) ? { href: `https://x.com/${handle}`, handle } : null;
}

/** A GitHub user name, with or without an `@`, as a profile link; null when it is not one. */
export function githubLink(value: string): HandleLink | null {
  const handle = value.replace(/^@/, '');
  return /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/.test(handle) ? { href: `https://github.com/${handle}`, handle } : null;
}

/**
 * A block explorer's base URL without trailing slashes, or null unless it is
 * `https:` with a host and nothing after its path (no user-info, query or
 * fragment that a path appended to it would land in).
 */
function explorerBase(explorer: string | null | undefined): string | null {
  const url = safeUrl(explorer);
  if (!url || url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The explorer's page for a transaction (`<explorer>/tx/<hash>`), or null for a non-https explorer or a malformed hash. */
export function explorerTxUrl(explorer: string | null | undefined, hash: string): string | null {
  const base = explorerBase(explorer);
  return base && TX_HASH.test(hash) ? `${base}/tx/${hash}` : null;
}

/** The explorer's page for an address (`<explorer>/address/<address>`), or null for a non-https explorer or a malformed address. */
export function explorerAddressUrl(explorer: string | null | undefined, address: string): string | null {
  const base = explorerBase(explorer);
  return base && ADDRESS.test(address) ? `${base}/address/${address}` : null;
}
