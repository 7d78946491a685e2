/**
 * Issue 25.6: a planted-secret HAR with 150+ secrets of every kind issue 25 names, placed where real HAR
 * files hold them (URLs, paths, headers, cookies, JSON/HTML/JS bodies, postData.params, WebSocket frames,
 * comments, page titles), each run with FRESH random values. The seed is printed; replay a failure with
 * PLANT_SEED=<seed> npx vitest run src/engine/redact/planted25.test.ts
 *
 * None may survive in any spelling (raw, JSON-escaped, URL-encoded once and twice, base64, base64url, `\u`
 * escapes, HTML entities), and the redacted file analyses to the same sessions and findings.
 */
import { describe, expect, it } from 'vitest';
import { randomInt } from 'node:crypto';
import { redactHar } from './redact';
import { readHar } from '../har/har';
import { analyze } from '../analysis/analyzer';

const SEED = Number(process.env.PLANT_SEED ?? randomInt(1, 2 ** 31 - 1));

/** mulberry32: a small seeded generator, so a printed seed replays the same file. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** Every spelling a survivor could take. */
function spellings(secret: string): string[] {
  const once = encodeURIComponent(secret);
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1),
    once,
    encodeURIComponent(once),
    b64(secret).replace(/=+$/, ''),
    b64url(secret),
    Array.from(secret, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    secret.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
    secret.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!),
  ];
  return [...new Set(forms)].filter((f) => f.length >= 8);
}

interface Planted {
  har: { log: { pages: object[]; entries: object[] } };
  secrets: { kind: string; value: string }[];
}

