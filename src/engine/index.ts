/** The engine's public surface, shared by the worker, the panel and the CLI. */
export type * from './types';
export { createAnalyzer, analyze, type Analyzer, type AnalyzerOptions } from './analyzer';
export { toExchange, type RawExchange } from './exchange';
export { redactHar, redactUrl, redactBody, sanitizeHeader } from './redact';
export { compactExchange } from './compact';
