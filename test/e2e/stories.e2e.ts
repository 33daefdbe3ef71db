/**
 * Builds Storybook and opens every story in Chromium: each must render its
 * elements (upgraded, with a shadow root), log no errors, ask nothing of the
 * network (fixture hosts are `.invalid`), pass axe, and show the sentences of
 * its state (`story-sentences.ts`).
 * A build that "succeeds" with untransformed decorators fails here.
 * Then every docs page: it renders without errors, an element's page has the
 * API tables of everything its manifest entry lists, and it passes axe.
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
import { sentencePattern, STORY_SENTENCES } from './story-sentences.js';

const out = mkdtempSync(join(tmpdir(), 'mask-storybook-'));
const build = spawnSync('npx', ['storybook', 'build', '--quiet', '-o', out], { encoding: 'utf8' });
const index = build.status === 0 ? (JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { entries: Record<string, { id: string; type: string; title: string; name: string }> }) : { entries: {} };
const stories = Object.values(index.entries).filter((e) => e.type === 'story');
const docs = Object.values(index.entries).filter((e) => e.type === 'docs');
interface Decl {
  tagName?: string;
  attributes?: unknown[];
  events?: { name?: string }[];
  slots?: unknown[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
  cssStates?: unknown[];
}
const manifest = JSON.parse(readFileSync('dist/custom-elements.json', 'utf8')) as { modules: { declarations?: Decl[] }[] };
const declarations = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
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

test('a docs page per element and the guides', () => {
  const titles = docs.map((d) => d.title).sort();
  for (const d of declarations) assert.ok(titles.includes(`Elements/${d.tagName}`), `docs page for <${d.tagName}>`);
  for (const guide of ['Guides/Getting started', 'Guides/Theming', 'Guides/Security and privacy', 'Guides/Production']) assert.ok(titles.includes(guide), guide);
});

/** Per tag, over every story: the parts its elements expose and their style sheets' text. */
const styling = new Map<string, { parts: Set<string>; css: string }>();

/** Private tokens (`var(--_x)`) a style sheet uses without a `--_x:` declaration anywhere in it. */
function undefinedPrivateTokens(css: string): string[] {
  const defined = new Set([...css.matchAll(/(--_[\w-]+)\s*:/g)].map((m) => m[1]));
  return [...new Set([...css.matchAll(/var\(\s*(--_[\w-]+)/g)].map((m) => m[1]))].filter((t) => !defined.has(t)).sort();
}

/**
 * In the page: every kit element (through shadow roots), the parts it exposes
 * (its shadow tree's `part`s plus what nested elements forward with
 * `exportparts`), and the text of its shadow root's style sheets and inline styles.
 */
function renderedStyling(): { tag: string; parts: string[]; css: string }[] {
  const exposed = (host: Element): Set<string> => {
    const out = new Set<string>();
    for (const el of host.shadowRoot?.querySelectorAll('*') ?? []) {
      el.part.forEach((p) => out.add(p));
      const map = el.getAttribute('exportparts');
      if (!map || !el.shadowRoot) continue;
      const inner = exposed(el);
      for (const pair of map.split(',')) {
        const [from, to = from] = pair.split(':').map((x) => x.trim());
        if (inner.has(from)) out.add(to);
      }
    }
    return out;
  };
  const cssOf = (root: ShadowRoot) =>
    [...root.adoptedStyleSheets, ...[...root.querySelectorAll('style')].map((s) => s.sheet!)]
      .flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText))
      .concat([...root.querySelectorAll('[style]')].map((e) => `${e.getAttribute('style')};`))
      .join('\n');
  const found: Element[] = [];
  const walk = (root: ParentNode) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.localName.startsWith('mask-') && el.shadowRoot) found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return found.map((el) => ({ tag: el.localName, parts: [...exposed(el)], css: cssOf(el.shadowRoot!) }));
}

/**
 * In the page: the text a reader sees, one entry per text node (white space
 * collapsed), through shadow roots: nodes whose element is rendered, not
 * transparent or invisible, not clipped away (`.visually-hidden`), with a box.
 */
