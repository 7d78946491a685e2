/** main() in process, with a fake terminal: colour only on a TTY without NO_COLOR. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type Io } from './main';

const dir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-main-'));
writeFileSync(
  path.join(dir, 'a.har'),
  JSON.stringify({
    log: {
      entries: [
        {
          startedDateTime: '2026-11-24T10:00:00Z',
          request: { method: 'GET', url: 'https://jira.example.com/rest/api/2/myself', headers: [{ name: 'Cookie', value: 'JSESSIONID=x' }] },
          response: { status: 401, headers: [{ name: 'X-AUSERNAME', value: 'anonymous' }] },
        },
      ],
    },
  }),
);

function call(argv: string[], isTTY: boolean, env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io: Io = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), isTTY, env, cwd: dir };
  return { code: main(argv, io), out, err };
}

describe('main', () => {
  it('colours the report on a terminal, not when piped or with NO_COLOR', () => {
    expect(call(['analyze', 'a.har'], true).out).toContain('\x1b[31m[error]');
    expect(call(['analyze', 'a.har'], false).out).not.toContain('\x1b[');
    expect(call(['analyze', 'a.har'], true, { NO_COLOR: '1' }).out).not.toContain('\x1b[');
    expect(call(['analyze', 'a.har', '--json'], true).out).not.toContain('\x1b[');
  });
  it('relative names start at io.cwd; bad input is one line and exit 2', () => {
    expect(call(['analyze', 'a.har', '--json'], false).code).toBe(0);
    const missing = call(['analyze', 'nope.har'], false);
    expect(missing).toMatchObject({ code: 2, out: '', err: 'seraph-lens: nope.har: no such file\n' });
  });
});
