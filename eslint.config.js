// ESLint (flat config). `npm run lint`; autofix with `npx eslint --fix .` (import order, type imports).
// Type-aware for the promise rules only: every model call is async (ADR 0018), and a promise that is
// not awaited, awaited twice or returned un-awaited from a try block is a bug no other check sees.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import unusedImports from 'eslint-plugin-unused-imports';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ALIAS_MESSAGE = 'Import through the aliases (~/…, ~db/…, ~emails), never with ../';
const NO_PARENT = { group: ['../*', '../**'], message: ALIAS_MESSAGE };

/**
 * The layers of app/ (README "Architecture", ADR 0013): what each folder may not import. A component may
 * still take the type of a route's loader (`SerializeFrom<typeof loader>`): a type import has no run-time edge.
 */
function layer(folder, forbidden) {
  const message = `app/${folder} may not import from ${forbidden.map((f) => `app/${f}`).join(', ')} (ADR 0013)`;
  return {
    files: [`app/${folder}/**`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: forbidden.filter((f) => f !== 'routes').map((f) => `~/${f}/*`), message },
            ...(forbidden.includes('routes')
              ? [{ group: ['~/routes/*'], message, allowTypeImports: true }]
              : []),
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'build/',
      'public/build/',
      'data/',
      'db/migrations/',
      'test-results/',
      'playwright-report/',
      'tests/.tmp/',
      '.cache/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: {
      'simple-import-sort': simpleImportSort,
      'react-hooks': reactHooks,
      'unused-imports': unusedImports,
    },
    rules: {
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // unused imports are removed by --fix; other unused names are reported
      '@typescript-eslint/no-unused-vars': 'off',
      'unused-imports/no-unused-imports': 'error',
      'unused-imports/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
          ignoreRestSiblings: true,
        },
      ],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // the project's own conventions that the recommended sets disagree with
      'no-control-regex': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // the app, its e-mails and the schema import each other through the aliases only
    files: ['app/**', 'emails/**', 'db/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_PARENT] }],
    },
  },
  // pure rules: no database, no rendering, no request plumbing
  layer('domain', ['models', 'jobs', 'auth', 'exports', 'utils', 'components', 'routes']),
  // the only code that touches the database: returns data, never HTML, PDF, XLSX or responses
  layer('models', ['jobs', 'auth', 'exports', 'components', 'routes']),
  // bytes for people, from data the caller read
  layer('exports', ['models', 'jobs', 'auth', 'components', 'routes']),
  layer('utils', ['models', 'jobs', 'auth', 'exports', 'components', 'routes']),
  layer('components', ['models', 'jobs', 'auth', 'exports', 'routes']),
  {
    // tests and scripts reach the app through the aliases; `../support/…` inside tests/ is fine
    files: ['tests/**', 'scripts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+(app|db|emails)(/|$)', message: ALIAS_MESSAGE }] },
      ],
    },
  },
  {
    // Playwright fixtures: `use` is not React's hook, and `async ({}, use)` is its documented shape
    files: ['tests/e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off', 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
