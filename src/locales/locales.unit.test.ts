/**
 * Every catalogue in this folder holds exactly the English keys (the entry's
 * and every lazy `*.messages.ts` module's) with the same `{placeholders}`.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { addMessages, en as entry, loadMessages, t } from '../internal/i18n.js';

const src = fileURLToPath(new URL('..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const LANGS = ['zh', 'ja', 'es', 'ar'];

type Messages = Record<string, string>;

function find(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith(suffix))
    .map((p) => join(dir, p));
}

async function english(): Promise<Map<string, { text: string; from: string }>> {
  const keys = new Map<string, { text: string; from: string }>();
  const add = (messages: Messages, from: string) => {
    for (const [key, text] of Object.entries(messages)) {
      const seen = keys.get(key);
      assert.ok(!seen || seen.text === text, `${key} is defined differently in ${seen?.from} and ${from}`);
      keys.set(key, { text, from });
    }
  };
  add(entry, 'internal/i18n.ts');
  const modules = find(src, '.messages.ts');
  assert.ok(modules.length >= 3, `expected the lazy *.messages.ts modules, found ${modules.length}`);
  for (const file of modules) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const maps = Object.values(mod).filter((v): v is Messages => typeof v === 'object' && v !== null && Object.values(v).every((s) => typeof s === 'string'));
    assert.ok(maps.length > 0, `${file} exports no message map`);
    for (const map of maps) add(map, file.slice(src.length));
  }
  return keys;
}

/** The variables a text uses, plain `{name}` or `{name, plural, …}`. */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();

/** Each `{name, plural, …}` of a text: the variable and its forms (`one`, `=0`…). */
const plurals = (text: string) =>
  new Map([...text.matchAll(/\{(\w+), plural,((?:\s*=?\w+\s*\{[^{}]*\})+)\s*\}/g)].map((m) => [m[1], [...m[2].matchAll(/(=?\w+)\s*\{/g)].map((f) => f[1])]));

test('the catalogues are the languages the loader knows', () => {
  const files = readdirSync(here).filter((f) => /^[a-z]{2,3}(-[a-z0-9]+)?\.ts$/i.test(f)).map((f) => f.replace(/\.ts$/, '')).sort();
  assert.deepEqual(files, [...LANGS].sort());
});

for (const lang of LANGS) {
  test(`${lang}: every English key, no other, same placeholders`, async () => {
    const en = await english();
    const catalogue = ((await import(`./${lang}.js`)) as { default: Messages }).default;
    const missing = [...en.keys()].filter((k) => !(k in catalogue));
    const extra = Object.keys(catalogue).filter((k) => !en.has(k));
    assert.deepEqual(missing, [], `${lang} misses keys (add them to src/locales/${lang}.ts)`);
    assert.deepEqual(extra, [], `${lang} has keys English does not (remove or rename them)`);
    for (const [key, { text }] of en) {
      const translated = catalogue[key];
      assert.ok(translated.trim(), `${lang} ${key} is empty`);
      assert.deepEqual(placeholders(translated), placeholders(text), `${lang} ${key}: placeholders differ from English`);
    }
  });

  test(`${lang}: every count English words in the plural is in ${lang}'s plural forms (Intl.PluralRules)`, async () => {
    const en = await english();
    const catalogue = ((await import(`./${lang}.js`)) as { default: Messages }).default;
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];
    let counts = 0;
    for (const [key, { text }] of en) {
      for (const name of plurals(catalogue[key]).keys()) assert.ok(plurals(text).has(name), `${lang} ${key}: {${name}} is plural where English is not`);
      for (const name of plurals(text).keys()) {
        counts++;
        const forms = plurals(catalogue[key]).get(name);
        // A language with one form (ja, zh) may say the count plainly.
        if (!forms && categories.length === 1) continue;
        assert.ok(forms, `${lang} ${key}: {${name}} must be a {${name}, plural, …} (${lang} has the forms ${categories.join(', ')})`);
        const missing = categories.filter((c) => !forms.includes(c));
        const unknown = forms.filter((f) => !f.startsWith('=') && !categories.includes(f));
        assert.deepEqual({ missing, unknown }, { missing: [], unknown: [] }, `${lang} ${key}: plural forms`);
      }
    }
    assert.ok(counts >= 3, 'the count sentences use plural forms');
  });
}

