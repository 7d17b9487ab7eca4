// Unit tests run in Node: pure logic, the protocol, the handler with a fake engine, storage on fake-indexeddb.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/fixtures/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // English messages, so logic that words things for the UI reads as it does in the app (src/i18n).
    setupFiles: ['src/i18n/test-setup.ts'],
  },
});
