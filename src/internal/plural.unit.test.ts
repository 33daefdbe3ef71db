import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMessages, t } from './i18n.js';
import { withPlurals } from './plural.js';

test('a count takes the plural form of its language (Intl.PluralRules), exact =N first, # is the number', () => {
  addMessages('en', withPlurals({ 'lazy.files': '{n, plural, =0 {No files} one {# file} other {# files}} in {dir}' }));
  addMessages('ar', { 'lazy.files': '{n, plural, one {ملف واحد} two {ملفان} few {# ملفات} other {# ملف}}' });
  assert.equal(t('lazy.files', { n: 0, dir: 'a' }, 'en'), 'No files in a');
  assert.equal(t('lazy.files', { n: 1, dir: 'a' }, 'en'), '1 file in a');
  assert.equal(t('lazy.files', { n: 2, dir: 'a' }, 'en-GB'), '2 files in a');
  assert.equal(t('lazy.files', { n: 2 }, 'ar'), 'ملفان');
  assert.equal(t('lazy.files', { n: 5 }, 'ar'), '5 ملفات');
  assert.equal(t('lazy.files', { n: 100 }, 'ar'), '100 ملف', 'many has no form here: other');
  assert.equal(t('lazy.files', { n: 1, dir: 'a' }, 'not a tag!'), '1 file in a', 'a tag Intl refuses: English, other rules never throw');
  assert.equal(t('lazy.files', { dir: 'a' }, 'en'), '{n, plural, =0 {No files} one {# file} other {# files}} in a', 'a missing count stays visible');
  assert.equal(t('wallet.connectedAs', { account: '{n, plural, one {x} other {y}}' }, 'en'), 'Connected as {n, plural, one {x} other {y}}', 'values are text, never rules');
});
