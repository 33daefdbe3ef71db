/**
 * Builds Storybook and opens every story in Chromium: each must render its
 * elements (upgraded, with a shadow root), log no errors, and pass axe.
 * A build that "succeeds" with untransformed decorators fails here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../../dev/demo/static-server.js';
import { launchChromium } from '../support/browser.js';

const out = mkdtempSync(join(tmpdir(), 'mask-storybook-'));
const build = spawnSync('npx', ['storybook', 'build', '--quiet', '-o', out], { encoding: 'utf8' });
const index = build.status === 0 ? (JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { entries: Record<string, { id: string; type: string; title: string; name: string }> }) : { entries: {} };
const stories = Object.values(index.entries).filter((e) => e.type === 'story');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: StaticServer;
let browser: Browser;
before(async () => {
  server = await startStaticServer({ root: out });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(out, { recursive: true, force: true });
});

test('storybook builds', () => {
  assert.equal(build.status, 0, build.stderr || build.stdout);
  assert.ok(stories.length > 0, 'at least one story');
});

describe('every story renders and passes axe', () => {
  for (const story of stories) {
    test(`${story.title} / ${story.name}`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      // Resource failures are reported with their URL below; the console line for them has none.
      page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
      page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`));
      await page.goto(`${server.url}/iframe.html?id=${story.id}&viewMode=story`);
      await page.waitForFunction(() => document.querySelector('#storybook-root')?.children.length, null, { timeout: 20_000 });
      const report = await page.evaluate(async () => {
        const root = document.querySelector('#storybook-root')!;
        const kit = [...root.querySelectorAll('*')].filter((el) => el.localName.startsWith('mask-'));
        await Promise.all(kit.map((el) => (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
        return {
          elements: kit.length,
          undefinedOrBare: kit.filter((el) => !customElements.get(el.localName) || !el.shadowRoot).map((el) => el.localName),
        };
      });
      assert.ok(report.elements > 0, 'the story renders at least one kit element');
      assert.deepEqual(report.undefinedOrBare, [], 'every kit element is upgraded and rendered');
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
        const result = await axe.run(document.querySelector('#storybook-root')!, { resultTypes: ['violations'] });
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      assert.deepEqual(violations, [], 'axe violations');
      assert.deepEqual(errors, [], 'console errors');
      await page.close();
    });
  }
});
