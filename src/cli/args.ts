/** The CLI's command line: sub-command, files, flags. Usage errors are UsageError (exit 2 with the usage). */

/** Files larger than this are refused (exit 2) unless --max-size says otherwise; V8 strings end near 512 MB. */
export const DEFAULT_MAX_MB = 500;

export const USAGE = `usage:
  seraph-lens analyze <file.har|transcript|folder|->... [--format text|json|ndjson] [--fail-on error|warning]
      report sessions and findings of each HAR file or pasted transcript (curl -v/-i/--trace-ascii,
      HTTPie --verbose, raw HTTP, a curl command); folders: every *.har inside, recursively; - stdin
      --format json    one file: the findings.md schema; several: an array of {"file", ...report}
      --format ndjson  one JSON object per file and line: {"file", ...report} or {"file", "error"}
      --json           the same as --format json
      --fail-on LEVEL  exit 1 when a finding of that severity (or worse) exists
  seraph-lens redact <file.har|transcript|-> -o <out|->  a copy without secret values, in the same format
  seraph-lens --help | --version
options for both: --max-size MB  refuse larger files (default ${DEFAULT_MAX_MB})
  --input har|curl|httpie|raw  what the input is (default: detected; transcripts over 128 MB need --max-size)
exit codes: 0 analysed or written, 1 a finding at the --fail-on level, 2 unreadable input or usage error,
  70 internal error (a bug: please report it with the HAR redacted)
colour only on a terminal and never with NO_COLOR; a progress line on stderr for files over 50 MB`;

export class UsageError extends Error {}

export type Format = 'text' | 'json' | 'ndjson';
/** What the input is, as the user names it (`--input`); null: detected from the text. */
export type InputKind = 'har' | 'curl' | 'httpie' | 'raw' | null;
const INPUT_KINDS = ['har', 'curl', 'httpie', 'raw'];
export type FailOn = 'error' | 'warning' | null;

export type Command =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'analyze'; files: string[]; format: Format; failOn: FailOn; maxMb: number; input?: InputKind }
  | { command: 'redact'; file: string; output: string; maxMb: number; input?: InputKind };

/** `--name value` or `--name=value`; returns [value, index of the last argument used]. */
function valueOf(rest: readonly string[], i: number, name: string): [string, number] {
  const a = rest[i]!;
  if (a.startsWith(`${name}=`)) return [a.slice(name.length + 1), i];
  const v = rest[i + 1];
  if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
  return [v, i + 1];
}

export function parseArgs(argv: readonly string[]): Command {
  const end = argv.indexOf('--');
  const options = end < 0 ? argv : argv.slice(0, end);
  if (options.includes('--help') || options.includes('-h') || argv[0] === 'help') return { command: 'help' };
  if (options.includes('--version') || options.includes('-V') || argv[0] === 'version') return { command: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'analyze' && command !== 'redact') {
    throw new UsageError(command === undefined ? 'missing command' : `unknown command "${command}"`);
  }
  const files: string[] = [];
  let format: Format | null = null;
  let viaJson = false;
  let failOn: FailOn = null;
  let maxMb = DEFAULT_MAX_MB;
  let output: string | null = null;
  let input: InputKind = null;
  let positional = false;
  const once = (seen: unknown, name: string) => {
    if (seen !== null) throw new UsageError(`${name} given twice`);
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const name = a.split('=')[0]!;
    if (positional || a === '-' || !a.startsWith('-')) {
      files.push(a);
    } else if (a === '--') positional = true;
    else if (a === '--json' && command === 'analyze') {
      if (format !== null && format !== 'json') throw new UsageError('--json and --format disagree');
      format = 'json';
      viaJson = true;
    } else if (name === '--format' && command === 'analyze') {
      const [v, j] = valueOf(rest, i, name);
      i = j;
      if (v !== 'text' && v !== 'json' && v !== 'ndjson') throw new UsageError(`--format must be text, json or ndjson, not "${v}"`);
      if (format !== null && format !== v) throw new UsageError(viaJson ? '--json and --format disagree' : '--format given twice');
      format = v;
    } else if (name === '--fail-on' && command === 'analyze') {
      once(failOn, name);
      const [v, j] = valueOf(rest, i, name);
      i = j;
      if (v !== 'error' && v !== 'warning') throw new UsageError(`--fail-on must be error or warning, not "${v}"`);
      failOn = v;
    } else if (name === '--max-size') {
      const [v, j] = valueOf(rest, i, name);
      i = j;
      maxMb = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v) || !(maxMb > 0)) throw new UsageError(`--max-size must be a number of megabytes, not "${v}"`);
    } else if (name === '--input') {
      once(input, name);
      const [v, j] = valueOf(rest, i, name);
      i = j;
      if (!INPUT_KINDS.includes(v)) throw new UsageError(`--input must be har, curl, httpie or raw, not "${v}"`);
      input = v as InputKind;
    } else if (command === 'redact' && (a === '-o' || name === '--output')) {
      once(output, name);
      const [v, j] = a === '-o' ? [rest[i + 1] ?? '', i + 1] : valueOf(rest, i, name);
      i = j;
      if (v === '') throw new UsageError(`${name} needs a file name (or - for stdout)`);
      output = v;
    } else throw new UsageError(`unknown option "${a}" for ${command}`);
  }
  if (files.length === 0) throw new UsageError(`${command} needs a <file.har>`);
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('- (standard input) given twice');
  // `input` only when given: the command's shape for HAR stays as it was.
  const named = input === null ? {} : { input };
  if (command === 'analyze') return { command, files, format: format ?? 'text', failOn, maxMb, ...named };
  if (files.length > 1) throw new UsageError(`unexpected argument "${files[1]}" (redact takes one file)`);
  if (output === null) throw new UsageError('redact needs -o <out.har> (or -o - for stdout)');
  return { command, file: files[0]!, output, maxMb, ...named };
}
