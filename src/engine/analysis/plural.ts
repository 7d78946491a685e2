/** Counts as people write them: "1 request", "2 requests", "0 entries". One helper for every text that prints a count. */

/**
 * `n` and the noun in the number that fits: `plural(1, 'request')` is "1 request", `plural(2, 'request')`
 * "2 requests"; irregular nouns give their plural: `plural(3, 'entry', 'entries')`.
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The noun alone, for sentences that print the number elsewhere: `noun(1, 'page')` is "page". */
export function noun(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
