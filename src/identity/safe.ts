/**
 * Everything a remote source says passes through here before a widget sees
 * it: image URLs limited to `data:image/…`, `https:` and `ipfs://` (rewritten
 * through the configured gateway), and text trimmed, stripped of control
 * characters and capped. Pure, no DOM. Links (a profile's website and handles,
 * explorer pages) are built by the widgets that show them, through
 * `internal/links.ts`.
 */
import { safeLink } from '../internal/links.js';

/** Longest `data:` avatar we accept (characters); bigger ones are ignored. */
const MAX_DATA_URI = 256_000;
/** Longest image URL other than `data:` we look at (characters). */
const MAX_URL = 2_048;

/** Text from a remote record: one string, no control characters, at most `max` characters. */
export function safeText(value: unknown, max = 500): string | null {
  if (typeof value !== 'string') return null;
  // Keep line breaks and tabs (a bio may have paragraphs); drop every other control character.
  const text = value.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (!text) return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
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
