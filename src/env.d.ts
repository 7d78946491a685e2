/// <reference types="vite/client" />
/** Build target, replaced at build time by vite.config.ts. */
declare const __SERAPH_TARGET__: 'chrome' | 'firefox';
