/**
 * The floor rules fire: the project's own ESLint configuration (no mocks) lints small files
 * placed on each floor and must report upward imports of every kind (static, `import type`,
 * dynamic `import()`, `typeof import()`), src importing test code, and an import cycle, with a
 * message that names the rule. Allowed imports stay quiet.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const config = path.join(repo, 'eslint.config.mjs');
const FLOOR_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax', 'floors/no-cycle']);

/** The floor findings for `code` as if it were the file `file` (relative to `cwd`). */
async function floorsOf(code: string, file: string, cwd = repo): Promise<Linter.LintMessage[]> {
  const eslint = new ESLint({ cwd, overrideConfigFile: config });
  const [result] = await eslint.lintText(code, { filePath: path.join(cwd, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `${file} parses`);
  return result.messages.filter((m) => m.ruleId && FLOOR_RULES.has(m.ruleId));
}

function expectOne(messages: Linter.LintMessage[], ruleId: string, says: RegExp): void {
  assert.equal(messages.length, 1, JSON.stringify(messages.map((m) => m.message)));
  assert.equal(messages[0].ruleId, ruleId);
  assert.match(messages[0].message, says);
}

describe('floor rules (restricted imports per floor)', () => {
  test('internal/ importing the context is an upward import', async () => {
    expectOne(await floorsOf(`import { Kit } from '../context/kit.js';\nexport const k = Kit;\n`, 'src/internal/probe.ts'), '@typescript-eslint/no-restricted-imports', /Floors rule 1/);
  });

  test('a service importing the context only as a type is still an upward import', async () => {
    expectOne(await floorsOf(`import type { Kit } from '../context/kit.js';\nexport type K = Kit;\n`, 'src/identity/probe.ts'), '@typescript-eslint/no-restricted-imports', /Floors rule 2/);
    expectOne(await floorsOf(`export type { Kit } from '../context/kit.js';\n`, 'src/tip/probe.ts'), '@typescript-eslint/no-restricted-imports', /Floors rule 2/);
    expectOne(await floorsOf(`export type K = typeof import('../components/base/mask-element.js');\n`, 'src/messaging/probe.ts'), 'no-restricted-syntax', /Floors rule 2/);
  });

  test('the context importing a component lazily (import()) is an upward import', async () => {
    expectOne(await floorsOf(`export const open = () => import('../components/base/open-connect-dialog.js');\n`, 'src/context/probe.ts'), 'no-restricted-syntax', /Floors rule 3.*dynamic and type imports count/);
  });

  test('the base element floor imports no element; elements do not import the entry', async () => {
    expectOne(await floorsOf(`import '../tip/define.js';\n`, 'src/components/base/probe.ts'), '@typescript-eslint/no-restricted-imports', /Floors rule 4/);
    expectOne(await floorsOf(`import { MaskWidgets } from '../../mask-widgets.js';\nexport const api = MaskWidgets;\n`, 'src/components/tip/probe.ts'), '@typescript-eslint/no-restricted-imports', /never imports the entry/);
  });

  test('src never imports test code; its tests may', async () => {
    const code = `import { devKitChain } from '../../dev/chain/kit-chain.js';\nexport const c = devKitChain;\n`;
    expectOne(await floorsOf(code, 'src/wallet/probe.ts'), '@typescript-eslint/no-restricted-imports', /Floors rule 6/);
    assert.deepEqual(await floorsOf(code, 'src/wallet/probe.unit.test.ts'), []);
  });

  test('imports on the same floor or below are fine, type-only and dynamic ones included', async () => {
    const service = `import type { KitConfig } from '../config/config.js';\nimport { KitError } from '../internal/errors.js';\nimport type { Identity } from '../identity/types.js';\nexport const e = (c: KitConfig, i: Identity) => new KitError('unknown', String(c.lang) + i.address);\nexport const load = () => import('../wallet/clients.js');\n`;
    assert.deepEqual(await floorsOf(service, 'src/tip/probe.ts'), []);
    const element = `import { MaskElement } from '../base/mask-element.js';\nimport type { Kit } from '../../context/kit.js';\nexport class Probe extends MaskElement { k?: Kit; }\nexport const view = () => import('../id-badge/mask-id-badge.view.js');\n`;
    assert.deepEqual(await floorsOf(element, 'src/components/probe/probe.ts'), []);
  });
});

describe('floors/no-cycle', () => {
  let dir: string;
  before(() => {
    // A small src/ of its own: a.ts → b.ts (type-only) → c.ts ⇢ a.ts (dynamic), and d.ts → a.ts (no cycle).
    dir = mkdtempSync(path.join(tmpdir(), 'floors-'));
    mkdirSync(path.join(dir, 'src/x'), { recursive: true });
    writeFileSync(path.join(dir, 'src/x/b.ts'), `import type { C } from './c.js';\nexport type B = C;\n`);
    writeFileSync(path.join(dir, 'src/x/c.ts'), `export type C = number;\nexport const load = () => import('./a.js');\n`);
    writeFileSync(path.join(dir, 'src/x/a.ts'), `import type { B } from './b.js';\nexport const a: B = 1;\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a cycle through a type-only and a dynamic import is reported with its path and the rule name', async () => {
    const messages = await floorsOf(`import type { B } from './b.js';\nexport const a: B = 1;\n`, 'src/x/a.ts', dir);
    expectOne(messages, 'floors/no-cycle', /^floors\/no-cycle: .*x\/a\.ts → x\/b\.ts → x\/c\.ts → x\/a\.ts/);
    assert.equal(messages[0].line, 1, 'at the import that closes it');
  });

  test('the same file without the import that closes the cycle is quiet', async () => {
    assert.deepEqual(await floorsOf(`export const a = 1;\n`, 'src/x/a.ts', dir), []);
    assert.deepEqual(await floorsOf(`import { a } from './a.js';\nexport const d = a;\n`, 'src/x/d.ts', dir), []);
  });
});
