/**
 * The kit's error: a stable code (what hosts switch on) and, from the
 * services, the sentence as a message key and its values, never as words.
 * Components turn the key into words in their own language (`sentence()`,
 * `MaskElement.say()`); `message` is the same sentence in the page's language,
 * for hosts that log it and for code that reads `message`.
 */
import type { MaskErrorCode } from '../events/error-codes.js';
import { t, type MessageKey } from './i18n.js';

/** A sentence kept as a key and its values, so the language can change under it. A value may be a sentence itself. */
export interface Sentence {
  key: MessageKey;
  vars?: Record<string, string | number | Sentence>;
}

/** `s` in `lang` (default: the page's), inner sentences first; a `KitError` says its sentence, else its message. */
export function sentence(s: Sentence | KitError, lang?: string): string {
  if (!('key' in s)) return s.sentence ? sentence(s.sentence, lang) : s.message;
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(s.vars ?? {})) vars[name] = typeof value === 'object' ? sentence(value, lang) : value;
  return t(s.key, vars, lang);
}

/**
 * An error with a stable code. Services pass a `Sentence`; a plain string is
 * kept as it is (configuration errors meant for the developer, and sentences
 * a component already made).
 */
export class KitError extends Error {
  readonly code: MaskErrorCode;
  /** The sentence as a key and values, when a service raised it. */
  readonly sentence: Sentence | null;

  constructor(code: MaskErrorCode, message: string | Sentence, options?: { cause?: unknown }) {
    super(typeof message === 'string' ? message : sentence(message), options);
    this.name = 'KitError';
    this.code = code;
    this.sentence = typeof message === 'string' ? null : message;
  }
}
