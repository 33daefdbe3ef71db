/**
 * Remote text made safe to show: what another party wrote (a chat message, a
 * name, a link) can carry bidi controls that reorder what the reader sees,
 * user-info and look-alike hosts that make a link say one place and open
 * another, and unbroken runs long enough to make the browser's line breaker
 * quadratic. Pure functions, no DOM; the components render what they return
 * as text.
 */
import { stripBidiControls } from './clip.js';

export { clip, detailText, ellipsize, stripBidiControls } from './clip.js';

const HAS_BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/**
 * Where a link really goes, for showing it: `href` is what the browser
 * opens, `label` says the same thing in readable form: `https://` + the host
 * as the browser resolves it (IDN in punycode, full-width dots folded) + the
 * path, decoded only when decoding shows no invisible or control character.
 * Null when `raw` is not an `https:` URL, or when it carries user-info
 * (`https://good.example@evil.example/`): such text stays plain text.
 */
export function displayLink(raw: string): { href: string; label: string; host: string } | null {
  if (raw.length > 4096) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || !url.hostname || url.username || url.password) return null;
  // The raw text must not hide a user-info part the parser dropped (`https://a@b@c`) or any bidi trick.
  if (raw.replace(/^\s*https:\/\//i, '').split(/[/?#\\]/, 1)[0].includes('@') || HAS_BIDI_CONTROL.test(raw)) return null;
  const encoded = `${url.pathname}${url.search}${url.hash}`;
  let path = encoded;
  try {
    const decoded = decodeURI(encoded);
    // Decoding is only for reading: keep the encoded form when it would show something invisible or tricky.
    if (!/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]/u.test(decoded)) path = decoded;
  } catch {
    path = encoded;
  }
  return { href: url.href, label: `https://${url.host}${path === '/' ? '' : path}`, host: url.host };
}

/** A piece of message text: plain text, or a link with what it really opens. */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; href: string; label: string };

const LINK = /https:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/**
 * Message text as plain pieces and links (`https:` only, user-info refused),
 * bidi controls removed. Cheap on any input: one linear regex pass.
 */
export function linkPieces(text: string): TextPiece[] {
  const clean = stripBidiControls(text);
  const out: TextPiece[] = [];
  let last = 0;
  for (const match of clean.matchAll(LINK)) {
    const link = displayLink(match[0]);
    if (!link) continue;
    if (match.index > last) out.push({ kind: 'text', text: clean.slice(last, match.index) });
    out.push({ kind: 'link', href: link.href, label: link.label });
    last = match.index + match[0].length;
  }
  if (last < clean.length || !out.length) out.push({ kind: 'text', text: clean.slice(last) });
  return out;
}

/**
 * Splits text into pieces where every run of more than `max` characters with
 * no white space stands alone (`long: true`), so a renderer can let the
 * browser break it anywhere (`word-break: break-all`). Without that, a long
 * unbroken run under `overflow-wrap: anywhere` makes Chromium re-measure the
 * rest of the run at every line it breaks, which is quadratic in the run's
 * length for any text that needs shaping (Hebrew, Arabic, mixed scripts):
 * 200 KB took 2 s, 1 MB about three minutes.
 */
export function splitLongRuns(text: string, max = 64): Array<{ text: string; long: boolean }> {
  const out: Array<{ text: string; long: boolean }> = [];
  const runs = new RegExp(`\\S{${max + 1},}`, 'g');
  let last = 0;
  for (const match of text.matchAll(runs)) {
    if (match.index > last) out.push({ text: text.slice(last, match.index), long: false });
    out.push({ text: match[0], long: true });
    last = match.index + match[0].length;
  }
  if (last < text.length || !out.length) out.push({ text: text.slice(last), long: false });
  return out;
}
