/** The profile flags `main.ts` and the `npm start` demo share: --product jira|confluence, --mode server|cloud. */
import { isProduct, type Product } from './profile';
import type { Mode } from './mode';

export const PROFILE_USAGE = '[--product jira|confluence] [--mode server|cloud]';

/** The chosen profile, or a sentence saying what is wrong with the flags. */
export function profileFromArgs(values: { product?: string; mode?: string }): { product: Product; mode: Mode } | string {
  if (values.product !== undefined && !isProduct(values.product)) return `--product: expected jira or confluence, got "${values.product}"`;
  if (values.mode !== undefined && values.mode !== 'server' && values.mode !== 'cloud') return `--mode: expected server or cloud, got "${values.mode}"`;
  return { product: values.product ?? 'jira', mode: values.mode === 'cloud' ? 'cloud' : 'server' };
}
