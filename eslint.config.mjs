import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'worker_threads', 'crypto', 'process'];

/** Import boundaries from DESIGN.md: each layer may only reach the layers beneath it. */
const boundary = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', '.cache/**', 'schema/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  { files: ['*.config.{ts,mts,mjs}', 'eslint.config.mjs'], rules: { 'no-restricted-syntax': 'off' } },
  boundary(['src/domain/**'], ['vscode', 'd3', 'd3-*', ...nodeBuiltins, '**/adapters/**', '**/runner/**', '**/host/**', '**/cli/**', '**/protocol/**'],
    'src/domain is pure: no vscode, no DOM, no node I/O, no outer layers.'),
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'setTimeout', 'setInterval', 'fetch', 'process'],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Use the clock: domain code runs on virtual time.' },
        { object: 'Math', property: 'random', message: 'Use the seeded random source.' }],
    },
  },
  boundary(['src/protocol/**'], ['vscode', 'd3', 'd3-*', ...nodeBuiltins, '../*'], 'src/protocol imports nothing else of ours.'),
  boundary(['src/adapters/**', 'src/runner/**', 'src/cli/**'], ['vscode', '**/host/**'], 'Only src/host imports vscode.'),
  boundary(['webview/**'], ['vscode', ...nodeBuiltins, '**/src/domain/**', '**/src/host/**', '**/src/adapters/**', '**/src/runner/**'],
    'The webview imports src/protocol and d3 only.'),
);
