// Lint keeps the architecture honest: the engine and UI components never touch browser APIs;
// only src/platform, src/background, src/devtools and page entry modules (main.tsx) may.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const browserGlobals = [
  { name: 'chrome', message: 'Browser APIs live in src/platform (and the adapters using it), not here.' },
  { name: 'browser', message: 'Browser APIs live in src/platform (and the adapters using it), not here.' },
];
const platformImports = {
  patterns: [
    { group: ['**/platform/*', 'webextension-polyfill'], message: 'Only adapters and entry modules may reach the platform.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
      // Captured header values and HAR files are hostile input: they are rendered as text, never as HTML.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text; captured data must never become HTML.' },
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Render text; captured data must never become HTML.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Render text; captured data must never become HTML.' },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/cli/**/*.ts', 'src/shared/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...browserGlobals], 'no-restricted-imports': ['error', platformImports] },
  },
  {
    // UI components: everything in the page folders except their entry module.
    files: ['src/panel/**/*.{ts,tsx}', 'src/popup/**/*.{ts,tsx}', 'src/options/**/*.{ts,tsx}'],
    ignores: ['src/*/main.tsx'],
    rules: { 'no-restricted-globals': ['error', ...browserGlobals], 'no-restricted-imports': ['error', platformImports] },
  },
  {
    // Node-side code: scripts, tests, the emulator, the CLI.
    files: ['scripts/**', 'e2e/**', 'bench/**', 'bin/**', 'src/cli/**', '**/*.config.*'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
  {
    // dependency-cruiser reads its configuration as CommonJS.
    files: ['.dependency-cruiser.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } },
  },
);
