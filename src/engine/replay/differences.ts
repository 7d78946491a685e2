/** Which fields of a replay's answer differ from the original's: what the results highlight. */
import type { ReplayOutcome } from './outcome';

export type OutcomeField = 'status' | 'user' | 'loginReason' | 'challenge' | 'searchTotal';
const COMPARED: readonly OutcomeField[] = ['status', 'user', 'loginReason', 'challenge', 'searchTotal'];

/** Fields where a replay answered differently from the original. */
export function differences(original: ReplayOutcome, outcome: ReplayOutcome): OutcomeField[] {
  return COMPARED.filter((k) => original[k] !== outcome[k]);
}
