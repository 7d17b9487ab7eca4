// Lint rules, including the architectural one: only the worker's engine may import transformers.js.

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';

const transformersOnlyInEngine = {
  paths: [
    {
      name: '@huggingface/transformers',
      message: 'Only src/worker/engine/ may import transformers.js; go through the ChatEngine protocol instead.',
    },
  ],
  patterns: [{ group: ['@huggingface/transformers/*'], message: 'Only src/worker/engine/ may import transformers.js.' }],
};

/**
 * The layers, bottom up, and what each may import (besides itself). Dependencies run one way:
 * app → features (chat, voice; voice is built on chat) → media → models (catalog, engine client) → worker protocol →
 * storage → domain → shared (errors, ids, the RPC). Features fill each other's places in the UI through slots the app wires
 * (chat/components/slots.tsx), never by importing upwards.
 */
const LAYERS = {
  shared: [],
  // The UI's translations (i18next); every layer that shows text may use it.
  i18n: ['shared'],
  domain: ['shared'],
  storage: ['domain', 'shared'],
  worker: ['domain', 'shared', 'storage'],
  models: ['i18n', 'domain', 'shared', 'storage', 'worker'],
  media: ['i18n', 'domain', 'shared', 'storage', 'models', 'worker'],
  pwa: ['i18n', 'domain', 'shared'],
  sandbox: ['i18n', 'domain', 'shared'],
  tools: ['i18n', 'domain', 'shared', 'sandbox'],
  presets: ['i18n', 'domain', 'shared'],
  documents: ['i18n', 'domain', 'shared', 'storage', 'models', 'worker'],
  captions: ['i18n', 'domain', 'shared', 'storage', 'models', 'worker', 'media'],
  chat: ['i18n', 'domain', 'shared', 'storage', 'models', 'worker', 'media', 'sandbox', 'tools', 'documents', 'presets'],
  voice: ['i18n', 'domain', 'shared', 'storage', 'models', 'worker', 'media', 'chat', 'documents', 'presets'],
  app: ['i18n', 'domain', 'shared', 'storage', 'models', 'worker', 'media', 'pwa', 'sandbox', 'tools', 'chat', 'voice', 'documents', 'presets', 'captions'],
};

/**
 * Code runs in one of two runtimes: the page, or a worker (the model worker, the media and VAD workers). Storage is
 * split to match: storage/ui is the page's (conversations, attachments), storage/worker the download path's, and
 * storage/common what both open (the one database, the model file cache, the Hub listing, the revision pins).
 */
const WORKER_RUNTIME = {
  'src/worker': 'worker',
  'src/media/worker': 'media',
  'src/voice/vad': 'voice',
  'src/documents/worker': 'documents',
  'src/storage/worker': 'storage',
};
const RUNTIME_FORBIDS = {
  ui: ['worker'],
  worker: ['ui'],
  common: ['ui', 'worker'],
};

/**
 * no-restricted-imports for one folder: transformers.js stays in the engine, no import reaches a layer above, and no
 * import reaches the other runtime's storage.
 */
function layerRule(folder, { allowTransformers = false, runtime = 'ui' } = {}) {
  const forbidden = Object.keys(LAYERS).filter((other) => other !== folder && !LAYERS[folder].includes(other));
  const patterns = forbidden.map((other) => ({
    group: [`**/${other}/*`, `**/${other}`],
    message: `src/${folder}/ may not import src/${other}/ (see LAYERS in eslint.config.js).`,
  }));
  for (const side of RUNTIME_FORBIDS[runtime]) {
    // Inside storage/ itself the other side is a sibling folder: `../ui/...`.
    patterns.push({ group: [`**/storage/${side}/*`, ...(folder === 'storage' ? [`../${side}/*`] : [])], message: `Code running in the ${runtime === 'ui' ? 'page' : runtime === 'worker' ? 'workers' : 'both runtimes'} may not import src/storage/${side}/ (see WORKER_RUNTIME in eslint.config.js).` });
  }
  if (allowTransformers) return ['error', { patterns }];
  return ['error', { paths: transformersOnlyInEngine.paths, patterns: [...transformersOnlyInEngine.patterns, ...patterns] }];
}

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
  ...Object.keys(LAYERS).map((folder) => ({
    files: [`src/${folder}/**/*.{ts,tsx}`],
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': layerRule(folder) },
  })),
  ...Object.entries(WORKER_RUNTIME).map(([dir, folder]) => ({
    files: [`${dir}/**/*.ts`],
    ignores: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': layerRule(folder, { runtime: 'worker' }) },
  })),
  {
    files: ['src/storage/common/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': layerRule('storage', { runtime: 'common' }) },
  },
  {
    files: ['src/worker/engine/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': layerRule('worker', { allowTransformers: true, runtime: 'worker' }) },
  },
  {
    // Every user-visible string in a component goes through i18n/ (docs/i18n.md): JSX text and the attributes a person
    // reads or hears. Symbols, numbers and punctuation alone are allowed by the plugin's defaults.
    files: ['src/**/*.tsx'],
    ignores: ['src/**/*.test.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': { include: ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label'] },
          words: { exclude: ['[0-9!-/:-@[-`{-~\\s·…‹›×←→↑↓☰◐✓✕]+', '[A-Z_-]+', 'Sensa'] },
        },
      ],
    },
  },
  {
    // Test tooling verifies generated models with the real library under Node; it is not app code.
    files: ['e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
    // Playwright fixtures call a function named `use`, which is not React's.
    rules: { 'no-restricted-imports': 'off', 'react-hooks/rules-of-hooks': 'off' },
  },
);
