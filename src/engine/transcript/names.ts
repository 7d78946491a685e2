/** How a transcript was read and what it lacked, in words: one wording for the CLI's report and the panel. */
import type { InputFormat } from './transcript';
import type { Lack } from './unknown';

export const FORMAT_NAMES: Partial<Record<InputFormat, string>> = {
  curl: 'curl output (-v or -i)',
  'curl-trace': 'curl --trace-ascii output',
  // Its answer is not in it, except a body pasted before it (then the lacks say status and headers).
  'curl-command': 'a curl command (without its output)',
  httpie: 'HTTPie --verbose output',
  raw: 'raw HTTP messages',
  'headers-object': 'response headers printed as an object (no status line)',
};

export const LACK_NAMES: Record<Lack, string> = {
  request: 'a request (shown as UNKNOWN unknown://unknown.invalid/)',
  response: 'a response',
  status: 'the status (no status line; shown as 0)',
  'response-headers': "the response's headers (only its body was pasted)",
  scheme: 'the scheme (shown as unknown://)',
  host: 'the host (shown as unknown.invalid)',
  date: 'the time (no Date header; times are made up, in order)',
  secret: 'a secret that was masked',
};

/** Short names for the panel's toolbar, where a sentence does not fit. */
export const LACK_SHORT: Record<Lack, string> = {
  request: 'the request',
  response: 'the response',
  status: 'the status',
  'response-headers': 'the response headers',
  scheme: 'the scheme',
  host: 'the host',
  date: 'the time',
  secret: 'a masked secret',
};

export const formatName = (format: string): string => FORMAT_NAMES[format as InputFormat] ?? format;
