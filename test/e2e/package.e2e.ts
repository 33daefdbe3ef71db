/**
 * The npm package as an app consumes it: every `exports` entry resolves
 * (types included), a class module registers nothing, its define module
 * registers the tag, and a consumer type-checks against the declarations.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../../dev/demo/static-server.js';
import { launchChromium } from '../support/browser.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; exports: Record<string, string | { types: string; import?: string }>; sideEffects: string[] };
const app = mkdtempSync(join(tmpdir(), 'mask-consumer-'));
let server: StaticServer;
let browser: Browser;

before(async () => {
  mkdirSync(join(app, 'node_modules'), { recursive: true });
  symlinkSync(resolve('.'), join(app, 'node_modules', pkg.name), 'dir');
  server = await startStaticServer({ root: app });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(app, { recursive: true, force: true });
});

test('every export entry points at a built file, with declarations', () => {
  for (const [path, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue; // ./cdn/* and ./package.json
    if (target.import) assert.ok(existsSync(target.import), `${path} -> ${target.import}`);
    assert.ok(existsSync(target.types), `${path} -> ${target.types}`);
  }
});

async function bundle(name: string, source: string): Promise<void> {
  writeFileSync(join(app, `${name}.ts`), source);
  await build({ entryPoints: [join(app, `${name}.ts`)], bundle: true, format: 'esm', target: 'es2022', outfile: join(app, `${name}.js`), logLevel: 'error' });
  writeFileSync(join(app, `${name}.html`), `<!doctype html><html lang="en"><title>${name}</title><script type="module" src="./${name}.js"></script><body></body>`);
}

async function run(name: string) {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}/${name}.html`);
  await page.waitForFunction(() => (window as unknown as { done?: boolean }).done === true);
  const result = await page.evaluate(() => (window as unknown as { result: unknown }).result);
  await page.close();
  assert.deepEqual(errors, []);
  return result;
}

test('a class module has no side effects; its define module registers the tag', async () => {
  for (const [el, cls] of [['id-badge', 'MaskIdBadge'], ['tip', 'MaskTip'], ['chat', 'MaskChat'], ['provider', 'MaskProvider']]) {
    await bundle(`class-${el}`, `import { ${cls} } from '${pkg.name}/${el}';\n(window as any).result = { cls: typeof ${cls}, defined: !!customElements.get('mask-${el}') };\n(window as any).done = true;\n`);
    assert.deepEqual(await run(`class-${el}`), { cls: 'function', defined: false }, el);
    await bundle(`define-${el}`, `import { ${cls} } from '${pkg.name}/${el}/define';\n(window as any).result = { same: customElements.get('mask-${el}') === ${cls} };\n(window as any).done = true;\n`);
    assert.deepEqual(await run(`define-${el}`), { same: true }, el);
  }
});

test('a TypeScript consumer type-checks against the published declarations', () => {
  writeFileSync(
    join(app, 'typed.ts'),
    `import { MaskIdBadge } from '${pkg.name}/id-badge';
import '${pkg.name}/tip/define';
import { MaskErrorEvent, type KitConfigInput } from '${pkg.name}';
const config: KitConfigInput = { chains: ['base'], defaultChain: 'base' };
const badge: MaskIdBadge = document.createElement('mask-id-badge');
badge.address = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
document.addEventListener('mask-error', (e: MaskErrorEvent) => console.log(e.code, config));
// @ts-expect-error size only takes sm | md | lg
badge.size = 'huge';
`,
  );
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, noEmit: true, lib: ['ES2023', 'DOM'], skipLibCheck: false, types: [] }, files: ['typed.ts'] }));
  execFileSync(resolve('node_modules/.bin/tsc'), ['-p', join(app, 'tsconfig.json')], { stdio: 'pipe' });
});

/** Runs a checker; its output when it fails (what it found), null when it passes. */
function check(bin: string, args: string[]): string | null {
  try {
    execFileSync(resolve('node_modules/.bin', bin), args, { stdio: 'pipe', cwd: app });
    return null;
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    return `${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}` || String(error);
  }
}

