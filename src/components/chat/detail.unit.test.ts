import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chatMessages } from './chat.messages.js';
import { addMessages, t } from '../../internal/i18n.js';
import { EngineError } from '../../messaging/types.js';
import { detailOf } from '../../identity/ens.js';
import { identityMessages } from '../../identity/identity.messages.js';

// Where an error's message meets a sentence that closes it itself, `({detail}).` (issue 15: “(HTTP request failed.).”).
test('identity and chat sentences read with one final stop whatever the error says', () => {
  addMessages('en', identityMessages);
  addMessages('en', chatMessages);
  assert.equal(t('badge.ensFailed', { detail: detailOf(new Error('HTTP request failed.\nURL: http://127.0.0.1:9/')) }, 'en'), 'The name service did not answer (HTTP request failed).');
  assert.equal(t('badge.lensFailed', { detail: detailOf({ shortMessage: 'Request timed out.' }) }, 'en'), 'The Lens API did not answer (Request timed out).');
  const engine = new EngineError('node-unreachable', 'fetch failed.');
  assert.equal(t('chat.error.node', { detail: engine.message }, 'en'), 'The XMTP network cannot be reached (fetch failed). Retrying…');
});
