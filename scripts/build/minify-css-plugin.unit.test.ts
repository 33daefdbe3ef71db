import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { launchChromium } from '../../test/support/browser.js';
import { minifyCssTemplates, minifyCssText } from './minify-css-plugin.mjs';

test('drops comments and indentation, keeps strings, selectors and line breaks', () => {
  const source = "\n  :host {\n    color: red; /* one\n two */\n    content: ' a ;  b ';\n  }\n  :host * , .a :hover { margin: 0 4px ; }\n";
  const out = minifyCssText(source);
  assert.equal(out, "\n:host{\ncolor:red;\n\ncontent:' a ;  b '\n}\n:host *,.a :hover{margin:0 4px}\n");
  assert.equal(out.split('\n').length, source.split('\n').length, 'as many lines as the source');
});

test('keeps interpolations and one space beside them; leaves a template it cannot read', () => {
  assert.equal(minifyCssTemplates('x = css`  a {  margin: 0 ${gap}  2px;  }  `;'), 'x = css`a{margin:0 ${gap} 2px}`;');
  assert.equal(minifyCssTemplates('x = css`a { b: ${f(`t`)} }`;'), 'x = css`a { b: ${f(`t`)} }`;');
  assert.equal(minifyCssTemplates('x = html`<p>  a  </p>`;'), 'x = html`<p>  a  </p>`;', 'only css templates');
});

/** Every `css` template in src/, as written (interpolations as a custom property, which any value accepts). */
function templates(dir = 'src'): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return templates(path);
    if (!path.endsWith('.ts')) return [];
    const code = readFileSync(path, 'utf8');
    return [...code.matchAll(/\bcss`((?:\\.|\$\{[^`}]*\}|[^`\\$]|\$(?!\{))*)`/g)].map((m) => ({ file: path, text: m[1] }));
  });
}

test('Chromium reads every css template of src/ the same before and after', async () => {
  const found = templates();
  assert.ok(found.length >= 8, `found ${found.length} css templates`);
  const placeholder = (css: string) => css.replace(/\$\{[^}]*\}/g, 'var(--i)');
  const pairs = found.map(({ file, text }) => ({ file, before: placeholder(text), after: placeholder(minifyCssTemplates('css`' + text + '`').slice(4, -1)) }));
  assert.ok(pairs.every((p) => p.after.length < p.before.length), 'each template is smaller');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.evaluate('globalThis.__name = (f) => f'); // tsx names inner functions with a helper the page lacks
    const read = await page.evaluate((list) => {
      const rules = (css: string) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        return [...sheet.cssRules].map((r) => r.cssText).join('\n');
      };
      return list.map((p) => ({ file: p.file, before: rules(p.before), after: rules(p.after) }));
    }, pairs);
    // Chromium keeps a custom property's value as written, so `var(--a, b)` and `var(--a,b)` serialize apart:
    // the space after a comma is the one difference allowed (insignificant wherever the value is used).
    const commas = (text: string) => text.replace(/, /g, ',');
    for (const r of read) {
      assert.ok(r.before.length > 0, `${r.file}: Chromium read rules`);
      assert.equal(commas(r.after), commas(r.before), r.file);
    }
  } finally {
    await browser.close();
  }
});