test('Vue templates type-check against mask-widgets/vue (vue-tsc): props and events typed, mistakes caught', () => {
  const dir = join(app, 'vue-app');
  mkdirSync(dir, { recursive: true });
  for (const name of ['vue', '@vue']) if (!existsSync(join(app, 'node_modules', name))) symlinkSync(resolve('node_modules', name), join(app, 'node_modules', name), 'dir');
  writeFileSync(join(dir, 'env.d.ts'), `import type {} from '${pkg.name}/vue';\n`);
  writeFileSync(
    join(dir, 'Good.vue'),
    `<script setup lang="ts">
import type { MaskTipConfirmedEvent, MaskErrorEvent } from '${pkg.name}';
const thanks = (e: MaskTipConfirmedEvent) => console.log(e.hash, e.detail.amount);
const failed = (e: MaskErrorEvent) => console.log(e.code);
</script>
<template>
  <mask-id-badge name="alice.eth" size="sm" variant="compact" />
  <mask-tip to="alice.eth" presets="1,5,10" token="USDC" theme="dark" @mask-tip-confirmed="thanks" @mask-error="failed" />
  <mask-chat peer="alice.eth" mode="inline" />
</template>
`,
  );
  writeFileSync(
    join(dir, 'Bad.vue'),
    `<script setup lang="ts">
const wrong = (e: MouseEvent) => console.log(e.clientX);
</script>
<template>
  <mask-id-badge size="huge" />
  <mask-tip to="alice.eth" @mask-tip-confirmed="wrong" />
</template>
`,
  );
  const tsconfig = (files: string[]) => JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, noEmit: true, lib: ['ES2023', 'DOM'], skipLibCheck: true, types: [], jsx: 'preserve' }, files: ['env.d.ts', ...files] });
  writeFileSync(join(dir, 'tsconfig.good.json'), tsconfig(['Good.vue']));
  writeFileSync(join(dir, 'tsconfig.bad.json'), tsconfig(['Bad.vue']));
  assert.equal(check('vue-tsc', ['-p', join(dir, 'tsconfig.good.json')]), null);
  const bad = check('vue-tsc', ['-p', join(dir, 'tsconfig.bad.json')]) ?? '';
  assert.match(bad, /Bad\.vue\(5,18\).*"huge"/, `the size is checked:\n${bad}`);
  assert.match(bad, /Bad\.vue\(6,.*MouseEvent/s, `the event type is checked:\n${bad}`);
});

test('Svelte markup type-checks against mask-widgets/svelte (svelte-check): props and events typed, mistakes caught', () => {
  const dir = join(app, 'svelte-app');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(app, 'node_modules', 'svelte'))) symlinkSync(resolve('node_modules', 'svelte'), join(app, 'node_modules', 'svelte'), 'dir');
  writeFileSync(join(dir, 'env.d.ts'), `import type {} from '${pkg.name}/svelte';\n`);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, noEmit: true, lib: ['ES2023', 'DOM'], skipLibCheck: true, types: [], verbatimModuleSyntax: true }, include: ['env.d.ts', '*.svelte'] }));
  const run = (markup: string) => {
    writeFileSync(join(dir, 'App.svelte'), markup);
    return check('svelte-check', ['--workspace', dir, '--tsconfig', join(dir, 'tsconfig.json'), '--output', 'machine', '--fail-on-warnings']);
  };
  assert.equal(
    run(`<script lang="ts">
  import type { MaskTipConfirmedEvent } from '${pkg.name}';
  const thanks = (e: MaskTipConfirmedEvent) => console.log(e.hash, e.detail.amount);
</script>
<mask-id-badge name="alice.eth" size="sm"></mask-id-badge>
<mask-tip to="alice.eth" presets="1,5,10" theme="dark" onmask-tip-confirmed={thanks}></mask-tip>
<mask-chat peer="alice.eth" mode="inline"></mask-chat>
`),
    null,
  );
  const bad = run(`<script lang="ts">
  const wrong = (e: MouseEvent) => console.log(e.clientX);
</script>
<mask-id-badge size="huge"></mask-id-badge>
<mask-tip to="alice.eth" onmask-tip-confirmed={wrong}></mask-tip>
`) ?? '';
  assert.match(bad, /ERROR "App\.svelte" 4:\d+ .*huge/, `the size is checked:\n${bad}`);
  assert.match(bad, /ERROR "App\.svelte" 5:\d+ .*MouseEvent/, `the event type is checked:\n${bad}`);
});

test('custom-elements.json (referenced from package.json) describes every element', () => {
  const { customElements: file } = JSON.parse(readFileSync('package.json', 'utf8')) as { customElements: string };
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { modules: { declarations?: { tagName?: string; attributes?: { name: string }[]; cssParts?: { name: string }[] }[] }[] };
  const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  const byTag = new Map(elements.map((d) => [d.tagName, d]));
  for (const tag of ['mask-id-badge', 'mask-tip', 'mask-chat', 'mask-provider']) assert.ok(byTag.has(tag), tag);
  assert.ok(byTag.get('mask-id-badge')!.attributes!.some((a) => a.name === 'address'));
  assert.ok(byTag.get('mask-id-badge')!.cssParts!.some((p) => p.name === 'avatar'));
  assert.ok(byTag.get('mask-provider')!.attributes!.some((a) => a.name === 'default-chain'));
});
