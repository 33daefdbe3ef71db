/**
 * The hostile-input scenario for `<mask-chat>`, shared by the end-to-end
 * suite (`test/e2e/chat-hostile.e2e.ts`) and `npm run bench:hostile`.
 *
 * Real parts only: a raw XMTP client (the real `@xmtp/browser-sdk` in the
 * node's own harness page, `dev/xmtp-node/e2e/harness.ts`) sends every item of
 * the corpus below to a visitor whose `<mask-chat>` (the built `dist/`, on a
 * page of another origin, with the dev wallet) is open on the conversation.
 * The corpus is ours: hand-written payloads (markup, script URLs, bidi and
 * invisible characters, look-alike links, huge numbers, megabyte texts of
 * every shape) and a seeded generator that mixes them, over every content
 * type a client can send (text, markdown, reply, reaction, transaction
 * reference, unknown types with a fallback).
 *
 * What the page is checked for (`inspect`): a canary that any executed payload
 * would call (`window.__pwned`), markup that must never appear in the chat's
 * DOM (script, iframe, object, embed, `on*` attributes, non-https links),
 * uncaught errors and rejections, and every message shown: found among the
 * chat's rows by scrolling its virtual window from the top to the bottom.
 */
import type { Page } from 'playwright-core';
import type { RawSend } from '../../dev/xmtp-node/e2e/harness.js';
import { rng, wellFormed } from './hostile-corpus.js';

/** One corpus entry: what the raw client sends, and what the visitor must see. */
export interface HostileCase {
  name: string;
  send: RawSend;
  /** The text the row must show exactly (after bidi controls are dropped and the first 2,000 characters kept); null: not checked to the letter. */
  shows?: string | null;
  /** A message the chat shows as a row (reactions fold into their target instead). */
  row: boolean;
}

const CANARY = (id: number) => `window.__pwned&&window.__pwned.push(${id})`;

/** Markup, script and URL payloads: if any of them ever ran, the canary would hold its number. */
function payloads(): string[] {
  const c = CANARY;
  return [
    `<script>${c(1)}</script>`,
    `<img src=x onerror="${c(2)}">`,
    `<svg onload="${c(3)}"></svg>`,
    `<svg><script>${c(4)}</script></svg>`,
    `<iframe srcdoc="<script>parent.${c(5)}</script>"></iframe>`,
    `javascript:${c(6)}`,
    `<a href="javascript:${c(7)}">click</a>`,
    `data:text/html,<script>${c(8)}</script>`,
    `<details open ontoggle="${c(9)}">`,
    `<style>@import 'https://evil.example/x.css';</style>`,
    `</p></article><script>${c(10)}</script>`,
    `"><img src=x onerror=${c(11)}>`,
    `'><svg/onload=${c(12)}>`,
    `\${${c(13)}}`,
    `{{constructor.constructor('${c(14)}')()}}`,
    `<!--?lit$123456789$--><img src=x onerror="${c(15)}">`,
    `lit$123456789$`,
    `<object data="javascript:${c(16)}"></object>`,
    `<embed src="javascript:${c(17)}">`,
    `<math><mtext><table><mglyph><style><img src=x onerror=${c(18)}>`,
    `<form><button formaction="javascript:${c(19)}">x</button></form>`,
    `<input autofocus onfocus="${c(20)}">`,
    `&lt;script&gt;${c(21)}&lt;/script&gt;`,
    `&#60;img src=x onerror=${c(22)}&#62;`,
    `<a href="https://good.example" onclick="${c(23)}">https://good.example</a>`,
    `https://good.example/"onmouseover="${c(24)}`,
    `https://good.example/<script>${c(25)}</script>`,
    `vbscript:msgbox(1)`,
    `<base href="javascript:/">`,
    `<meta http-equiv="refresh" content="0;url=javascript:${c(26)}">`,
    `__proto__`,
    `{"__proto__":{"polluted":true}}`,
    `constructor.prototype.polluted=1`,
  ];
}

