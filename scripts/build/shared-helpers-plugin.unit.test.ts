import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { rollup, type Plugin } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { sharedEsbuildHelpers } from './shared-helpers-plugin.mjs';

// Two decorated modules and an entry that uses both; the decorators record what they saw.
const sources = {
  'log.ts': 'export const seen: string[] = [];\nexport const track = (_v: unknown, ctx: { name: string | symbol; kind: string }) => { seen.push(`${ctx.kind}:${String(ctx.name)}`); };\n',
  'a.ts': "import { track } from './log.ts';\nexport class A { @track accessor x = 1; @track static accessor s = 2; @track go() { return this.x; } }\n",
  'b.ts': "import { track } from './log.ts';\nexport class B { @track accessor y = 'b'; #z = 3; @track get z() { return this.#z; } }\n",
  'entry.ts': "import { A } from './a.ts';\nimport { B } from './b.ts';\nimport { seen } from './log.ts';\nexport const result = { seen, x: new A().go(), s: A.s, y: new B().y, z: new B().z };\n",
};

async function bundle(dir: string, plugins: Plugin[]): Promise<string> {
  const build = await rollup({ input: join(dir, 'entry.ts'), onwarn: () => {}, plugins: [esbuild({ target: 'es2022' }), ...plugins] });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  return output.map((o) => (o.type === 'chunk' ? o.code : '')).join('\n');
}

test('decorated modules share one copy of the esbuild helpers, and still behave the same', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mask-helpers-'));
  try {
    for (const [name, text] of Object.entries(sources)) writeFileSync(join(dir, name), text);
    const copies = (code: string) => code.split('Object expected').length - 1;
    const plain = await bundle(dir, []);
    const shared = await bundle(dir, [sharedEsbuildHelpers({ target: 'es2022' })]);
    assert.equal(copies(plain), 2, 'without the plugin each decorated module carries its own helpers');
    assert.equal(copies(shared), 1, 'with it, one copy');
    assert.ok(shared.length < plain.length - 1000, `smaller: ${plain.length} -> ${shared.length} bytes`);
    const run = async (code: string, file: string) => {
      writeFileSync(join(dir, file), code);
      return ((await import(pathToFileURL(join(dir, file)).href)) as { result: unknown }).result;
    };
    const before = (await run(plain, 'plain.mjs')) as { seen: string[] };
    assert.deepEqual({ ...before, seen: [...before.seen].sort() }, { seen: ['accessor:s', 'accessor:x', 'accessor:y', 'getter:z', 'method:go'], x: 1, s: 2, y: 'b', z: 3 });
    assert.deepEqual(await run(shared, 'shared.mjs'), before, 'same decorator calls in the same order, same values');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
