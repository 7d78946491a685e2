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
  seraph-lens doctor <site-url> [--format text|json] [--dry-run] [--token-stdin] [--timeout SEC] [--allow-http]
      [--product jira|confluence]
      check a credential against a Jira or Confluence site (Cloud or Data Center): a few GETs, the plan
      printed first; credentials from JIRA_USER + JIRA_TOKEN (API token, PAT or password) or JIRA_SESSION
      (a session cookie value), never from the command line; HTTPS_PROXY, NO_PROXY, NODE_EXTRA_CA_CERTS honoured
      --dry-run      print the plan only     --token-stdin  read the token from standard input
      --timeout SEC  per request (default 15)  --allow-http  allow credentials over plain http
      exit 0 healthy, 1 a problem found, 2 could not check (network, TLS, not an Atlassian site, usage)
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
  | { command: 'redact'; file: string; output: string; maxMb: number; input?: InputKind }
  | { command: 'doctor'; url: string; format: 'text' | 'json'; dryRun: boolean; tokenStdin: boolean; allowHttp: boolean; timeoutSec: number; product: 'jira' | 'confluence' | null };

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
  if (command === 'doctor') return parseDoctor(rest);
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

export const DEFAULT_TIMEOUT_SEC = 15;

/** doctor <site-url> [options]: credentials never on the command line. */
function parseDoctor(rest: readonly string[]): Command {
  let url: string | null = null;
  let format: 'text' | 'json' | null = null;
  let dryRun = false;
  let tokenStdin = false;
  let allowHttp = false;
  let timeoutSec = DEFAULT_TIMEOUT_SEC;
  let product: 'jira' | 'confluence' | null = null;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const name = a.split('=')[0]!;
    if (!a.startsWith('-')) {
      if (url !== null) throw new UsageError(`unexpected argument "${a}" (doctor takes one site URL)`);
      url = a;
    } else if (a === '--dry-run') dryRun = true;
    else if (a === '--token-stdin') tokenStdin = true;
    else if (a === '--allow-http') allowHttp = true;
    else if (a === '--json') format = 'json';
    else if (name === '--format') {
      const [v, j] = valueOf(rest, i, name);
      i = j;
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json for doctor, not "${v}"`);
      format = v;
    } else if (name === '--timeout') {
      const [v, j] = valueOf(rest, i, name);
      i = j;
      timeoutSec = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v) || !(timeoutSec > 0) || timeoutSec > 600) throw new UsageError(`--timeout must be seconds (up to 600), not "${v}"`);
    } else if (name === '--product') {
      const [v, j] = valueOf(rest, i, name);
      i = j;
      if (v !== 'jira' && v !== 'confluence') throw new UsageError(`--product must be jira or confluence, not "${v}"`);
      product = v;
    } else if (/^--(token|password|user|session|cookie)\b/.test(name)) {
      throw new UsageError(`${name}: doctor takes credentials from the environment only (JIRA_USER, JIRA_TOKEN, JIRA_SESSION) or --token-stdin, never from the command line`);
    } else throw new UsageError(`unknown option "${a}" for doctor`);
  }
  if (url === null) throw new UsageError('doctor needs a <site-url> (https://jira.example.com, https://acme.atlassian.net)');
  return { command: 'doctor', url, format: format ?? 'text', dryRun, tokenStdin, allowHttp, timeoutSec, product };
}