/** Text that must show literally: invisible, reordering, combining and edge-of-Unicode characters. */
function oddities(): string[] {
  return [
    'invoice_\u202Efdp.exe',
    '\u2066isolate\u2069 and \u2067rtl isolate\u2069',
    'zero\u200Bwidth\u200Cjoiner\u200Dand\u2060word\uFEFFjoiner',
    'left\u200Eright\u200Fmarks',
    'a\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030A'.repeat(50),
    'e' + '\u0301'.repeat(2000),
    '\uD800 lone high, lone low \uDC00',
    'NUL\u0000C0\u0001\u001FDEL\u007FC1\u0085\u009F',
    '\t\ttabs\nnew\r\nlines\u2028line sep\u2029para sep',
    '👨‍👩‍👧‍👦🏳️‍🌈🇺🇳'.repeat(20),
    'مرحبا بالعالم hello עולם',
    '𝕙𝕖𝕝𝕝𝕠 𝒽𝑒𝓁𝓁𝑜',
    'ＦＵＬＬ　ＷＩＤＴＨ',
    '\u3000\u00A0\u2003spaces',
    ' ',
    '.',
    '0x' + 'f'.repeat(64),
    '9'.repeat(400),
    '-1e400 NaN Infinity 0x1p3',
  ];
}

/** Links whose text could lie about where they go. */
function links(): string[] {
  return [
    'https://good.example@evil.example/',
    'https://good.example:pass@evil.example/login',
    'https://аррle.com/login',
    'https://xn--80ak6aa92e.com/',
    'https://good。example／path',
    'https://ｇｏｏｄ.example/',
    'https://evil.example/\u202Egnp.exe',
    'https://good.example.evil.example/',
    'https://evil.example#https://good.example',
    'https://evil.example/?next=https://good.example',
    'http://insecure.example/',
    'https://' + 'a'.repeat(5000) + '.example/',
    'see https://good.example/page, then (https://good.example/other).',
    'https://[::1]:8080/',
    'https://127.0.0.1/',
    'https://good.example/%E2%80%AEexe.txt',
    'https://good.example/\u200Bhidden',
    'https:/\\evil.example/',
    'https://good.example\\@evil.example/',
  ];
}

/** Megabyte texts of every shape: each must lay out without freezing the page. */
export function worstTexts(size = 1_000_000): Array<{ name: string; text: string }> {
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  let mixed = '';
  const starts = [0x61, 0x627, 0x5d0, 0x4e00, 0x430, 0x3b1, 0x0e01];
  for (let i = 0; mixed.length < size; i++) mixed += String.fromCodePoint(starts[(i * 7919) % starts.length] + (i % 5)) + (i % 3 ? '' : '\u0301');
  return [
    { name: '1 MB of one Latin letter, no space', text: fill('a') },
    { name: '1 MB of Hebrew, no space', text: fill('שלום') },
    { name: '1 MB of Arabic, no space', text: fill('مرحبا') },
    { name: '1 MB of mixed scripts and combining marks, no space', text: mixed.slice(0, size) },
    { name: '1 MB of emoji', text: fill('😀👨‍👩‍👧') },
    { name: '1 MB of one https link', text: `https://good.example/${fill('a').slice(21)}` },
    { name: '1 MB of words', text: fill('word ') },
  ];
}


/** What the visitor can receive: the wire is UTF-8, so lone surrogates arrive as U+FFFD; bidi controls are dropped for display. */
const received = (s: string) => wellFormed(s).replace(/[\u202a-\u202e\u2066-\u2069]/g, '');

/**
 * The text a plain (link-free) message must show, computed independently of
 * the kit: bidi controls dropped, the first 2,000 UTF-16 units kept (one
 * fewer when the cut would split a surrogate pair).
 */
export function expectedText(input: string): string | null {
  const text = received(input);
  if (/https:\/\//i.test(text)) return null;
  if (text.length <= 2000) return text;
  const code = text.charCodeAt(1999);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? 1999 : 2000);
}

/**
 * The chat corpus: every hand-written string through every text-carrying type,
 * hostile transaction references and reactions, unknown content types, and
 * generated mixtures up to `total` items. Reactions and replies point at
 * `target` (a message the raw client sent first) and its sender `targetInbox`.
 */