test('every English catalogue with a plural form installs internal/plural.ts (withPlurals), which the entry does not carry', async () => {
  // A language's plural form is only said where its English key is plural too (checked above), so
  // the module that registers the English text brings the rules.
  const { readFileSync } = await import('node:fs');
  const files = [...find(src, '.messages.ts'), join(src, 'internal/i18n.ts')];
  let counted = 0;
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    if (!/\{\w+, plural,/.test(source.replace(/^\s*(\*|\/\/).*$/gm, ''))) continue;
    counted++;
    assert.match(source, /^export const \w+ = withPlurals\(\{$/m, `${file.slice(src.length)} has plural forms: wrap it in withPlurals()`);
  }
  assert.ok(counted >= 2, 'the catalogues with counts');
  assert.doesNotMatch(readFileSync(join(src, 'internal/i18n.ts'), 'utf8'), /PluralRules/, 'the entry stays small');
});

test('English words every count sentence in the plural, so no language says "1 … installations"', async () => {
  const en = await english();
  for (const [key, { text }] of en) {
    for (const name of plurals(text).keys()) assert.ok(/\bone\s*\{/.test(text) && /\bother\s*\{/.test(text), `${key}: {${name}} has one and other`);
  }
  addMessages('en', Object.fromEntries([...en].map(([key, { text }]) => [key, text])));
  assert.equal(t('chat.installations.count', { count: 1 }, 'en'), 'Your wallet has 1 XMTP installation (at most 10).');
  assert.equal(t('chat.installations.count', { count: 3 }, 'en'), 'Your wallet has 3 XMTP installations (at most 10).');
  assert.equal(t('chat.showMore', { count: 1 }, 'en'), 'Show more (1 character left)');
  assert.equal(t('tip.amount.decimals', { symbol: 'X', decimals: 1, value: '0.05' }, 'en'), 'X has 1 decimal; “0.05” has more.');
  await loadMessages('es');
  assert.equal(t('chat.installations.count', { count: 1 }, 'es'), 'Tu billetera tiene 1 instalación de XMTP (como máximo 10).');
  await loadMessages('ar');
  assert.equal(t('chat.installations.count', { count: 2 }, 'ar'), 'لدى محفظتك تثبيتان لـ XMTP (الحد الأقصى 10).');
  assert.equal(t('chat.installations.count', { count: 3 }, 'ar'), 'لدى محفظتك 3 تثبيتات لـ XMTP (الحد الأقصى 10).');
});

test('loadMessages() registers a catalogue once; t() then answers in that language, and English needs no load', async () => {
  assert.ok(!loadMessages('en-US'), 'English: nothing to wait for');
  assert.ok(!loadMessages('fr'), 'no catalogue: English, nothing to wait for');
  const pending = loadMessages('ja-JP');
  assert.ok(pending instanceof Promise);
  assert.equal(loadMessages('ja'), pending, 'one load per language');
  await pending;
  assert.ok(!loadMessages('ja'), 'loaded: nothing to wait for');
  assert.equal(t('wallet.connect', {}, 'ja-JP'), 'ウォレットを接続');
  assert.equal(t('tip.send', { amount: '1 ETH' }, 'ja'), '1 ETH を送る', 'lazy keys come with the catalogue');
  await loadMessages('zh-CN');
  assert.equal(t('wallet.connect', {}, 'zh-CN'), '连接钱包');
  await loadMessages('ar-EG');
  assert.equal(t('wallet.connect', {}, 'ar-EG'), 'ربط المحفظة');
});
