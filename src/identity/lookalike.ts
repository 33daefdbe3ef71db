/**
 * Look-alike names: `a1ice.eth`, `alíce.eth`, `aIice.eth`, `ａｌｉｃｅ.eth` and
 * `аlice.eth` (Cyrillic а) are all valid ENS names, and each reads as
 * `alice.eth` at a glance. Two names resemble each other when their
 * confusable skeletons are equal (Unicode UTS #39, section 4) and the names
 * are not.
 *
 * The skeleton here is UTS #39's (decompose, map every character to its
 * prototype through the confusables table, decompose again) with extra folding
 * that matters for names read in a small font: compatibility forms (NFKD:
 * full-width letters, ligatures), case, diacritics dropped, invisible
 * characters dropped, and the ASCII pairs people mix up (`1`/`l`/`I`/`i`/`|`,
 * `0`/`o`, `rn`/`m`, `vv`/`w`, `_`/`-`). It over-approximates on purpose: it
 * only ever produces a warning, never a refusal.
 *
 * The table (`confusables.generated.ts`) keeps only prototypes that fold to
 * ASCII letters, digits and separators, which is what names are compared
 * against. This module is loaded lazily, when a badge card or a tip panel
 * asks, never in the entry. Pure, no DOM.
 */
import { CONFUSABLES } from './confusables.generated.js';

/** Marks (diacritics) and default-ignorable characters (zero-width, joiners, variation selectors, bidi marks). */
const INVISIBLE = /[\p{M}\p{Default_Ignorable_Code_Point}]/gu;

/** Longest text compared (names are at most 255 characters). */
const MAX = 512;

let table: Map<string, string> | undefined;

/** The confusables table as source character → ASCII prototype. */
function confusables(): ReadonlyMap<string, string> {
  if (!table) {
    table = new Map();
    for (const [prototype, sources] of Object.entries(CONFUSABLES)) for (const ch of sources) table.set(ch, prototype);
  }
  return table;
}

/** One pass: decompose (compatibility), drop marks and invisibles, map each character to its prototype. */
function mapped(text: string, map: ReadonlyMap<string, string>): string {
  let out = '';
  for (const ch of text.normalize('NFKD').replace(INVISIBLE, '')) out += map.get(ch) ?? ch;
  return out;
}

/** The ASCII pairs that read alike in names. Applied last, on lower-case text. */
function foldAscii(text: string): string {
  return text
    .replace(/[1i|]/g, 'l')
    .replace(/0/g, 'o')
    .replace(/m/g, 'rn')
    .replace(/w/g, 'vv')
    .replace(/_/g, '-');
}

/**
 * The skeleton of `text` with a given table (the generator uses an empty one
 * to find which entries the folding already covers).
 */
export function skeletonWith(text: string, map: ReadonlyMap<string, string>): string {
  const first = mapped(String(text).slice(0, MAX), map);
  // Lower-casing can reveal characters the table maps (and decompositions): a second pass, as UTS #39 decomposes twice.
  return foldAscii(mapped(first.toLowerCase(), map).toLowerCase());
}

/** The confusable skeleton of a name: equal skeletons read alike. */
export function skeleton(name: string): string {
  return skeletonWith(name, confusables());
}

/** True when `a` and `b` are different names that read alike (same skeleton). */
export function resembles(a: string, b: string): boolean {
  return a !== b && skeleton(a) === skeleton(b);
}
