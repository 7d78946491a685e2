import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_MB, parseArgs, UsageError } from './args';

const analyze = (files: string[], more: object = {}) => ({ command: 'analyze', files, format: 'text', failOn: null, maxMb: DEFAULT_MAX_MB, ...more });

describe('parseArgs', () => {
  it('reads the two commands and their flags in any order', () => {
    expect(parseArgs(['analyze', 'a.har'])).toEqual(analyze(['a.har']));
    expect(parseArgs(['analyze', '--json', 'a.har'])).toEqual(analyze(['a.har'], { format: 'json' }));
    expect(parseArgs(['redact', '-o', 'out.har', 'a.har'])).toEqual({ command: 'redact', file: 'a.har', output: 'out.har', maxMb: DEFAULT_MAX_MB });
    expect(parseArgs(['redact', 'a.har', '--output=-'])).toEqual({ command: 'redact', file: 'a.har', output: '-', maxMb: DEFAULT_MAX_MB });
    expect(parseArgs(['analyze', '--', '-odd-name.har'])).toEqual(analyze(['-odd-name.har']));
  });
  it('analyze: several files and folders, --format, --json as its alias, --fail-on, --max-size', () => {
    expect(parseArgs(['analyze', 'a.har', 'captures/', 'b.har'])).toEqual(analyze(['a.har', 'captures/', 'b.har']));
    for (const f of ['text', 'json', 'ndjson']) {
      expect(parseArgs(['analyze', 'a.har', '--format', f])).toEqual(analyze(['a.har'], { format: f }));
      expect(parseArgs(['analyze', `--format=${f}`, 'a.har'])).toEqual(analyze(['a.har'], { format: f }));
    }
    expect(parseArgs(['analyze', 'a.har', '--json', '--format', 'json'])).toEqual(analyze(['a.har'], { format: 'json' }));
    expect(parseArgs(['analyze', 'a.har', '--fail-on', 'error'])).toEqual(analyze(['a.har'], { failOn: 'error' }));
    expect(parseArgs(['analyze', 'a.har', '--fail-on=warning'])).toEqual(analyze(['a.har'], { failOn: 'warning' }));
    expect(parseArgs(['analyze', 'a.har', '--max-size', '1.5'])).toEqual(analyze(['a.har'], { maxMb: 1.5 }));
    expect(parseArgs(['redact', 'a.har', '-o', '-', '--max-size=20'])).toEqual({ command: 'redact', file: 'a.har', output: '-', maxMb: 20 });
  });
  it('--help and --version win anywhere before --', () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['analyze', '--help'], ['redact', 'x', '-h']]) expect(parseArgs(argv)).toEqual({ command: 'help' });
    for (const argv of [['--version'], ['-V'], ['version'], ['analyze', 'a.har', '--version']]) expect(parseArgs(argv)).toEqual({ command: 'version' });
    expect(parseArgs(['analyze', '--', '--help'])).toEqual(analyze(['--help']));
  });
  it('usage errors name the problem', () => {
    const fail = (argv: string[]) => {
      try {
        parseArgs(argv);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as Error).message;
      }
      throw new Error(`no error for ${argv.join(' ')}`);
    };
    expect(fail([])).toBe('missing command');
    expect(fail(['scan', 'a.har'])).toBe('unknown command "scan"');
    expect(fail(['analyze'])).toBe('analyze needs a <file.har>');
    expect(fail(['analyze', 'a.har', '--nope'])).toBe('unknown option "--nope" for analyze');
    expect(fail(['analyze', 'a.har', '-o', 'x'])).toBe('unknown option "-o" for analyze');
    expect(fail(['redact', 'a.har', '--json', '-o', 'x'])).toBe('unknown option "--json" for redact');
    expect(fail(['redact', 'a.har', '--fail-on', 'error', '-o', 'x'])).toBe('unknown option "--fail-on" for redact');
    expect(fail(['redact', 'a.har', 'b.har', '-o', 'x'])).toBe('unexpected argument "b.har" (redact takes one file)');
    expect(fail(['redact', 'a.har'])).toContain('redact needs -o');
    expect(fail(['redact', 'a.har', '-o'])).toContain('-o needs a file name');
    expect(fail(['redact', 'a.har', '-o', 'x', '-o', 'y'])).toContain('given twice');
    expect(fail(['analyze', 'a.har', '--format', 'xml'])).toBe('--format must be text, json or ndjson, not "xml"');
    expect(fail(['analyze', 'a.har', '--format'])).toBe('--format needs a value');
    expect(fail(['analyze', 'a.har', '--json', '--format', 'ndjson'])).toBe('--json and --format disagree');
    expect(fail(['analyze', 'a.har', '--fail-on', 'info'])).toBe('--fail-on must be error or warning, not "info"');
    expect(fail(['analyze', 'a.har', '--fail-on', 'error', '--fail-on', 'error'])).toBe('--fail-on given twice');
    expect(fail(['analyze', 'a.har', '--max-size', '-3'])).toContain('--max-size must be a number of megabytes');
    expect(fail(['analyze', 'a.har', '--max-size', '0'])).toContain('--max-size must be a number of megabytes');
  });
});
