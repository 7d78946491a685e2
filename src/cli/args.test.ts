import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args';

describe('parseArgs', () => {
  it('reads the two commands and their flags in any order', () => {
    expect(parseArgs(['analyze', 'a.har'])).toEqual({ command: 'analyze', file: 'a.har', json: false });
    expect(parseArgs(['analyze', '--json', 'a.har'])).toEqual({ command: 'analyze', file: 'a.har', json: true });
    expect(parseArgs(['redact', '-o', 'out.har', 'a.har'])).toEqual({ command: 'redact', file: 'a.har', output: 'out.har' });
    expect(parseArgs(['redact', 'a.har', '--output=-'])).toEqual({ command: 'redact', file: 'a.har', output: '-' });
    expect(parseArgs(['analyze', '--', '-odd-name.har'])).toEqual({ command: 'analyze', file: '-odd-name.har', json: false });
  });
  it('--help wins anywhere before --', () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['analyze', '--help'], ['redact', 'x', '-h']]) expect(parseArgs(argv)).toEqual({ command: 'help' });
    expect(parseArgs(['analyze', '--', '--help'])).toEqual({ command: 'analyze', file: '--help', json: false });
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
    expect(fail(['analyze', 'a.har', 'b.har'])).toBe('unexpected argument "b.har"');
    expect(fail(['redact', 'a.har'])).toContain('redact needs -o');
    expect(fail(['redact', 'a.har', '-o'])).toContain('-o needs a file name');
    expect(fail(['redact', 'a.har', '-o', 'x', '-o', 'y'])).toContain('given twice');
  });
});