export function plant(seed: number, blocks = 5): Planted {
  const rnd = generator(seed);
  const pick = (alphabet: string, n: number) => {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(rnd() * alphabet.length)];
    return out;
  };
  const secrets: { kind: string; value: string }[] = [];
  const s = (kind: string, value: string) => {
    secrets.push({ kind, value });
    return value;
  };
  const uuid = () => `${pick(HEX, 8)}-${pick(HEX, 4)}-4${pick(HEX, 3)}-a${pick(HEX, 3)}-${pick(HEX, 12)}`;
  const gen = {
    password: () => s('password', `${pick(ALNUM, 10)}!${pick(ALNUM, 4)}@`),
    random: () => s('random', pick(ALNUM, 28)),
    session: () => s('session', pick(HEX, 32).toUpperCase()),
    jwt: () => s('jwt', `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(`{"sub":"${pick(ALNUM, 12)}","exp":1900000000}`)}.${pick(ALNUM, 43)}`),
    ghp: () => s('github-pat', `ghp_${pick(ALNUM, 36)}`),
    githubPat: () => s('github-fine-grained-pat', `github_pat_${pick(ALNUM, 22)}_${pick(ALNUM, 59)}`),
    gho: () => s('github-oauth', `gho_${pick(ALNUM, 36)}`),
    xoxb: () => s('slack-bot', `xoxb-${pick(DIGITS, 12)}-${pick(DIGITS, 13)}-${pick(ALNUM, 24)}`),
    slackHook: () => s('slack-webhook', pick(ALNUM, 24)),
    stripe: () => s('stripe', `${rnd() < 0.5 ? 'sk' : 'rk'}_live_${pick(ALNUM, 32)}`),
    akia: () => s('aws-key-id', `AKIA${pick(B32, 16)}`),
    awsSecret: () => s('aws-secret', pick(`${ALNUM}/+`, 40)),
    aiza: () => s('google', `AIza${pick(`${ALNUM}_-`, 35)}`),
    npm: () => s('npm', `npm_${pick(ALNUM, 36)}`),
    atatt: () => s('atlassian', `ATATT3xFfGF0${pick(`${ALNUM}_-`, 172)}=${pick(HEX, 8).toUpperCase()}`),
    atctt: () => s('atlassian-connect', `ATCTT3xFfGN0${pick(ALNUM, 120)}`),
    pemBody: () => s('private-key', `MII${pick(`${ALNUM}+/`, 61)}\n${pick(`${ALNUM}+/`, 64)}`),
    automation: () => s('jira-automation-webhook', pick(HEX, 40)),
    teams: () => s('teams-webhook', pick(HEX, 32)),
    discord: () => s('discord-webhook', pick(`${ALNUM}_-`, 68)),
  };
  const pem = (body: string) => `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`;
  const pages: object[] = [];
  const entries: object[] = [];
  const entry = (page: string, url: string, request: object, response: object, extra: object = {}) =>
    entries.push({
      pageref: page,
      startedDateTime: new Date(Date.UTC(2026, 11, 7, 10, 0, entries.length)).toISOString(),
      request: { method: 'GET', url, headers: [] as object[], cookies: [] as object[], ...request },
      response: { status: 200, headers: [{ name: 'X-AUSERNAME', value: 'fred' }, { name: 'X-AREQUESTID', value: `600x${entries.length}x1` }], ...response },
      ...extra,
    });
  const body = (mimeType: string, text: string) => ({ content: { mimeType, text } });

  for (let b = 0; b < blocks; b++) {
    const J = `https://jira${b}.example.com`;
    const C = `https://acme${b}.atlassian.net`;
    const page = `page_${b}`;
    const headerSecret = gen.random();
    pages.push({ id: page, title: `Support case: key ${headerSecret} failed`, startedDateTime: '2026-12-07T10:00:00Z' });
    const session = gen.session();
    const basicPw = gen.password();
    const basic = s('basic-credentials', b64(`fred:${basicPw}`).replace(/=+$/, ''));
    // Headers and cookies: Authorization, Cookie, unknown headers, Set-Cookie; the header value echoed in the page title and a comment.
    entry(page, `${J}/rest/api/2/myself`, {
      headers: [
        { name: 'Authorization', value: `Basic ${basic}` },
        { name: 'Cookie', value: `JSESSIONID=${session}; atlassian.xsrf.token=${gen.random()}|lin` },
        { name: 'X-Vendor-Key', value: headerSecret },
        { name: 'X-Api-Key', value: gen.ghp() },
      ],
      cookies: [{ name: 'JSESSIONID', value: session }, { name: 'tenant.session.token', value: gen.jwt() }],
    }, {}, { comment: `copied after the call with ${headerSecret} in it` });
    entry(page, `${C}/rest/api/3/myself`, { headers: [{ name: 'Authorization', value: `Bearer ${gen.atatt()}` }, { name: 'Cookie', value: `JSESSIONID=${session}` }] }, { headers: [{ name: 'X-AUSERNAME', value: 'fred' }, { name: 'Set-Cookie', value: `JSESSIONID=${session}; Path=/; HttpOnly` }] });
    // URLs: query by name, token formats under identity names, paths (webhooks), fragments, a URL encoded twice in another.
    entry(page, `${J}/secure/Dashboard.jspa?os_password=${encodeURIComponent(gen.password())}&id=${gen.stripe()}&key=${gen.aiza()}#access_token=${gen.random()}`, {}, {});
    entry(page, `https://automation.atlassian.com/pro/hooks/${gen.automation()}`, { method: 'POST' }, {});
    entry(page, `https://hooks.slack.com/services/T0${pick(B32, 8)}/B0${pick(B32, 8)}/${gen.slackHook()}`, { method: 'POST' }, {});
    entry(page, `https://acme.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/${gen.teams()}/${uuid()}`, { method: 'POST' }, {});
    entry(page, `https://discord.com/api/webhooks/${pick(DIGITS, 18)}/${gen.discord()}`, { method: 'POST' }, {});
    entry(page, `https://id.atlassian.com/login?continue=${encodeURIComponent(encodeURIComponent(`${C}/plugins/servlet/cb?api_token=${gen.random()}&x=1`))}`, {}, {});
    // S3 presigned: the key id and signature go, the scope stays.
    entry(page, `https://bucket.s3.amazonaws.com/o?X-Amz-Credential=${gen.akia()}%2F20261207%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-SignedHeaders=host&X-Amz-Signature=${s('aws-signature', pick(HEX, 64))}`, {}, {});
    // JSON bodies: secret keys, token formats under `key`/`id`, an error sentence, webhookUrl, a non-ASCII key, authorizationHeader.
    const automationAgain = gen.automation();
    entry(page, `${C}/rest/x`, { method: 'POST', postData: { mimeType: 'application/json', text: JSON.stringify({ usuario: 'fred', contraseña: gen.password(), пароль: gen.password(), 密码: gen.password(), authorizationHeader: `Basic ${s('basic-credentials', b64(`bob:${gen.password()}`).replace(/=+$/, ''))}` }) } }, body('application/json', JSON.stringify({ key: gen.stripe(), id: gen.npm(), errorMessages: [`token ${gen.githubPat()} is not valid`], webhookUrl: `https://api-private.atlassian.com/automation/webhooks/jira/a/${uuid()}/${automationAgain}`, rule: { trigger: `https://automation.atlassian.com/pro/hooks/${automationAgain}` }, aws: { accessKeyId: gen.akia(), secretAccessKey: gen.awsSecret() } })));
    // HTML and JS bodies: entity JSON, setItem, setRequestHeader, JSON.parse with \u0022, a token in <code>, PEM lines, env-style lines.
    entry(page, `${J}/browse/ABC-${b}`, {}, body('text/html', [
      `<div data-props="{&quot;xsrfToken&quot;:&quot;${gen.random()}&quot;,&quot;user&quot;:&quot;fred&quot;}"></div>`,
      `<script>localStorage.setItem("access_token", "${gen.random()}"); xhr.setRequestHeader("X-Api-Key", "${gen.random()}");</script>`,
      `<script>var cfg = JSON.parse("{\\u0022accessToken\\u0022:\\u0022${gen.random()}\\u0022}");</script>`,
      `<p>Use <code>${gen.xoxb()}</code> for the bot.</p>`,
      `<pre>${pem(gen.pemBody())}</pre>`,
      `<pre>export NPM_TOKEN=${gen.npm()}\nGITHUB_TOKEN=${gen.gho()}\nAWS_SECRET_ACCESS_KEY=${gen.awsSecret()}</pre>`,
      `<meta name="ajs-atl-token" content="${gen.random()}">`,
    ].join('\n')));
    entry(page, `${J}/s/app.js`, {}, body('application/javascript', `window.__cfg = {apiToken: '${gen.random()}', googleKey: "${gen.aiza()}", connect: '${gen.atctt()}'}; fetch(u, {headers: {Authorization: 'Bearer ${gen.jwt()}'}});`));
    // Forms: postData.params with a PEM file, multipart text with a key file and a password.
    entry(page, `${J}/rest/api/2/attachment`, {
      method: 'POST',
      postData: {
        mimeType: 'multipart/form-data; boundary=XyZ',
        text: ['--XyZ', 'Content-Disposition: form-data; name="password"', '', gen.password(), '--XyZ', 'Content-Disposition: form-data; name="cert"; filename="server.key"', 'Content-Type: application/octet-stream', '', pem(gen.pemBody()), '--XyZ--', ''].join('\r\n'),
        params: [{ name: 'file', fileName: 'server.pem', contentType: 'application/x-pem-file', value: pem(gen.pemBody()) }, { name: 'os_password', value: gen.password() }],
      },
    }, {});
    // Base64 bodies: JSON text, and bytes that are not UTF-8.
    entry(page, `${J}/rest/b64`, {}, { content: { mimeType: 'application/json', encoding: 'base64', text: b64(JSON.stringify({ refresh_token: gen.random(), note: 'x' })) } });
    entry(page, `${J}/blob`, {}, { content: { mimeType: 'application/octet-stream', encoding: 'base64', text: Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x01]), Buffer.from(`token=${gen.random()}`)]).toString('base64') } });
    // WebSocket frames: socket.io, STOMP, JSON, a binary frame.
    entry(page, `wss://jira${b}.example.com/ws`, {}, { status: 101 }, {
      _webSocketMessages: [
        { type: 'send', opcode: 1, data: `42["authenticate","${gen.atatt()}"]` },
        { type: 'send', opcode: 1, data: `CONNECT\nlogin:fred\npasscode:${gen.random()}\n\n\u0000` },
        { type: 'send', opcode: 1, data: JSON.stringify({ type: 'auth', token: gen.ghp() }) },
        { type: 'send', opcode: 2, data: Buffer.concat([Buffer.from([0x82, 0x00]), Buffer.from(gen.random())]).toString('base64') },
      ],
    });
  }
  return { har: { log: { version: '1.2', creator: { name: 'planted25', version: '1' }, pages, entries } as never }, secrets };
}

