/** How a transcript was read and what it lacked, in words: one wording for the CLI's report and the panel. */
import type { InputFormat } from './transcript';
import type { Lack } from './unknown';

export const FORMAT_NAMES: Partial<Record<InputFormat, string>> = {
  curl: 'curl output (-v or -i)',
  'curl-trace': 'curl --trace-ascii output',
  'curl-command': 'a curl command (its answer is not in it)',
  httpie: 'HTTPie --verbose output',
  raw: 'raw HTTP messages',
};

export const LACK_NAMES: Record<Lack, string> = {
  request: 'a request (shown as UNKNOWN unknown://unknown.invalid/)',
  response: 'a response',
  scheme: 'the scheme (shown as unknown://)',
  host: 'the host (shown as unknown.invalid)',
  date: 'the time (no Date header; times are made up, in order)',
  secret: 'a secret that was masked',
};

/** Short names for the panel's toolbar, where a sentence does not fit. */
export const LACK_SHORT: Record<Lack, string> = {
  request: 'the request',
  response: 'the response',
  scheme: 'the scheme',
  host: 'the host',
  date: 'the time',
  secret: 'a masked secret',
};

export const formatName = (format: string): string => FORMAT_NAMES[format as InputFormat] ?? format;
