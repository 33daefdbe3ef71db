/**
 * Counts in every language's plural forms ("1 XMTP installation", "3 XMTP
 * installations", Arabic's six forms), ICU style, inside a catalogue text:
 *
 *   {count, plural, =0 {none} one {# installation} other {# installations}}
 *
 * `#` is the number; an exact `=N` form wins, then the `Intl.PluralRules`
 * category of the language, then `other`. A text whose count is not given
 * stays as written (visible, never a crash).
 *
 * Not in the entry (its 20 KB budget): `t()` in `internal/i18n.ts` only calls
 * what this module installs. Every English catalogue that holds a plural form
 * wraps itself in `withPlurals` (`locales.unit.test.ts` checks it), so the
 * rules are in before any of its texts is said.
 */
import { usePlurals } from './i18n.js';

/** `n`'s plural category in `lang` (`one`, `few`, `other`…); English's for a tag Intl refuses (its text is English then too). */
export function category(lang: string, n: number): string {
  try {
    return new Intl.PluralRules(lang).select(n);
  } catch {
    return n === 1 ? 'one' : 'other';
  }
}

const PLURAL = /\{(\w+), plural,((?:\s*=?\w+\s*\{[^{}]*\})+)\s*\}/g;

/** `text` with each `{name, plural, …}` replaced by the form for `vars[name]` in `lang`. */
export function choosePlurals(text: string, vars: Record<string, string | number>, lang: string): string {
  return text.replace(PLURAL, (whole, name: string, forms: string) => {
    if (!(name in vars)) return whole;
    const n = Number(vars[name]);
    const found: Record<string, string> = {};
    for (const m of forms.matchAll(/(=?\w+)\s*\{([^{}]*)\}/g)) found[m[1]] ??= m[2];
    const form = found[`=${n}`] ?? found[category(lang, n)] ?? found.other;
    return form === undefined ? whole : form.replace(/#/g, String(vars[name]));
  });
}

/**
 * `messages` as they are, with the plural rules installed: a catalogue that
 * counts wraps itself in this, so whatever uses its strings brings the rules
 * (a bare side-effect import could be dropped by a bundler honouring
 * `sideEffects`).
 */
export function withPlurals<T>(messages: T): T {
  usePlurals(choosePlurals);
  return messages;
}
