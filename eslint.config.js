// Lint rules, including the architectural one: only the worker's engine may import transformers.js.

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const transformersOnlyInEngine = {
  paths: [
    {
      name: '@huggingface/transformers',
      message: 'Only src/worker/engine/ may import transformers.js; go through the ChatEngine protocol instead.',
    },
  ],
  patterns: [{ group: ['@huggingface/transformers/*'], message: 'Only src/worker/engine/ may import transformers.js.' }],
};

export default tseslint.config(
  { ignores: ['dist', 'dist-e2e', 'node_modules', 'e2e/fixtures/out', 'test-results', 'playwright-report', 'bench/results', 'bench/.app-dist', 'bench/.models'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', transformersOnlyInEngine],
    },
  },
  {
    files: ['src/worker/engine/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Test tooling verifies generated models with the real library under Node; it is not app code.
    files: ['e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
    // Playwright fixtures call a function named `use`, which is not React's.
    rules: { 'no-restricted-imports': 'off', 'react-hooks/rules-of-hooks': 'off' },
  },
);
