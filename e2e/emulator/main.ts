/**
 * Run the emulator by hand:
 *   tsx e2e/emulator/main.ts [--port N] [--mode server|cloud] [--timeout SEC] [--cookie-max-age SEC]
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8090' },
    mode: { type: 'string', default: 'server' },
    timeout: { type: 'string', default: '1800' },
    'cookie-max-age': { type: 'string' },
  },
});
const mode = values.mode === 'cloud' ? 'cloud' : 'server';
const emu = await startEmulator({
  port: Number(values.port),
  mode,
  sessionTimeoutSec: Number(values.timeout),
  cookieMaxAgeSec: values['cookie-max-age'] ? Number(values['cookie-max-age']) : null,
});
console.log(`Jira emulator (${mode}) on ${emu.url}  ·  controls: ${emu.url}/__emulator/`);
console.log(mode === 'cloud' ? 'user@example.com with API token user_api_token' : 'users: fred/fred, admin/admin');
process.on('SIGINT', () => void emu.close().then(() => process.exit(0)));
