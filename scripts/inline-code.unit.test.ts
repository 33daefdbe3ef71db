import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { inlineCode } from '../stories/support/inline-code.js';

const html = (text: string) => renderToStaticMarkup(h(Fragment, null, inlineCode(text)));

test('API table descriptions render markdown code spans as <code>, not backticks', () => {
  assert.equal(html('Set `open` to show the `<dialog>`.'), 'Set <code>open</code> to show the <code>&lt;dialog&gt;</code>.');
});

test('text around and without code spans stays text, an unpaired backtick stays as is', () => {
  assert.equal(html('plain <b>x</b>'), 'plain &lt;b&gt;x&lt;/b&gt;');
  assert.equal(html('`a` and `b'), '<code>a</code> and `b');
  assert.equal(html(''), '');
});