export function chatCorpus(options: { total: number; target: string; targetInbox: string; seed?: number; worst?: boolean }): HostileCase[] {
  const rand = rng(options.seed ?? 20261206);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)];
  const strings = [...payloads(), ...oddities(), ...links()];
  const out: HostileCase[] = [];
  const text = (name: string, value: string) => out.push({ name, send: { kind: 'text', text: value }, shows: expectedText(value), row: true });
  for (const s of strings) text(`text: ${s.slice(0, 40)}`, s);
  for (const s of strings) out.push({ name: `markdown: ${s.slice(0, 40)}`, send: { kind: 'markdown', text: s }, shows: expectedText(s), row: true });
  for (const s of strings) out.push({ name: `reply: ${s.slice(0, 40)}`, send: { kind: 'reply', text: s, reference: options.target }, shows: expectedText(s), row: true });
  for (const s of strings.slice(0, 30)) out.push({ name: `reaction: ${s.slice(0, 40)}`, send: { kind: 'reaction', reference: options.target, referenceInboxId: options.targetInbox, content: s }, row: false });
  out.push({ name: 'reaction: 1 MB', send: { kind: 'reaction', reference: options.target, referenceInboxId: options.targetInbox, content: '😀'.repeat(100_000) }, row: false });
  out.push({ name: 'reaction to a message that does not exist', send: { kind: 'reaction', reference: 'f'.repeat(64), referenceInboxId: options.targetInbox, content: '👍' }, row: false });
  out.push({ name: 'reply to a message that does not exist', send: { kind: 'reply', text: 'orphan reply', reference: '0'.repeat(64) }, shows: 'orphan reply', row: true });

  // Transaction references: numbers out of every range, labels of every shape.
  const meta = (over: Partial<{ transactionType: string; currency: string; amount: number; decimals: number; fromAddress: string; toAddress: string }>) => ({
    transactionType: 'transfer',
    currency: 'USDC',
    amount: 1_500_000,
    decimals: 6,
    fromAddress: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    toAddress: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
    ...over,
  });
  const hash = '0x' + 'ab'.repeat(32);
  const tx = (name: string, networkId: string, reference: string, metadata?: ReturnType<typeof meta>) =>
    out.push({ name: `transaction: ${name}`, send: { kind: 'transaction', networkId, reference, ...(metadata ? { metadata } : {}) }, row: true });
  for (const decimals of [1_000_000_000, 4_294_967_295, 1_000_000, 256, 78, 77, 0]) tx(`decimals ${decimals}`, '31337', hash, meta({ decimals }));
  for (const amount of [1.7976931348623157e308, 1e21, 2 ** 53 + 1, 0.5, 0, 1e-7]) tx(`amount ${amount}`, '31337', hash, meta({ amount }));
  for (const s of strings) tx(`currency ${s.slice(0, 30)}`, '31337', hash, meta({ currency: s }));
  for (const s of strings.slice(0, 20)) tx(`network ${s.slice(0, 30)}`, s, hash);
  for (const s of strings.slice(0, 20)) tx(`reference ${s.slice(0, 30)}`, '8453', s, meta({}));
  for (const s of strings.slice(0, 10)) tx(`addresses ${s.slice(0, 30)}`, '1', hash, meta({ fromAddress: s, toAddress: s }));
  tx('no metadata', 'eip155:8453', hash);
  tx('1 MB currency', '31337', hash, meta({ currency: 'X'.repeat(1_000_000) }));

  // Content types the kit does not know: shown by their fallback text (or a sentence), never dropped.
  for (const s of strings.slice(0, 25)) {
    out.push({
      name: `unknown type, fallback ${s.slice(0, 30)}`,
      send: { kind: 'encoded', authorityId: 'evil.example', typeId: s.slice(0, 60) || 'x', versionMajor: 1, versionMinor: 0, parameters: { [s.slice(0, 20) || 'k']: s.slice(0, 100) }, fallback: s, text: s },
      shows: expectedText(s),
      row: true,
    });
  }
  out.push({ name: 'unknown type, no fallback', send: { kind: 'encoded', authorityId: 'evil.example', typeId: 'thing', versionMajor: 9, versionMinor: 9, parameters: {}, text: 'opaque' }, shows: 'A message this chat cannot show.', row: true });
  out.push({
    name: 'xmtp.org text with a lying encoding parameter',
    send: { kind: 'encoded', authorityId: 'xmtp.org', typeId: 'text', versionMajor: 1, versionMinor: 0, parameters: { encoding: 'UTF-16' }, fallback: 'fallback text', text: 'hello' },
    shows: null,
    row: true,
  });

  if (options.worst !== false) for (const w of worstTexts()) text(w.name, w.text);

  // Generated: fragments of everything above, mixed, until the corpus has `total` items.
  const fragments = [...strings, 'plain words', '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', 'alice.eth', '@lens/alice', ' ', '\n', '\u202E', '\u200B', 'https://good.example/a'];
  for (let i = 0; out.length < options.total; i++) {
    const parts = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(fragments));
    const value = parts.join(rand() < 0.5 ? '' : ' ');
    text(`generated #${i}`, value);
  }
  return out;
}

