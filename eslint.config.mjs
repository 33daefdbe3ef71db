import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import tseslint from 'typescript-eslint';

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
  {
    // chai's `expect(x).to.exist` style.
    files: ['**/*.test.ts', '**/*.e2e.ts', 'test/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
