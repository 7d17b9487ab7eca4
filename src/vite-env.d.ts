/// <reference types="vite/client" />

/**
 * True only in the test build (`vite build --mode e2e`): fault injection and the page's test hooks. The production
 * build replaces it with `false` and drops every module it guards.
 */
declare const __SENSA_TEST_HOOKS__: boolean;
