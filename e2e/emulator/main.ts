/**
 * Run the emulator by hand:
 *   tsx e2e/emulator/main.ts [--port N] [--host H] [--product jira|confluence] [--mode server|cloud] [--timeout SEC]
 *                            [--cookie-max-age SEC] [--captcha-after N] [--tls HOSTNAME] [--session-lifetime SEC]
 *                            [--no-anonymous-access] [--rotate-cookies]
 *                            [--sso saml|oidc] [--sso-failure SWITCH] [--sso-user NAME] [--sso-skew MINUTES]
 *                            [--applink-failure PROBLEM] [--applink-challenge] [--sso-policy-mismatch] [--cloud-id UUID]
 * --applink-* set the application link's OAuth 1.0a switches (Data Center); --sso-policy-mismatch makes
 * Atlassian's login (platform.ts, Cloud) refuse with authentication-policy-strategy-mismatch.
 * --sso turns single sign-on on (Data Center only) through an emulated IdP on another port; see README.md.
 * --tls serves HTTPS with a self-signed certificate for HOSTNAME (see tls.ts) and prints links as https://HOSTNAME.
 */
import { parseArgs } from 'node:util';
import { PROFILE_USAGE, profileFromArgs } from './cli-args';
import { startEmulator, type EmulatorOptions } from './server';
import { testTlsFor } from './tls';
import { describeCredentials } from './users';
import { IDP_CONFIG_ID, SSO_FAILURES, isSsoFailure } from './idp/sso-state';
import { EXTERNAL_LOGIN } from './idp/sp';
import { OAUTH_PROBLEMS, isOAuthProblem } from './applink';
import { AUTH_HOST, GATEWAY_HOST } from './platform';

const USAGE = `usage: tsx e2e/emulator/main.ts [--port N] [--host H] ${PROFILE_USAGE} [--timeout SEC] [--cookie-max-age SEC] [--captcha-after N] [--tls HOSTNAME] [--session-lifetime SEC] [--no-anonymous-access] [--rotate-cookies] [--sso saml|oidc] [--sso-failure ${SSO_FAILURES.join('|')}] [--sso-user NAME] [--sso-skew MINUTES] [--applink-failure ${OAUTH_PROBLEMS.join('|')}] [--applink-challenge] [--sso-policy-mismatch] [--cloud-id UUID]`;

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
      product: { type: 'string' },
      mode: { type: 'string' },
      'session-lifetime': { type: 'string' },
      'no-anonymous-access': { type: 'boolean' },
      'rotate-cookies': { type: 'boolean' },
      timeout: { type: 'string' },
      'cookie-max-age': { type: 'string' },
      'captcha-after': { type: 'string' },
      tls: { type: 'string' },
      sso: { type: 'string' },
      'sso-failure': { type: 'string' },
      'sso-user': { type: 'string' },
      'sso-skew': { type: 'string' },
      'applink-failure': { type: 'string' },
      'applink-challenge': { type: 'boolean' },
      'sso-policy-mismatch': { type: 'boolean' },
      'cloud-id': { type: 'string' },
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
const profile = profileFromArgs(values);
if (typeof profile === 'string') fail(profile);
const { product, mode } = profile;
const port = number('port', values.port, 8090);
const options: EmulatorOptions = {
  host: values.host ?? '127.0.0.1',
  port,
  product,
  mode,
  anonymousAccess: !values['no-anonymous-access'],
  rotateCookies: Boolean(values['rotate-cookies']),
  sessionTimeoutSec: number('timeout', values.timeout, 1800),
  cookieMaxAgeSec: values['cookie-max-age'] === undefined ? null : number('cookie-max-age', values['cookie-max-age'], 0),
  captchaAfterFailures: number('captcha-after', values['captcha-after'], 3),
};
if (values['session-lifetime'] !== undefined) options.sessionLifetimeSec = number('session-lifetime', values['session-lifetime'], 0);
if (values.sso !== undefined) {
  if (values.sso !== 'saml' && values.sso !== 'oidc') fail(`--sso: expected saml or oidc, got "${values.sso}"`);
  if (mode === 'cloud') fail('--sso: single sign-on is emulated for the Data Center profiles only');
  const failure = values['sso-failure'];
  if (failure !== undefined && !isSsoFailure(failure)) fail(`--sso-failure: expected one of ${SSO_FAILURES.join(', ')}, got "${failure}"`);
  const skew = values['sso-skew'];
  if (skew !== undefined && (skew.trim() === '' || !Number.isFinite(Number(skew)))) fail(`--sso-skew: expected a number of minutes, got "${skew}"`);
  options.sso = {
    protocol: values.sso,
    failure: failure ?? null,
    ...(values['sso-user'] !== undefined ? { user: values['sso-user'].trim() || null } : {}),
    ...(skew !== undefined ? { skewMinutes: Number(skew) } : {}),
  };
} else if (values['sso-failure'] !== undefined || values['sso-user'] !== undefined || values['sso-skew'] !== undefined) fail('--sso-failure, --sso-user and --sso-skew need --sso saml|oidc');
const applinkFailure = values['applink-failure'];
if (applinkFailure !== undefined || values['applink-challenge']) {
  if (mode === 'cloud') fail('--applink-failure and --applink-challenge: application links are emulated for the Data Center profiles only');
  if (applinkFailure !== undefined && !isOAuthProblem(applinkFailure)) fail(`--applink-failure: expected one of ${OAUTH_PROBLEMS.join(', ')}, got "${applinkFailure}"`);
  options.appLink = { failure: applinkFailure ?? null, challenge: Boolean(values['applink-challenge']) };
}
if (values['sso-policy-mismatch'] || values['cloud-id'] !== undefined) {
  if (mode !== 'cloud') fail('--sso-policy-mismatch and --cloud-id need --mode cloud');
  options.ssoPolicyMismatch = Boolean(values['sso-policy-mismatch']);
  if (values['cloud-id'] !== undefined) options.cloudId = values['cloud-id'];
}
if (values.tls) {
  options.tls = testTlsFor(values.tls);
  // Links name the host on 443, as the browser sees it through --host-resolver-rules=MAP host:443 127.0.0.1:port.
  options.publicOrigin = `https://${values.tls}`;
}