function visibleTexts(): string[] {
  const out: string[] = [];
  const clipped = (el: Element | null): boolean => {
    for (let e = el; e; e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host || null)) if (getComputedStyle(e).clipPath !== 'none') return true;
    return false;
  };
  const walk = (root: Node) => {
    const it = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = it.nextNode(); n; n = it.nextNode()) {
      if (n.nodeType === Node.ELEMENT_NODE) {
        if ((n as Element).shadowRoot) walk((n as Element).shadowRoot!);
        continue;
      }
      const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
      const parent = n.parentElement;
      if (!text || !parent || !parent.checkVisibility({ opacityProperty: true, visibilityProperty: true }) || clipped(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const box = range.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) out.push(text);
    }
  };
  walk(document.querySelector('#storybook-root')!);
  return out;
}

test('every story says what it shows: its sentences, or why it has none', () => {
  const ids = stories.map((s) => s.id);
  assert.ok(ids.length > 0, 'stories built');
  assert.deepEqual(
    ids.filter((id) => !Object.hasOwn(STORY_SENTENCES, id)),
    [],
    'stories with no entry in test/e2e/story-sentences.ts (the sentences of their state, or { none: why })',
  );
  assert.deepEqual(
    Object.keys(STORY_SENTENCES).filter((id) => !ids.includes(id)),
    [],
    'entries in story-sentences.ts that name no story',
  );
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
      // A story runs on fixtures: nothing leaves for a real host (`.invalid` names never resolve).
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (/^https?:$/.test(url.protocol) && url.origin !== server.url && !url.hostname.endsWith('.invalid')) errors.push(`request to ${url.origin}`);
      });
      await page.goto(`${server.url}/iframe.html?id=${story.id}&viewMode=story`);
      await page.waitForFunction(() => document.querySelector('#storybook-root')?.children.length, null, { timeout: 20_000 });
      // Storybook is done with a story after its play function (which drives it to its state) has returned.
      const phase = await page.waitForFunction(
        () => {
          const p = (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } }).__STORYBOOK_PREVIEW__?.currentRender?.phase;
          return p && ['completed', 'afterEach', 'finished', 'errored', 'aborted'].includes(p) && p;
        },
        null,
        { timeout: 30_000 },
      );
      assert.notEqual(await phase.jsonValue(), 'errored', 'the story (its play function) threw');
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
      // The state's sentences are visible (they may arrive after the play function: chat stories have none).
      const expected = STORY_SENTENCES[story.id];
      if (Array.isArray(expected)) {
        // tsx compiles named inner functions with esbuild's `__name` helper, which the page lacks.
        await page.evaluate('globalThis.__name = (f) => f');
        const patterns = expected.map(sentencePattern);
        const missing = async () => {
          const texts = await page.evaluate(visibleTexts);
          return { texts, missing: expected.filter((_, i) => !texts.some((text) => new RegExp(patterns[i]).test(text))) };
        };
        let seen = await missing();
        for (let i = 0; i < 50 && seen.missing.length; i++) {
          await new Promise((r) => setTimeout(r, 200));
          seen = await missing();
        }
        assert.deepEqual(seen.missing, [], `sentences not visible; the story shows: ${JSON.stringify(seen.texts).slice(0, 1500)}`);
      } else {
        assert.ok(expected?.none, 'the story has an entry in story-sentences.ts');
      }
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
        const result = await axe.run(document.querySelector('#storybook-root')!, { resultTypes: ['violations'] });
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      assert.deepEqual(violations, [], 'axe violations');
      assert.deepEqual(errors, [], 'console errors');
      // tsx compiles named inner functions with esbuild's `__name` helper, which the page lacks.
      await page.evaluate('globalThis.__name = (f) => f');
      const rendered = await page.evaluate(renderedStyling);
      for (const r of rendered) {
        const seen = styling.get(r.tag) ?? { parts: new Set<string>(), css: '' };
        r.parts.forEach((p) => seen.parts.add(p));
        seen.css += r.css;
        styling.set(r.tag, seen);
      }
      assert.deepEqual(
        rendered.flatMap((r) => undefinedPrivateTokens(r.css).map((t) => `<${r.tag}> uses ${t}`)),
        [],
        'private tokens used but never defined',
      );
      await page.close();
    });
  }
});

