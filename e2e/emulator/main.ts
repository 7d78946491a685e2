/**
 * Run the emulator by hand:
 *   tsx e2e/emulator/main.ts [--port N] [--host H] [--mode server|cloud] [--timeout SEC] [--cookie-max-age SEC]
 *                            [--captcha-after N] [--tls HOSTNAME]
 * --tls serves HTTPS with a self-signed certificate for HOSTNAME (see tls.ts) and prints links as https://HOSTNAME.
 */
import { parseArgs } from 'node:util';
import { startEmulator, type EmulatorOptions } from './server';
import { testTlsFor } from './tls';
import { describeCredentials } from './users';

const USAGE = 'usage: tsx e2e/emulator/main.ts [--port N] [--host H] [--mode server|cloud] [--timeout SEC] [--cookie-max-age SEC] [--captcha-after N] [--tls HOSTNAME]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function number(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) fail(`--${name}: expected a number of 0 or more, got "${value}"`);
  return n;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      mode: { type: 'string' },
      timeout: { type: 'string' },
      'cookie-max-age': { type: 'string' },
      'captcha-after': { type: 'string' },
      tls: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.mode !== undefined && values.mode !== 'server' && values.mode !== 'cloud') fail(`--mode: expected server or cloud, got "${values.mode}"`);
const mode = values.mode === 'cloud' ? 'cloud' : 'server';
const port = number('port', values.port, 8090);
const options: EmulatorOptions = {
  host: values.host ?? '127.0.0.1',
  port,
  mode,
  sessionTimeoutSec: number('timeout', values.timeout, 1800),
  cookieMaxAgeSec: values['cookie-max-age'] === undefined ? null : number('cookie-max-age', values['cookie-max-age'], 0),
  captchaAfterFailures: number('captcha-after', values['captcha-after'], 3),
};
if (values.tls) {
  options.tls = testTlsFor(values.tls);
  // Links name the host on 443, as the browser sees it through --host-resolver-rules=MAP host:443 127.0.0.1:port.
  options.publicOrigin = `https://${values.tls}`;
}

const emu = await startEmulator(options);
console.log(`Jira emulator (${mode === 'cloud' ? 'Cloud' : 'Server/Data Center'}) listening on ${emu.url}`);
if (emu.origin !== emu.url) console.log(`  public origin: ${emu.origin} (map the name to ${emu.url}, e.g. Chromium --host-resolver-rules)`);
console.log(`  controls: ${emu.origin}/__emulator/   session cookie: ${emu.sessionCookieName}   inactivity timeout: ${options.sessionTimeoutSec} s`);
console.log('Demo users:');
for (const u of emu.users) {
  console.log(`  ${u.name} (${u.displayName})`);
  for (const line of describeCredentials(u, mode)) console.log(`    ${line}`);
}

const stop = () => void emu.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