const emu = await startEmulator(options);
console.log(`${emu.profile.title} emulator listening on ${emu.url}`);
if (emu.origin !== emu.url) console.log(`  public origin: ${emu.origin} (map the name to ${emu.url}, e.g. Chromium --host-resolver-rules)`);
console.log(`  controls: ${emu.origin}/__emulator/   session cookie: ${emu.sessionCookieName}   inactivity timeout: ${options.sessionTimeoutSec} s`);
console.log(`  home: ${emu.origin}${emu.profile.home}   login: ${emu.origin}${emu.profile.loginPath}${options.anonymousAccess ? '' : '   (no anonymous access)'}`);
if (emu.idpUrl && typeof options.sso === 'object') {
  const loginUrl = `${emu.origin}${EXTERNAL_LOGIN}/${IDP_CONFIG_ID}`;
  console.log(`  single sign-on: ${options.sso.protocol} through the emulated IdP at ${emu.idpUrl}   login: ${loginUrl}   switch: ${options.sso.failure ?? 'none'}`);
}
if (emu.platformUrl) {
  console.log(`  ${GATEWAY_HOST} and ${AUTH_HOST}: ${emu.platformUrl} (map both names to it)   cloudId: ${emu.cloudId}   gateway: ${emu.platformUrl}/ex/${emu.product}/${emu.cloudId}/`);
  if (emu.oauthInitial) console.log(`  OAuth 2.0 refresh token: ${emu.oauthInitial.refreshToken}`);
}
console.log('Demo users:');
for (const u of emu.users) {
  console.log(`  ${u.name} (${u.displayName})`);
  for (const line of describeCredentials(u, mode)) console.log(`    ${line}`);
}

const stop = () => void emu.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
