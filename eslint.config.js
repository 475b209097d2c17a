// Lint: TypeScript rules plus the architecture's import rules, enforced rather than hoped for.
//  - src/core imports nothing of ours outside src/core, and no Node built-ins (no I/O, clock or randomness);
//  - only src/db holds SQL (string literals that read like SQL statements, keywords in capitals as the house style writes them, are refused elsewhere);
//  - src/web never imports Node code or the server-side layers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const SQL = String.raw`^\s*(SELECT\s[\s\S]*\sFROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(TABLE|INDEX|DATABASE)\s|ALTER\s+TABLE\s|DROP\s+(TABLE|DATABASE)\s|WITH\s+\w+\s+AS\s*\()`;
const sqlOutsideDb = [
  { selector: `Literal[value=/${SQL}/]`, message: 'SQL belongs in src/db (a repository function).' },
  { selector: `TemplateElement[value.raw=/${SQL}/]`, message: 'SQL belongs in src/db (a repository function).' },
];
const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'worker_threads',
  'process',
];

/** Data-like source files allowed over 400 lines (see docs/ARCHITECTURE.md, "Long files"). */
const LONG_DATA_FILES = ['src/web/i18n/*.ts', 'src/db/rows.generated.ts'];

/** A layer rule: files matching `files` may not import the named layers under src/ (type-only imports allowed). */
function layer(files, forbidden, message) {
  const group = forbidden.flatMap((l) => [`**/${l}/*`, `**/${l}/**`, `**/src/${l}/**`]);
  return {
    files: [files],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group, message, allowTypeImports: true }] }],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'test-results/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', ...sqlOutsideDb],
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../db/*',
                '../../db/*',
                '../importers/*',
                '../../importers/*',
                '../services/*',
                '../../services/*',
                '../server/*',
                '../../server/*',
                '../web/*',
                '../../web/*',
                '../cli/*',
                '../../cli/*',
                '**/src/db/**',
                '**/src/services/**',
                '**/src/server/**',
                '**/src/web/**',
                '**/src/cli/**',
                '**/src/importers/**',
              ],
              message: 'src/core is pure: it imports nothing of ours outside src/core.',
            },
            { group: nodeBuiltins, message: 'src/core does no I/O: pass data and effects in.' },
            {
              group: [
                'pg',
                '@electric-sql/*',
                'fastify',
                'fastify-*',
                '@fastify/*',
                'react',
                'react-dom',
                'exceljs',
                'csv-parse',
                'shapefile',
                'argon2',
                'commander',
              ],
              message: 'src/core uses no I/O or framework packages.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'No I/O in src/core.' },
        { name: 'process', message: 'No environment access in src/core.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'No clock in src/core: pass the time in.' },
        { object: 'Math', property: 'random', message: 'No randomness in src/core: pass a seeded generator in.' },
      ],
    },
  },
  {
    files: ['src/web/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The web app runs in the browser: no Node modules.' },
            {
              group: [
                '**/db/*',
                '**/services/*',
                '**/server/*',
                '**/cli/*',
                '**/importers/*',
                'pg',
                '@electric-sql/*',
                'fastify',
                '@fastify/*',
                'argon2',
                'exceljs',
                'csv-parse',
                'shapefile',
                'commander',
              ],
              message: 'The web app talks to the server through the API only (src/web/api.ts); it may import src/core.',
            },
          ],
        },
      ],
    },
  },
  {
    // SQL may live in src/db only; tests may read the database directly to check what was written.
    files: ['src/db/**', 'test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // The whole layer graph: server and cli → services → db and importers → core. A layer imports only the layers
  // below it (type-only imports of a lower layer's types are allowed where a value import is not).
  layer(
    'src/i18n/**',
    ['db', 'importers', 'services', 'server', 'cli', 'web'],
    'src/i18n holds words; it imports only src/core.',
  ),
  layer('src/db/**', ['importers', 'services', 'server', 'cli', 'web'], 'src/db imports only src/core.'),
  layer('src/importers/**', ['db', 'services', 'server', 'cli', 'web'], 'src/importers imports only src/core.'),
  layer(
    'src/services/**',
    ['server', 'cli', 'web'],
    'src/services is called by the server and the CLI, never the other way.',
  ),
  layer(
    'src/server/**',
    ['cli', 'web', 'importers', 'db/repositories'],
    'Routes call services; they do not read repositories or importers themselves.',
  ),
  layer(
    'src/cli/**',
    ['web', 'importers', 'db/repositories'],
    'Commands call services; they do not read repositories or importers themselves.',
  ),
  {
    // Type-aware rules: every promise is awaited or handled, async functions are not passed where a plain callback
    // is expected, and a switch over a union handles every member.
    files: ['src/**/*.ts', 'src/**/*.tsx', 'test/**/*.ts', 'test/**/*.tsx', 'bench/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's test()/describe() return promises the runner itself awaits.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // Small units: no file over 400 lines, no function over cyclomatic complexity 25. Data-like files that may be
    // longer are named in docs/ARCHITECTURE.md with the reason.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: LONG_DATA_FILES,
    rules: {
      complexity: ['error', 25],
      'max-lines': ['error', { max: 400 }],
    },
  },
);
