/** The CLI's command line: sub-command, file, flags. Usage errors are UsageError (exit 2 with the usage). */

export const USAGE = `usage:
  seraph-lens analyze <file.har> [--json]     report sessions and findings (JSON schema: findings.md)
  seraph-lens redact <file.har> -o <out.har>  write a copy without secret values (-o - for stdout)
  seraph-lens --help
exit codes: 0 analysed or written (findings or not), 2 unreadable input or usage error,
  70 internal error (a bug: please report it with the HAR redacted)`;

export class UsageError extends Error {}

export type Command =
  | { command: 'help' }
  | { command: 'analyze'; file: string; json: boolean }
  | { command: 'redact'; file: string; output: string };

export function parseArgs(argv: readonly string[]): Command {
  const end = argv.indexOf('--');
  const options = end < 0 ? argv : argv.slice(0, end);
  if (options.includes('--help') || options.includes('-h') || argv[0] === 'help') return { command: 'help' };
  const [command, ...rest] = argv;
  if (command !== 'analyze' && command !== 'redact') {
    throw new UsageError(command === undefined ? 'missing command' : `unknown command "${command}"`);
  }
  let file: string | null = null;
  let json = false;
  let output: string | null = null;
  let positional = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (!positional && a === '--') positional = true;
    else if (!positional && a === '--json' && command === 'analyze') json = true;
    else if (!positional && command === 'redact' && (a === '-o' || a === '--output' || a.startsWith('--output='))) {
      if (output !== null) throw new UsageError(`${a.split('=')[0]} given twice`);
      output = a.startsWith('--output=') ? a.slice('--output='.length) : (rest[++i] ?? null);
      if (output === null || output === '') throw new UsageError(`${a.split('=')[0]} needs a file name (or - for stdout)`);
    } else if (!positional && a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}" for ${command}`);
    else if (file === null) file = a;
    else throw new UsageError(`unexpected argument "${a}"`);
  }
  if (file === null) throw new UsageError(`${command} needs a <file.har>`);
  if (command === 'analyze') return { command, file, json };
  if (output === null) throw new UsageError('redact needs -o <out.har> (or -o - for stdout)');
  return { command, file, output };
}
