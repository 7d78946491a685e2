/**
 * "The redacted file analyses like the original", once values found anywhere are swept everywhere
 * (issue 25.1): a finding that quoted a URL holding such a value quotes it redacted. The original's
 * analysis is swept with the same values, and both spellings of a marker count as one.
 */
import { Sweeper } from '../redact/sweep';

const MARKER = /\[redacted (\d{1,12})\]|%5Bredacted%20(\d{1,12})%5D/g;

export function normalizedAnalysis(analysis: unknown, found?: Set<string>): unknown {
  const sweeper = found && found.size ? new Sweeper(found) : null;
  return JSON.parse(JSON.stringify(analysis), (_k, v: unknown) => {
    if (typeof v !== 'string') return v;
    const swept = sweeper ? sweeper.apply(v) : v;
    return swept.replace(MARKER, (_m, a: string | undefined, b: string | undefined) => `<redacted ${a ?? b}>`);
  });
}
