import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import tseslint from 'typescript-eslint';
import floors from './scripts/eslint/no-cycle.mjs';

/**
 * The floors of src/ (CONTRIBUTING.md, "Floors"): a file may import its own floor or the ones
 * below, never one above, and `import type`, `export … from`, `import()` and `typeof import()`
 * count as much as a plain import. One block per floor: `@typescript-eslint/no-restricted-imports`
 * (allowTypeImports: false) for static imports, `no-restricted-syntax` for dynamic and type
 * imports, both from one regex over the specifier. A second block for the floor's non-test files
 * adds rule 6 (src never imports test/, dev/, stories/ or bench/; tests may).
 */
const OUTSIDE = { regex: '^(\\.\\./)+(test|dev|stories|bench)/', rule: 'Floors rule 6: nothing under src/ imports test/, dev/, stories/ or bench/' };

function floor(name, { files, ignores = [] }, ...forbidden) {
  const blocks = (list) => ({
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: list.map(({ regex, rule }) => ({ regex, message: `${rule} (CONTRIBUTING.md, "Floors").`, allowTypeImports: false })) }],
    'no-restricted-syntax': [
      'error',
      ...list.flatMap(({ regex, rule }) =>
        // esquery regex literals cannot hold a slash: write it as \x2F.
        ['ImportExpression[source.value', 'TSImportType[argument.literal.value'].map((node) => ({
          selector: `${node}=/${regex.replaceAll('/', '\\x2F')}/]`,
          message: `${rule} (CONTRIBUTING.md, "Floors"); dynamic and type imports count.`,
        })),
      ),
    ],
  });
  return [
    { name: `floors/${name}`, files, ignores, rules: blocks(forbidden) },
    { name: `floors/${name} (sources)`, files, ignores: [...ignores, '**/*.test.ts'], rules: blocks([...forbidden, OUTSIDE]) },
  ];
}

const SERVICES = ['wallet', 'identity', 'messaging', 'tip', 'attachments', 'inbox'];

export default tseslint.config(
  { ignores: ['dist/', 'storybook-static/', 'node_modules/', 'coverage/', 'test-results/', 'dev/.state/', '**/*.d.mts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts'],
    plugins: { lit, 'lit-a11y': litA11y, wc },
    rules: {
      ...lit.configs['flat/recommended'].rules,
      ...litA11y.configs.recommended.rules,
      ...wc.configs['flat/recommended'].rules,
      // Shadow-DOM elements attach shadow roots in LitElement; the rule targets hand-written elements.
      'wc/guard-super-call': 'off',
    },
  },
  {
    // Scripts, infrastructure and tests print progress on purpose.
    files: ['dev/**', 'scripts/**', 'test/**', 'bench/**', '**/*.test.ts', '**/*.e2e.ts', '*.mjs'],
    rules: { 'no-console': 'off' },
  },
  ...floor('leaves', { files: ['src/internal/**/*.ts', 'src/events/**/*.ts', 'src/config/**/*.ts', 'src/locales/**/*.ts'] }, {
    regex: '^\\.\\./(?!(internal|events|config|locales)/|\\.\\./)',
    rule: 'Floors rule 1: internal/, events/, config/ and locales/ import nothing from src/ above them',
  }),
  ...floor('services', { files: SERVICES.map((f) => `src/${f}/**/*.ts`) }, {
    regex: '^\\.\\./(context|components)/|^\\.\\./[^/]+\\.js$',
    rule: 'Floors rule 2: a service (wallet/, identity/, messaging/, tip/, …) never imports context/, components/ or the entry, not even a type; declare the port it needs and let Kit satisfy it',
  }),
  ...floor('context', { files: ['src/context/**/*.ts'] }, {
    regex: '^\\.\\./components/|^\\.\\./[^/]+\\.js$',
    rule: 'Floors rule 3: context/ never imports components/ or the entry, not even lazily; the entry hands the kit its UI flows (kit.useConnector)',
  }),
  ...floor('components/base', { files: ['src/components/base/**/*.ts'] }, {
    regex: '^\\.\\./(?!base/|\\.\\./)|^\\.\\./\\.\\./[^/]+\\.js$',
    rule: 'Floors rule 4: components/base/ imports no element and not the entry; an element builds on it, not the other way round',
  }),
  ...floor('elements', { files: ['src/components/*/**/*.ts'], ignores: ['src/components/base/**'] }, {
    regex: '^\\.\\./\\.\\./[^/]+\\.js$',
    rule: 'Floors: an element never imports the entry (mask-widgets.ts); the entry imports the elements',
  }),
  {
    // floors/no-cycle: the import graph of src/ has no cycle (every kind of import counts).
    files: ['src/**/*.ts'],
    plugins: { floors },
    rules: { 'floors/no-cycle': 'error' },
  },
  {
    // chai's `expect(x).to.exist` style.
    files: ['**/*.test.ts', '**/*.e2e.ts', 'test/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
