/**
 * Everything a remote source says passes through here before a widget sees
 * it: image URLs limited to `data:image/…`, `https:` and `ipfs://` (rewritten
 * through the configured gateway), link targets limited to `https:`, and text
 * trimmed, stripped of control characters and capped. Pure, no DOM.
 */

/** Longest `data:` avatar we accept (characters); bigger ones are ignored. */
const MAX_DATA_URI = 256_000;
const MAX_URL = 2_048;

/** Text from a remote record: one string, no control characters, at most `max` characters. */
export function safeText(value: unknown, max = 500): string | null {
  if (typeof value !== 'string') return null;
  // Keep line breaks and tabs (a bio may have paragraphs); drop every other control character.
  const text = value.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (!text) return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** An `https:` URL for a link, or null. */
export function safeLink(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_URL) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * An image URL a page can load: `data:image/…`, `https:`, or `ipfs://CID/path`
 * rewritten to `gateway + CID/path`. Everything else (http:, NFT references,
 * javascript:, …) gives null.
 */
export function safeImage(value: unknown, gateway: string): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^data:/i.test(text)) {
    return /^data:image\/[a-z0-9.+-]+(;[a-z0-9=.+-]+)*(;base64)?,/i.test(text) && text.length <= MAX_DATA_URI ? text : null;
  }
  if (text.length > MAX_URL) return null;
  const ipfs = /^ipfs:\/\/(?:ipfs\/)?([a-z0-9]{20,}(?:\/[^\s?#]*)?)$/i.exec(text);
  if (ipfs) {
    const base = gateway.endsWith('/') ? gateway : `${gateway}/`;
    try {
      const url = new URL(ipfs[1], base);
      return /^https?:$/.test(url.protocol) ? url.href : null;
    } catch {
      return null;
    }
  }
  return safeLink(text);
}

/** An X (Twitter) handle as a profile link, or null when it is not a handle. */
export function twitterLink(handle: string): string | null {
  const h = handle.replace(/^@/, '');
  return /^[A-Za-z0-9_]{1,15}$/.test(h) ? `https://x.com/${h}` : null;
}

/** A GitHub user name as a profile link, or null when it is not one. */
export function githubLink(handle: string): string | null {
  const h = handle.replace(/^@/, '');
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(h) ? `https://github.com/${h}` : null;
}
