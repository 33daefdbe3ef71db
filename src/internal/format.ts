/**
 * Numbers, amounts, dates and relative times in a language, through `Intl`.
 * Token amounts stay exact: they arrive as decimal strings (from bigint base
 * units) and never pass through a float; only the digits, grouping and decimal
 * separator come from `Intl`. Formatters are cached per language and options.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(kind: string, lang: string, options: object, make: (lang: string | undefined) => T): T {
  const id = `${kind}|${lang}|${JSON.stringify(options)}`;
  let format = cache.get(id) as T | undefined;
  if (!format) {
    try {
      format = make(lang || undefined);
    } catch {
      format = make(undefined); // an invalid language tag: the browser's
    }
    cache.set(id, format);
  }
  return format;
}

const numbers = (lang: string, options: Intl.NumberFormatOptions = {}) => cached('n', lang, options, (l) => new Intl.NumberFormat(l, options));

/** A count or plain number (`1234` → `1,234` / `1.234` / `١٬٢٣٤`). */
export function formatNumber(value: number | bigint, lang: string, options?: Intl.NumberFormatOptions): string {
  return numbers(lang, options).format(value);
}

/**
 * An exact decimal string (`"-1234.500001"`) in `lang`'s digits and separators,
 * every digit kept. Anything that is not a plain decimal is returned as is.
 */
export function formatDecimal(value: string, lang: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return value;
  const [, minus, whole, fraction = ''] = match;
  const format = numbers(lang, { maximumFractionDigits: 1 });
  const digit = (d: string) => format.format(Number(d));
  // The shape of a signed number with a fraction in this language (sign and
  // separator placement), filled with our exact digits.
  return format
    .formatToParts(minus ? -1.5 : 1.5)
    .map((part) => {
      if (part.type === 'integer') return format.format(BigInt(whole));
      if (part.type === 'decimal') return fraction ? part.value : '';
      if (part.type === 'fraction') return fraction.replace(/\d/g, digit);
      return part.value;
    })
    .join('');
}

/** The most decimals a token can have that still fit a uint256 amount's 78 digits, with room to spare. */
export const MAX_DECIMALS = 255;
/** The most digits an amount may have here (a uint256 has 78). */
export const MAX_AMOUNT_DIGITS = 100;

/**
 * `value` base units of a token with `decimals` decimals as an exact decimal
 * string in plain ASCII (`1500000n, 6` → `"1.5"`, `-1n, 18` →
 * `"-0.000000000000000001"`): the kit's one conversion from base units, for
 * display (`formatUnits`) and for typed amounts (`tip/amount.ts`). A string
 * that is not an integer is returned as it is. Throws a RangeError for
 * decimals outside 0–255 or more than 100 digits: callers bound remote numbers
 * first; this keeps a missed one from padding a string to a billion digits.
 */
export function unitsToDecimal(value: bigint | string, decimals: number): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) throw new RangeError(`decimals out of range: ${String(decimals).slice(0, 20)}`);
  const text = String(value);
  if (text.length > MAX_AMOUNT_DIGITS + 1) throw new RangeError(`amount has more than ${MAX_AMOUNT_DIGITS} digits`);
  if (!/^-?\d+$/.test(text)) return text;
  const minus = text.startsWith('-') ? '-' : '';
  const digits = text.slice(minus.length).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return `${minus}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** `value` base units with `decimals` as an exact amount in `lang` (`1500000n, 6` → `1.5`); throws like `unitsToDecimal`. */
export function formatUnits(value: bigint | string, decimals: number, lang: string): string {
  return formatDecimal(unitsToDecimal(value, decimals), lang);
}

/** A date and/or time (`{ dateStyle: 'medium' }`, `{ timeStyle: 'short' }`). */
export function formatDate(value: Date | number, lang: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return cached('d', lang, options, (l) => new Intl.DateTimeFormat(l, options)).format(value);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600e3],
  ['month', 30 * 24 * 3600e3],
  ['week', 7 * 24 * 3600e3],
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
  ['second', 1e3],
];

/** How long ago or ahead `value` is from `now`, in the largest fitting unit ("5 minutes ago", "昨日"). */
export function formatRelative(value: Date | number, lang: string, now: Date | number = Date.now()): string {
  const delta = Number(value) - Number(now);
  const [unit, size] = UNITS.find(([, ms]) => Math.abs(delta) >= ms) ?? UNITS[UNITS.length - 1];
  return cached('r', lang, {}, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' })).format(Math.round(delta / size), unit);
}
