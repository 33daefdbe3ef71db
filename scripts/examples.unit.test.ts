/**
 * The examples are the first code a newcomer copies: every attribute they
 * put on a `<mask-*>` element must be one the element declares (an unknown
 * attribute is silently ignored, so the example would promise a feature
 * that does nothing: issue 15, `greeting` on `<mask-chat>`). Attributes are
 * read from the elements' `@property` declarations (Lit: `attribute: 'x'`,
 * else the lower-cased accessor name).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const GLOBAL = new Set(['id', 'class', 'style', 'slot', 'hidden', 'part', 'lang', 'dir', 'title', 'tabindex']);

/** The attributes a `mask-*.ts` element source declares. */
export function declaredAttributes(source: string): Set<string> {
  const out = new Set<string>();
  for (const m of source.matchAll(/@property\(([^)]*)\)\s*(?:declare\s+)?accessor\s+(\w+)/g)) {
    const explicit = /attribute:\s*'([^']+)'/.exec(m[1]);
    if (/attribute:\s*false/.test(m[1])) continue;
    out.add(explicit ? explicit[1] : m[2].toLowerCase());
  }
  return out;
}

function elementSource(tag: string): string {
  const dir = join(root, 'src/components');
  for (const sub of readdirSync(dir)) {
    const file = join(dir, sub, `${tag}.ts`);
    try {
      return readFileSync(file, 'utf8');
    } catch {
      /* not in this folder */
    }
  }
  throw new Error(`no source for <${tag}>`);
}

/** `[tag, attribute]` pairs used in an HTML or JSX text. */
export function usedAttributes(markup: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of markup.matchAll(/<(mask-[a-z-]+)\b([^>]*)>/g)) {
    for (const a of m[2].matchAll(/([a-zA-Z-]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g)) out.push([m[1], a[1].toLowerCase()]);
  }
  return out;
}

test('declaredAttributes reads explicit and default attribute names', () => {
  const src = `@property({ converter: text }) accessor peer = '';\n@property({ attribute: 'conversation-id' }) accessor conversationId = '';\n@property({ attribute: false }) accessor hidden2 = 1;`;
  assert.deepEqual([...declaredAttributes(src)], ['peer', 'conversation-id']);
});

test('usedAttributes finds the attribute the plain-html example once had', () => {
  assert.deepEqual(usedAttributes('<mask-chat peer="a" greeting="Hi there"></mask-chat>'), [['mask-chat', 'peer'], ['mask-chat', 'greeting']]);
});

for (const example of ['examples/plain-html/index.html']) {
  test(`${example} uses only attributes the elements declare`, () => {
    const used = usedAttributes(readFileSync(join(root, example), 'utf8'));
    assert.ok(used.length > 0, 'the example uses the elements');
    const unknown = used.filter(([tag, attr]) => !GLOBAL.has(attr) && !declaredAttributes(elementSource(tag)).has(attr));
    assert.deepEqual(unknown, []);
  });
}
