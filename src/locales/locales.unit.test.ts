/**
 * Every catalogue in this folder holds exactly the English keys (the entry's
 * and every lazy `*.messages.ts` module's) with the same `{placeholders}`.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { en as entry, loadMessages, t } from '../internal/i18n.js';

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

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

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
}

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
