import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMessages, t } from './i18n.js';

test('fills placeholders as text and keeps unknown ones', () => {
  assert.equal(t('wallet.connectedAs', { account: '<b>x</b>' }), 'Connected as <b>x</b>');
  assert.equal(t('error.walletError'), 'Your wallet reported an error: {detail}');
});

test('falls back from region to language to English', () => {
  addMessages('es', { 'wallet.connect': 'Conectar billetera' });
  assert.equal(t('wallet.connect', {}, 'es-MX'), 'Conectar billetera');
  assert.equal(t('wallet.retry', {}, 'es'), 'Try again');
  assert.equal(t('wallet.connect', {}, 'xx'), 'Connect wallet');
});

test('keys registered by a lazy chunk work in every language, falling back to English', () => {
  addMessages('en', { 'lazy.only': 'Only {n} left' });
  assert.equal(t('lazy.only', { n: 2 }, 'ja-JP'), 'Only 2 left');
  assert.equal(t('lazy.only', { n: 2 }, 'ar'), 'Only 2 left');
  assert.equal(t('never.registered', {}, 'zh-CN'), 'never.registered', 'an unknown key shows itself, never throws');
});
