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
  // First, so the folder rules below (each naming vscode again) take over where they apply.
  {
    files: ['**/*.{ts,mts,mjs,js}'],
    ignores: ['src/host/**', 'test/vscode/suite/**', 'test/vscode/restricted/**', 'test/vscode/web/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/host imports vscode (and the suites that run inside VS Code).' }] }] },
  },
  boundary(['src/domain/**'], ['vscode', 'd3', 'd3-*', ...nodeBuiltins, '**/adapters/**', '**/runner/**', '**/host/**', '**/cli/**', '**/protocol/**', '**/panel/**', '**/text/**', '**/report/**'],
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
  boundary(['src/adapters/**', 'src/runner/**'], ['vscode', '**/host/**', '**/cli/**'], 'Only src/host imports vscode; adapters and the runner serve the CLI and the host alike.'),
  boundary(['src/cli/**'], ['vscode', '**/host/**', '**/bundles/**'], 'src/cli imports neither vscode nor src/host: text both print lives in src/text.'),
  boundary(['src/host/**'], ['**/cli/**'], 'src/host does not import src/cli: text both print lives in src/text, view models in src/panel.'),
  boundary(['src/text/**'], ['vscode', 'd3', 'd3-*', ...nodeBuiltins, '**/host/**', '**/cli/**', '**/adapters/**', '**/runner/**', '**/panel/**', '**/report/**'],
    'src/text is pure text formatting shared by the CLI and the host: no vscode, no I/O, no outer layers.'),
  boundary(['src/panel/**'], ['vscode', 'd3', 'd3-*', ...nodeBuiltins, '**/host/**', '**/cli/**', '**/adapters/**', '**/report/**'],
    'src/panel is the panel\'s view model: no vscode, no I/O, no host or CLI.'),
  boundary(['src/bundles/**'], ['vscode', '**/cli/**'], 'src/bundles splits the extension into bundles: it re-exports, and imports neither vscode itself nor src/cli.'),
  boundary(['src/report/**'], ['vscode', '**/host/**', '**/cli/**'], 'src/report serves the CLI and the host alike: it imports neither, nor vscode.'),
  boundary(['bench/**'], ['vscode', '**/src/host/**'], 'bench measures the engine, the CLI and the panel without VS Code: no vscode, no src/host.'),
  boundary(['webview/**'], ['vscode', ...nodeBuiltins, '**/src/domain/**', '**/src/host/**', '**/src/adapters/**', '**/src/runner/**', '**/src/cli/**', '**/src/panel/**', '**/src/text/**', '**/src/report/**'],
    'The webview imports src/protocol and d3 only.'),
);