describe(`planted secrets of issue 25 (seed ${SEED}; replay with PLANT_SEED=${SEED})`, () => {
  // Printed so a failure in CI can be replayed.
  console.log(`planted25 seed: ${SEED}`);
  const { har, secrets } = plant(SEED);

  it('plants at least 150 secrets, of every kind, all different', () => {
    expect(secrets.length).toBeGreaterThanOrEqual(150);
    expect(new Set(secrets.map((x) => x.value)).size).toBe(secrets.length);
    expect(new Set(secrets.map((x) => x.kind)).size).toBeGreaterThanOrEqual(20);
  });
  it('none survives in any spelling', () => {
    const text = JSON.stringify(redactHar(har));
    const survivors = secrets.filter((x) => spellings(x.value).some((form) => text.includes(form)));
    expect(survivors, `seed ${SEED}`).toEqual([]);
    // Support keeps what it needs.
    expect(text).toMatch(/user=fred shape=[a-z-]+\]/);
    expect(text).toContain('%2F20261207%2Fus-east-1%2Fs3%2Faws4_request');
    expect(text).toContain('NPM_TOKEN=[redacted 40]');
    expect(text).toMatch(/\[removed: \d+ B binary frame\]/);
  });
  it('is stable, and analyses to the same sessions and findings', () => {
    const out = redactHar(har);
    expect(redactHar(out)).toEqual(out);
    const before = analyze(readHar(JSON.stringify(har)).exchanges);
    const after = analyze(readHar(JSON.stringify(out)).exchanges);
    expect(after.sessions).toEqual(before.sessions);
    expect(after.findings).toEqual(before.findings);
  });
});
