import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/** The dependency rule of DESIGN.md: pages | actions | middleware → web → src/lib → db, search. */
/** Forbidden import groups with their messages; one entry per file, or a later block would replace an earlier one. */
const forbidEach = (...rules) => ({
  'no-restricted-imports': ['error', { patterns: rules.map(([group, message]) => ({ group, message })) }],
});
const forbid = (patterns, message) => forbidEach(...patterns.map((group) => [group, message]));
const NO_DB = [['**/db/**', '**/db'], 'Only src/lib reaches db/: import the enum or type from its lib domain, which re-exports it.'];

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
    files: ['src/pages/**/*.{ts,astro}', 'src/components/**/*.{ts,astro}', 'src/layouts/**/*.{ts,astro}', 'src/actions/**/*.ts'],
    ignores: ['src/pages/api/**'],
    rules: forbidEach(NO_DB),
  },
  {
    files: ['src/pages/api/**/*.ts'],
    rules: forbidEach(NO_DB, [['**/actions/**', '**/actions'], 'API routes are adapters over src/lib and src/web; Astro actions serve the forms only.']),
  },
  {
    files: ['src/web/**/*.ts', 'src/middleware.ts'],
    rules: forbidEach(NO_DB, [
      ['**/actions/**', '**/actions', '**/pages/**', '**/components/**', '**/layouts/**'],
      'src/web and the middleware are the HTTP edge below pages and actions: they import src/lib, never what sits on them.',
    ]),
  },
  {
    files: ['db/**/*.ts', 'search/**/*.ts'],
    rules: forbid([['**/src/**', '../src/*', '../../src/*']], 'db/ and search/ must not import from src/.'),
  },
  {
    files: ['src/**/*.ts', 'db/**/*.ts', 'search/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js'] })],
      'import-x/extensions': ['.ts', '.mjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
