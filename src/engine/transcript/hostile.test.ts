/**
 * Hostile pastes finish, with bounded output: no line breaks, one endless header line, binary bytes,
 * 100,000 exchanges, patterns that make backtracking regexes explode, unclosed shell quotes. No
 * wall-clock asserts (the machine is shared): each input is large enough that a quadratic or
 * backtracking path would not finish within the test's timeout.
 */
import { describe, expect, it } from 'vitest';
import { detectInput, readTranscript } from './transcript';
import { writeRedactedTranscript } from './write';
import { MAX_LINE } from './lines';
import { MAX_HEADERS } from './messages';
import { shellWords } from './curl-command';

const MB = 1024 * 1024;

describe('hostile transcripts', () => {
  it('8 MB without a line break: nothing read, nothing invented', () => {
    const text = 'GET /x HTTP/1.1 Host: a '.repeat((8 * MB) / 24);
    expect(readTranscript(text)).toMatchObject({ exchanges: [], skipped: 0 });
    expect(detectInput(text)).toBe('unknown');
  });

  it('one endless header line: its value is read up to the line cap, the copy redacts all of it', () => {
    const secret = 'Z'.repeat(8 * MB);
    const text = `GET / HTTP/1.1\nHost: jira.example.com\nX-Api-Token: ${secret}\n\nHTTP/1.1 200 OK\n\n`;
    const r = readTranscript(text);
    expect(r.exchanges).toHaveLength(1);
    for (const h of r.exchanges[0]!.requestHeaders) expect(h.value.length).toBeLessThanOrEqual(MAX_LINE);
    const redacted = writeRedactedTranscript(text);
    expect(redacted.length).toBeLessThan(200);
    expect(redacted).not.toContain('ZZZZ');
  });

  it('binary bytes (NUL, lone CR, high bytes) and a start line cut by the cap', () => {
    let bin = '';
    for (let i = 0; i < 2 * MB; i++) bin += String.fromCharCode((i * 7919) % 256);
    expect(() => readTranscript(bin)).not.toThrow();
    expect(() => writeRedactedTranscript(bin, 'raw')).not.toThrow();
    const cut = readTranscript(`HTTP/1.1 200 ${'x'.repeat(2 * MAX_LINE)}\nX-AUSERNAME: fred\n`);
    expect(cut.exchanges).toHaveLength(0); // not a status line once cut: never half-read
  });

  it('100,000 exchanges in one paste: all numbered, in order', () => {
    const text = 'HTTP/1.1 200 OK\r\nX-AUSERNAME: fred\r\n\r\n'.repeat(100_000);
    const r = readTranscript(text);
    expect(r.exchanges).toHaveLength(100_000);
    expect(r.exchanges[99_999]).toMatchObject({ index: 99_999, id: '99999', status: 200 });
  });

  it('past MAX_MESSAGES: counted as skipped, not kept; the copy is still redacted', async () => {
    const { MAX_MESSAGES } = await import('./messages');
    const n = MAX_MESSAGES + 10;
    const text = 'HTTP/1.1 200 OK\nSet-Cookie: JSESSIONID=SESSION-VALUE-123\n\n'.repeat(n) + ':status: 200\nset-cookie: JSESSIONID=SESSION-VALUE-123\n';
    const r = readTranscript(text);
    expect(r.exchanges).toHaveLength(100_000);
    expect(r.skipped).toBe(n + 1 - 100_000);
    const tail = writeRedactedTranscript(text).slice(-200);
    expect(tail).not.toContain('SESSION-VALUE-123');
    expect(tail).toContain('set-cookie: JSESSIONID=[redacted 17]');
  }, 60_000);

  it('10,000 headers in one message: at most MAX_HEADERS kept, the message counted as cut', () => {
    const text = `HTTP/1.1 200 OK\n${'X-A: b\n'.repeat(10_000)}\n`;
    const r = readTranscript(text);
    expect(r.exchanges[0]!.responseHeaders).toHaveLength(MAX_HEADERS);
    expect(r.skipped).toBe(1);
  });

  it('lines built to make backtracking patterns explode', () => {
    const n = 2 * MB;
    const cases = [
      `GET ${' '.repeat(n)}x`,
      `GET /${'/'.repeat(n)} HTTP/1.1x`,
      `HTTP/1.1 200${' '.repeat(n)}\u0000`,
      `${'a'.repeat(n)}:`,
      `:status${' '.repeat(n)}`,
      `* Connected to ${'a'.repeat(n)} (`,
      `$ ${'$ '.repeat(n / 2)}`,
      `PS ${'C:\\'.repeat(n / 3)}`,
      `${'xX*'.repeat(n / 3)}`,
      `== Info: ${'0000: '.repeat(n / 6)}`,
    ];
    for (const line of cases) {
      expect(() => readTranscript(`${line}\n${line}\n`)).not.toThrow();
      expect(() => readTranscript(`HTTP/1.1 200 OK\n${line}\n`)).not.toThrow();
    }
  });

  it('a curl command with unclosed quotes, endless escapes or continuations: words, bounded', () => {
    expect(() => shellWords(`curl "${'\\"'.repeat(MB)}`)).not.toThrow();
    expect(() => shellWords(`curl '${'a'.repeat(MB)}`)).not.toThrow();
    const r = readTranscript('curl -H "a: b" \\\n'.repeat(50_000));
    expect(r.exchanges.length).toBeLessThanOrEqual(200); // one command per 500 continuation lines at most
    expect(() => writeRedactedTranscript(`curl -u a:b "${'x'.repeat(MB)}`)).not.toThrow();
  });

  it('the shapes of real pastes, built to be costly: labels, version-less request lines, objects, JSON blocks, option lines, chunks', () => {
    const n = 2 * MB;
    const cases = [
      `Response: ${'HTTP/1.1 '.repeat(n / 9)}`,
      `2021-08-09 16:30:59.412 TRACE ${'a'.repeat(n)}: HTTP/1.1 200`,
      `GET http://${'a'.repeat(n)} x`,
      `GET https://${'a/'.repeat(n / 2)} x`,
      `{\n${"  'date': '".repeat(n / 11)}`,
      `'set-cookie': [ ${"'a', ".repeat(n / 5)}`,
      `  'x': '${"\\'".repeat(n / 2)}`,
    ];
    for (const line of cases) {
      expect(() => readTranscript(`prose\n${line}\n${line}\n`)).not.toThrow();
      expect(() => writeRedactedTranscript(`prose\n${line}\n${line}\n`, 'raw')).not.toThrow();
    }
    // 200,000 lines that each open an object or a JSON block that never closes: each line looked at a bounded number of times.
    expect(readTranscript(`prose\n${'{\n'.repeat(200_000)}`, 'raw').exchanges).toHaveLength(0);
    expect(readTranscript(`prose\n${"{\n  date: 'x',\n  server: 'y',\n".repeat(50_000)}`).exchanges.length).toBeGreaterThan(0);
    expect(readTranscript(`prose\n${'{\n  "a": 1,\n'.repeat(100_000)}}\n`, 'raw').exchanges).toHaveLength(0);
    // A command followed by 100,000 option lines: at most MAX_COMMAND_LINES per command.
    expect(readTranscript(`curl https://x.example.com/\n${'  -v\n'.repeat(100_000)}`).exchanges.length).toBeLessThanOrEqual(201);
    // A chunked body of 100,000 size lines.
    const chunked = readTranscript(`HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n${'1\na\n'.repeat(100_000)}0\n`);
    expect(chunked.exchanges[0]!.responseBody!.text!.length).toBeLessThanOrEqual(2 * MB);
  }, 60_000);

  it('100,000 trace rows of data', () => {
    const text = `=> Send header, 1 bytes (0x1)\n0000: POST / HTTP/1.1\n0010: \n=> Send data, 1 bytes\n${('0000: ' + 'a'.repeat(64) + '\n').repeat(100_000)}`;
    const r = readTranscript(text);
    expect(r.format).toBe('curl-trace');
    expect(r.exchanges).toHaveLength(1);
    expect(r.exchanges[0]!.requestBody!.text!.length).toBeLessThanOrEqual(2 * MB);
  });
});