/** Installed before any script of the visitor's page: the canary and the error and long-task records. */
export const PAGE_PROBES = `
window.__pwned = [];
window.__uncaught = [];
window.__longTasks = [];
addEventListener('error', (e) => window.__uncaught.push(String(e.error && e.error.stack || e.message)));
addEventListener('unhandledrejection', (e) => window.__uncaught.push('rejection: ' + String(e.reason && e.reason.stack || e.reason)));
try { new PerformanceObserver((list) => { for (const t of list.getEntries()) window.__longTasks.push(t.duration); }).observe({ type: 'longtask' }); } catch {}
`;

export interface ShownRow {
  id: string;
  text: string | null;
  fallback: boolean;
  receipt: string | null;
  links: Array<{ href: string; label: string }>;
  more: boolean;
}

export interface Inspection {
  executed: string[];
  uncaught: string[];
  forbidden: string[];
  rows: Record<string, ShownRow>;
  /** Scrolling up paged the whole history in (the start note showed). */
  reachedStart: boolean;
  longestTaskMs: number;
}

/**
 * Reads the visitor's page: the canary, uncaught errors, forbidden markup
 * anywhere in the document (shadow roots included), and every row of the
 * chat, scrolling its virtual window from the top to the bottom.
 */
export async function inspect(page: Page): Promise<Inspection> {
  // tsx names inner functions through a `__name` helper that the page does not have.
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  return page.evaluate(async () => {
    const w = window as unknown as { __pwned: number[]; __uncaught: string[]; __longTasks: number[] };
    const forbidden: string[] = [];
    const EXECUTABLE = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'meta', 'link', 'style']);
    const scan = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.tagName.toLowerCase();
        if (root !== document && EXECUTABLE.has(tag)) forbidden.push(`<${tag}> in a shadow root`);
        for (const attr of el.getAttributeNames()) {
          if (/^on/i.test(attr)) forbidden.push(`${tag}[${attr}]`);
          if (root !== document && ['href', 'src', 'action', 'formaction', 'srcdoc', 'data'].includes(attr)) {
            const value = el.getAttribute(attr) ?? '';
            if (value && !/^(https:|blob:|#|data:image\/)/i.test(value)) forbidden.push(`${tag}[${attr}=${value.slice(0, 40)}]`);
          }
        }
        if (el.shadowRoot) scan(el.shadowRoot);
      }
    };
    scan(document);
    const chat = document.querySelector('#chat')!;
    const shadow = chat.shadowRoot!;
    // Remote text never becomes markup: inside a message's text only the kit's own link and run spans appear.
    for (const el of shadow.querySelectorAll('[part~="text"] *, [part~="quote"] *, [part~="reactions"] li *, [part~="receipt"] strong *')) {
      if (!(el.matches('a[part~="link"]') || el.matches('span.run'))) forbidden.push(`<${el.tagName.toLowerCase()}> inside message text`);
    }
    const scroller = shadow.querySelector('[part~="messages"]') as HTMLElement;
    const rows: Record<string, unknown> = {};
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const read = () => {
      for (const row of shadow.querySelectorAll<HTMLElement>('.row[data-id]')) {
        const text = row.querySelector('[part~="text"]');
        rows[row.dataset.id!] = {
          id: row.dataset.id,
          text: text ? text.textContent : null,
          fallback: !!row.querySelector('.fallback'),
          receipt: row.querySelector('[part~="receipt"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
          links: [...row.querySelectorAll('a[part~="link"]')].map((a) => ({ href: a.getAttribute('href') ?? '', label: a.textContent ?? '' })),
          more: !!row.querySelector('[part~="more-button"]'),
        };
      }
    };
    // From the top (the start note shows once everything is loaded) to the bottom, a screen at a time.
    // Older history pages in 30 at a time as the list reaches the top: keep scrolling up until its start shows.
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      // At the very top already, setting 0 fires no scroll event: move one pixel first, as a wheel would.
      // (The chat pages older history on scroll events only: see the README's known limits.)
      if (scroller.scrollTop === 0) {
        scroller.scrollTop = 1;
        await frame();
      }
      scroller.scrollTop = 0;
      await frame();
      read();
      if (shadow.textContent?.includes('This is the beginning of your conversation.')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const reachedStart = !!shadow.textContent?.includes('This is the beginning of your conversation.');
    let last = -1;
    for (let i = 0; i < 5000 && scroller.scrollTop !== last; i++) {
      last = scroller.scrollTop;
      scroller.scrollTop += Math.max(100, scroller.clientHeight - 40);
      await frame();
      read();
    }
    return { executed: w.__pwned.map(String), uncaught: w.__uncaught.slice(), forbidden, rows, reachedStart, longestTaskMs: Math.max(0, ...w.__longTasks) } as never;
  });
}

