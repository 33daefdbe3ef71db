// One copy of esbuild's decorator helpers per build instead of one per module.
//
// esbuild lowers standard decorators (`@property() accessor x`) by writing
// ~1.5 KB of helpers (`__decorateElement`, `__runInitializers`, …) at the top of
// every decorated module; the entry alone carried five copies. This plugin runs
// after esbuild's transform: each top-level `var __name = …` that is exactly one
// of esbuild's helpers (learnt at build start by compiling a sample that needs
// all of them, with the same esbuild and target) is removed and imported from
// one virtual module instead. A helper whose text differs is left in place, so
// a different esbuild version costs bytes, never correctness.
import { transform } from 'esbuild';
import MagicString from 'magic-string';

const ID = '\0mask-esbuild-helpers';

// Uses every decorator form, private members and static blocks, so esbuild emits its whole helper set.
const SAMPLE = `
declare const d: any;
@d class A extends Object {
  @d accessor a = 1; @d static accessor b = 2; @d accessor #c = 3;
  @d m() {} @d static s() {} @d #p() {} @d get g() { return 1; } @d set g(v) {} @d get #h() { return 1; } @d set #h(v) {}
  @d f = 1; @d #q = 2; static { this.name; } #r = 1; has(o: object) { return #r in o; }
}`;

const helperName = /^__[A-Za-z]+$/;

/** The helper declarations (`name -> source`) esbuild writes for `target`. */
async function learnHelpers(parse, target) {
  const { code } = await transform(SAMPLE, { loader: 'ts', target, format: 'esm' });
  const helpers = new Map();
  for (const node of parse(code).body) {
    const name = helperOf(node);
    if (name) helpers.set(name, code.slice(node.start, node.end));
  }
  return helpers;
}

function helperOf(node) {
  if (node.type !== 'VariableDeclaration' || node.declarations.length !== 1) return undefined;
  const id = node.declarations[0].id;
  return id.type === 'Identifier' && helperName.test(id.name) && node.declarations[0].init ? id.name : undefined;
}

/** @param {{ target: string }} options the esbuild target the build uses */
export function sharedEsbuildHelpers({ target }) {
  /** @type {Map<string, string>} */
  let helpers = new Map();
  return {
    name: 'mask-shared-esbuild-helpers',
    async buildStart() {
      helpers = await learnHelpers((code) => this.parse(code), target);
      if (helpers.size < 10) this.warn(`learnt only ${helpers.size} esbuild helpers; decorated modules keep their own`);
    },
    resolveId(source) {
      return source === ID ? ID : null;
    },
    load(id) {
      if (id !== ID) return null;
      return `${[...helpers.values()].join('\n')}\nexport { ${[...helpers.keys()].join(', ')} };\n`;
    },
    transform(code, id) {
      if (id === ID || !code.includes('var __')) return null;
      const shared = [];
      const out = new MagicString(code);
      for (const node of this.parse(code).body) {
        const name = helperOf(node);
        if (!name || helpers.get(name) !== code.slice(node.start, node.end)) continue;
        shared.push(name);
        out.remove(node.start, node.end);
      }
      if (!shared.length) return null;
      out.prepend(`import { ${shared.join(', ')} } from ${JSON.stringify(ID)};\n`);
      return { code: out.toString(), map: out.generateMap({ hires: true }) };
    },
  };
}
