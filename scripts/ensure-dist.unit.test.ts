import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDist } from './ensure-dist.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'mask-dist-'));

test('a missing default dist/ is built before the bench starts', (t) => {
  const dir = fresh();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const lines: string[] = [];
  let builds = 0;
  const build = () => (builds++, writeFileSync(join(dir, 'mask-widgets.js'), ''), true);
  assert.equal(ensureDist(dir, { explicit: false, build, log: (l) => lines.push(l) }), 'built');
  assert.equal(builds, 1);
  assert.match(lines.join('\n'), /not built/);
  assert.equal(ensureDist(dir, { explicit: false, build }), 'present');
  assert.equal(builds, 1);
});

test('a failed build and a missing explicit MASK_DIST are said plainly', (t) => {
  const dir = fresh();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.throws(() => ensureDist(dir, { explicit: false, build: () => false, log: () => {} }), /build failed/);
  assert.throws(() => ensureDist(dir, { explicit: true, build: () => assert.fail('must not build') }), /MASK_DIST=.*npm run build/);
});