/** What went wrong for each case, checked against what the page showed. */
export function judge(cases: HostileCase[], ids: string[], shown: Record<string, ShownRow>): { lost: string[]; wrong: string[] } {
  const lost: string[] = [];
  const wrong: string[] = [];
  cases.forEach((c, i) => {
    if (!c.row) return;
    const row = shown[ids[i]];
    if (!row) {
      lost.push(c.name);
      return;
    }
    if (c.send.kind === 'transaction') {
      if (row.receipt === null) wrong.push(`${c.name}: no receipt`);
      else {
        // A number the kit failed to read shows as one of these words; the sender's own text may contain them too.
        const sent = JSON.stringify(c.send);
        const leaked = ['NaN', 'Infinity', 'undefined', 'null'].filter((word) => row.receipt!.includes(word) && !sent.includes(word));
        if (leaked.length) wrong.push(`${c.name}: receipt shows ${leaked.join(', ')}: ${row.receipt.slice(0, 80)}`);
      }
      return;
    }
    for (const link of row.links) {
      const url = new URL(link.href);
      if (url.protocol !== 'https:' || url.username || url.password) wrong.push(`${c.name}: link to ${link.href.slice(0, 60)}`);
      if (!link.label.startsWith(`https://${url.host}`)) wrong.push(`${c.name}: link text ${link.label.slice(0, 60)} does not show its host ${url.host}`);
    }
    if (c.shows !== undefined && c.shows !== null) {
      if (row.text !== c.shows) wrong.push(`${c.name}: shows ${JSON.stringify((row.text ?? '').slice(0, 60))} (${row.text?.length ?? 0} chars), expected ${JSON.stringify(c.shows.slice(0, 60))} (${c.shows.length} chars)`);
      const source = c.send.kind === 'encoded' ? (c.send.fallback ?? '') : 'text' in c.send ? c.send.text : '';
      if (row.more !== received(source).length > 2000) wrong.push(`${c.name}: "Show more" ${row.more ? 'shown' : 'missing'}`);
    } else if (row.text === null && !row.fallback) wrong.push(`${c.name}: no text and no fallback`);
  });
  return { lost, wrong };
}
