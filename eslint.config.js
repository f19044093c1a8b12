import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

/** The dependency rule of DESIGN.md: pages | actions | middleware → src/lib → db, search. */
const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group, message })) }],
});

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', '.astro/', 'node_modules/', '.tools/', 'test-results/', 'playwright-report/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['src/lib/**/*.ts'],
    rules: forbid(
      [['astro', 'astro:*', 'astro/*', '**/pages/**', '**/actions/**', '**/components/**', '**/layouts/**', '**/web/**', '**/middleware*']],
      'src/lib is the functional core: it must not depend on Astro or on the web layer.',
    ),
  },
  {
    files: ['db/**/*.ts', 'search/**/*.ts'],
    rules: forbid([['**/src/**', '../src/*', '../../src/*']], 'db/ and search/ must not import from src/.'),
  },
);
