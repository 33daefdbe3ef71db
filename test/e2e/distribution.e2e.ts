/**
 * The built dist/ as a CDN serves it: SRI hashes that match, a classic-script
 * loader, and a page that loads two copies of the kit without breaking.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../../dev/demo/static-server.js';
import { launchChromium } from '../support/browser.js';

let cdn: StaticServer;
let page: StaticServer;
let browser: Browser;
const html = new Map<string, string>();

before(async () => {
  cdn = await startStaticServer({ root: 'dist', cors: true, precompressed: true });
  page = await startStaticServer({
    root: 'dist',
    handle: (req, res) => {
      const body = html.get(new URL(req.url ?? '/', 'http://x').pathname);
      if (!body) return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end(body);
      return true;
    },
  });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await Promise.all([cdn?.close(), page?.close()]);
});

test('integrity.json lists every shipped file with its sha384', () => {
  const integrity = JSON.parse(readFileSync('dist/integrity.json', 'utf8')) as Record<string, string>;
  assert.ok(integrity['mask-widgets.js'] && integrity['mask-widgets.classic.js']);
  for (const [file, hash] of Object.entries(integrity)) {
    const actual = `sha384-${createHash('sha384').update(readFileSync(join('dist', file))).digest('base64')}`;
    assert.equal(hash, actual, file);
  }
});

test('the module entry with its SRI hash and the classic loader both define the elements cross-origin', async () => {
  const integrity = JSON.parse(readFileSync('dist/integrity.json', 'utf8')) as Record<string, string>;
  html.set('/module.html', `<!doctype html><html lang="en"><title>m</title><script type="module" src="${cdn.url}/mask-widgets.js" integrity="${integrity['mask-widgets.js']}" crossorigin></script><mask-id-badge address="0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"></mask-id-badge>`);
  html.set('/classic.html', `<!doctype html><html lang="en"><title>c</title><script src="${cdn.url}/mask-widgets.classic.js" integrity="${integrity['mask-widgets.classic.js']}" crossorigin></script><mask-id-badge address="0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"></mask-id-badge>`);
  for (const path of ['/module.html', '/classic.html']) {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    await tab.goto(page.url + path);
    await tab.locator('mask-id-badge').getByText('0x5aAe…eAed').waitFor();
    assert.deepEqual(errors, [], path);
    await tab.close();
  }
});

test('two copies of the kit on one page: nothing throws, one warning, the widgets work', async () => {
  html.set('/twice.html', `<!doctype html><html lang="en"><title>t</title>
    <script type="module" src="${cdn.url}/mask-widgets.js"></script>
    <!-- Another URL is another module instance: a second copy of the kit, as when two plugins each bundle it. -->
    <script type="module" src="${cdn.url}/mask-widgets.js?second-copy"></script>
    <mask-id-badge address="0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"></mask-id-badge>`);
  const tab = await browser.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  tab.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await tab.goto(`${page.url}/twice.html`);
  await tab.locator('mask-id-badge').getByText('0x5aAe…eAed').waitFor();
  await tab.waitForFunction(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('mask-widgets.js')).length === 2);
  await tab.waitForTimeout(200);
  assert.deepEqual(errors, []);
  assert.equal(warnings.filter((w) => w.includes('already defined')).length, 1, warnings.join('\n'));
  assert.equal(await tab.evaluate(() => typeof (window.MaskWidgets as { configure?: unknown }).configure), 'function');
  await tab.close();
});
