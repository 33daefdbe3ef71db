/**
 * Cutting and cleaning short remote text for a sentence (a quoted input, a
 * label): tiny on purpose, so the badge, the tip and the identity service can
 * use it without the chat's link and layout helpers (`text.ts`).
 */
/**
 * Explicit bidi embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069): invisible characters that reorder the text around them
 * (`"txt.exe"` shown as `"exe.txt"`). The implicit marks U+200E/U+200F are
 * kept: they only nudge neutral characters and right-to-left writers use them.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** `text` without explicit bidi controls. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * The first `max` UTF-16 units of `text`, never cutting a surrogate pair in
 * two; `text` itself when it is short enough.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Like `clip`, with `…` when something was cut. */
export function ellipsize(text: string, max: number): string {
  return text.length <= max ? text : `${clip(text, max - 1)}…`;
}


/**
 * A detail (an error's message) for a sentence that places it before its own
 * full stop, `…did not answer ({detail}).`: without the final stop the detail
 * may carry, so the sentence never reads `(HTTP request failed.).` An ellipsis
 * (a cut) stays.
 */
export function detailText(text: string): string {
  return text.trim().replace(/(?<![.。．])[.。．]$/u, '');
}
