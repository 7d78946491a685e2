/**
 * HAR texts that are broken or shaped unusually around `log` and `entries`, built around one entry's JSON
 * `e`: every reader must give readHar's answer for each (the slicer and the stream tests share them).
 */
export function malformedHarTexts(e: string): string[] {
  return [
    '',
    '   ',
    '[]',
    'null',
    '{"log": {"entries": [1,}',
    `{"log": {"entries": [${e},]}}`,
    `{"log": {"entries": [ , ${e}]}}`,
    `{"log": {"entries": [${e}, ${e}]}} x`,
    `{"log": {"entries": [${e}]}`,
    `{"log": {"entries": [${e}], "entries": []}}`,
    `{"log": {"entries": [], "entries": [${e}]}}`,
    `{"log": {"entries": [${e}]}, "log": {"entries": []}}`,
    `{"log": 5, "log": {"entries": [${e}]}}`,
    `{"l\\u006fg": {"entries": [${e}]}}`,
    `{"log": {"entri\\u0065s": [${e}]}}`,
    `{"log": {"version": "2.0", "entries": [${e}]}}`,
    `{"log": {"entries": {"a": [${e}]}}}`,
    `{"log": [{"entries": [${e}]}]}`,
    `{"log": {"entries": [${e}}}}`,
    `{"log": {"entries": [${e}]]}}`,
    `{"log": {"entries": [${e.slice(0, -5)}`,
    `{"log": {"entries": ["\\"]}}`,
    `{"log": {"entries": [${e}, "a\\\\"]}}`,
  ];
}
