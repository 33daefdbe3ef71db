import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMessages, t } from './i18n.js';

test('fills placeholders as text and keeps unknown ones', () => {
  assert.equal(t('wallet.connectedAs', { account: '<b>x</b>' }), 'Connected as <b>x</b>');
  assert.equal(t('wallet.connectingTo'), 'Approve the connection in {wallet}.');
});

test('falls back from region to language to English', () => {
  addMessages('es', { 'wallet.connect': 'Conectar billetera' });
  assert.equal(t('wallet.connect', {}, 'es-MX'), 'Conectar billetera');
  assert.equal(t('wallet.disconnect', {}, 'es'), 'Disconnect');
  assert.equal(t('wallet.connect', {}, 'xx'), 'Connect wallet');
});
