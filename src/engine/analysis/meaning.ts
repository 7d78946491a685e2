/**
 * A signal's meaning in plain words, and the fix where there is one: what explain.ts and explain-tokens.ts
 * both give, kept apart so that neither imports the other for it.
 */
export interface Meaning {
  meaning: string;
  fix?: string;
}
