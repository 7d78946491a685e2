/**
 * A virtual X display for the one test that needs a headed browser (real DevTools cannot be shown headless).
 * `scripts/setup-browsers.sh` installs Debian's `xvfb`; `-displayfd` lets Xvfb pick a free display number, so
 * parallel runs never collide.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const XVFB = '/usr/bin/Xvfb';

export interface VirtualDisplay {
  /** e.g. ":99", for the DISPLAY variable of a browser started on it. */
  display: string;
  close(): Promise<void>;
}

export async function startXvfb(width = 1600, height = 1000): Promise<VirtualDisplay> {
  if (!existsSync(XVFB)) throw new Error(`${XVFB} is missing: run scripts/setup-browsers.sh (it installs Debian's xvfb)`);
  const proc: ChildProcess = spawn(XVFB, ['-displayfd', '1', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not report a display within 10 s')), 10_000);
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^(\d+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`:${m[1]}`);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}`));
    });
  });
  return {
    display,
    close: async () => {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}