/**
 * Documented, but no story shows it yet: the launcher's unread count needs a message delivered live
 * while the chat is closed, and the chat story fixture's `deliver()` does not reach the conversation.
 */
// backup-progress shows only while an archive is being written or read (the SDK gives no progress to pause on).
const NOT_YET_IN_A_STORY = new Set(['<mask-chat> part unread', '<mask-chat> part backup-progress']);

test('every documented part and custom property is on a rendered element', (t) => {
  const missing: string[] = [];
  for (const d of declarations) {
    const seen = styling.get(d.tagName!);
    for (const { name } of d.cssParts ?? []) if (!seen?.parts.has(name)) missing.push(`<${d.tagName}> part ${name}`);
    for (const { name } of d.cssProperties ?? []) if (!seen?.css.includes(`var(${name}`)) missing.push(`<${d.tagName}> custom property ${name}`);
  }
  assert.ok(stories.length > 0, 'stories rendered');
  for (const known of NOT_YET_IN_A_STORY) t.diagnostic(missing.includes(known) ? `not checked yet: ${known}` : `${known} is now rendered: remove it from NOT_YET_IN_A_STORY`);
  assert.deepEqual(
    missing.filter((m) => !NOT_YET_IN_A_STORY.has(m)),
    [],
    'documented in custom-elements.json but rendered by no story',
  );
});

describe('every docs page renders, with the API tables from the manifest, and passes axe', () => {
  for (const entry of docs) {
    test(entry.title, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
      page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`));
      await page.goto(`${server.url}/iframe.html?id=${entry.id}&viewMode=docs`);
      await page.waitForSelector('#storybook-docs h1', { timeout: 30_000 });
      const tag = entry.title.startsWith('Elements/') ? entry.title.slice('Elements/'.length) : '';
      if (tag) {
        const decl = declarations.find((d) => d.tagName === tag)!;
        await page.waitForSelector('[data-api-table]');
        const rows = await page.evaluate(() =>
          Object.fromEntries([...document.querySelectorAll('[data-api-table]')].map((s) => [s.getAttribute('data-api-table'), s.querySelectorAll('tbody tr').length])),
        );
        const expected = {
          attributes: decl.attributes?.length ?? 0,
          events: decl.events?.filter((e) => e.name).length ?? 0,
          slots: decl.slots?.length ?? 0,
          'css-parts': decl.cssParts?.length ?? 0,
          'css-properties': decl.cssProperties?.length ?? 0,
          'custom-states': decl.cssStates?.length ?? 0,
        };
        for (const [table, count] of Object.entries(expected)) assert.equal(rows[table] ?? 0, count, `<${tag}> ${table} rows`);
        assert.ok(rows.properties > 0, `<${tag}> has a properties table`);
        // Descriptions are markdown: a code span must render as <code>, not as backticks.
        const ticked = await page.evaluate(() =>
          [...document.querySelectorAll('[data-api-table] tbody td:last-child')]
            .map((td) => {
              const copy = td.cloneNode(true) as Element;
              copy.querySelectorAll('code').forEach((c) => c.remove());
              return copy.textContent ?? '';
            })
            .filter((t) => /`[^`]+`/.test(t)),
        );
        assert.deepEqual(ticked, [], `<${tag}> API descriptions show backticks`);
      }
      // Inline stories on the page: their kit elements must upgrade and render.
      await page.evaluate(async () => {
        const kit = [...document.querySelectorAll('#storybook-docs *')].filter((el) => el.localName.startsWith('mask-'));
        await Promise.all(kit.map((el) => (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
      });
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: object, opts: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
        // Scoped out: Storybook's own controls table (its toggles' decorative text and an unlabelled
        // radio for an empty option fail color-contrast / label); it is Storybook's UI, not the kit's.
        const result = await axe.run({ include: ['#storybook-docs'], exclude: ['.docblock-argstable'] }, { resultTypes: ['violations'] });
        return result.violations.map((v) => `${v.id} (${v.nodes.length}) ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
      });
      assert.deepEqual(violations, [], 'axe violations');
      assert.deepEqual(errors, [], 'console errors');
      await page.close();
    });
  }
});
