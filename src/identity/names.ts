/**
 * What kind of name a string is. Lens handles are `lens/stani` or
 * `stani.lens`; everything else is an ENS name and must survive ENSIP-15
 * normalisation (viem's `normalize`) before anything is looked up or shown.
 *
 * The ENSIP-15 tables weigh about 24 KB (brotli). Most names are plain
 * letters, digits and single hyphens (`alice.eth`, `fan-001.eth`), whose
 * normalisation is exactly "lower-case it": `normalizeAscii` does that without
 * the tables, and everything else goes to viem's `normalize`, loaded on first
 * need. No DOM.
 */

export type ParsedName = { kind: 'lens'; handle: string } | { kind: 'ens'; name: string } | { kind: 'invalid' };

/** A Lens local name: `a-z`, `0-9`, `-` and `_`, not starting with `-` or `_` (Lens's simple-charset namespace rule). */
export const LENS_HANDLE = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** A label ENSIP-15 leaves as it is: letters and digits, single hyphens inside (so never `--`). */
const PLAIN_LABEL = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * ENSIP-15 normalisation for names made of plain ASCII labels (A–Z mapped to
 * a–z, digits, single inner hyphens): the same answer as viem's `normalize`.
 * Undefined for any other name, which needs the full normaliser.
 */
export function normalizeAscii(name: string): string | undefined {
  if (!/^[A-Za-z0-9.-]{1,255}$/.test(name)) return undefined;
  const lower = name.toLowerCase();
  return lower.split('.').every((label) => PLAIN_LABEL.test(label)) ? lower : undefined;
}

/** The Lens local name of `lens/stani` or `stani.lens`; null when it is one but malformed; undefined otherwise. */
export function lensHandle(input: string): string | null | undefined {
  const text = input.trim().toLowerCase();
  const match = /^lens\/(.*)$/.exec(text) ?? /^(.*)\.lens$/.exec(text);
  if (!match) return undefined;
  return LENS_HANDLE.test(match[1]) ? match[1] : null;
}

/** Classifies and normalises `input` (`normalize` throws on names ENSIP-15 rejects); never throws. */
export async function parseName(input: string, normalize: (name: string) => string | Promise<string>): Promise<ParsedName> {
  const text = input.trim();
  if (!text || text.length > 255) return { kind: 'invalid' };
  const handle = lensHandle(text);
  if (handle === null) return { kind: 'invalid' };
  if (handle) return { kind: 'lens', handle };
  try {
    const name = await normalize(text);
    // A name is at least one label; a bare dot or empty labels are not names.
    if (!name || name.split('.').some((label) => !label)) return { kind: 'invalid' };
    return { kind: 'ens', name };
  } catch {
    return { kind: 'invalid' };
  }
}
