/**
 * Issue 25: the classes an attacker-style test left readable, one by one (each with a fresh value), and
 * what redaction must keep for support.
 */
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { redactBody, redactHar, redactText, redactUrl } from './redact';
import { isSecretName } from './names';
import { readHar } from '../har/har';
import { analyze } from '../analysis/analyzer';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** A fresh random string of `n` characters of `alphabet`. */
function rnd(n: number, alphabet = ALNUM): string {
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}
const HEX = '0123456789abcdef';
const uuid = () => `${rnd(8, HEX)}-${rnd(4, HEX)}-4${rnd(3, HEX)}-a${rnd(3, HEX)}-${rnd(12, HEX)}`;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Every spelling a surviving secret could take in a serialized HAR. */
export function spellings(secret: string): string[] {
  const once = encodeURIComponent(secret);
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), once, encodeURIComponent(once), b64(secret).replace(/=+$/, ''), Buffer.from(secret).toString('base64url'), secret.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)])].filter((s) => s.length >= 8);
}

function survivors(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => spellings(s).some((form) => text.includes(form)));
}

const entry = (url: string, request: object, response: object, extra: object = {}) => ({
  startedDateTime: '2026-12-07T10:00:00Z',
  request: { method: 'GET', url, headers: [] as object[], ...request },
  response: { status: 200, headers: [] as object[], ...response },
  ...extra,
});
interface Loose {
  log: { entries: { response: { content?: { text: string } }; _webSocketMessages?: { data: string }[] }[] };
}
const redactLoose = (har: unknown) => redactHar(har) as Loose;
const html = (text: string) => ({ content: { mimeType: 'text/html', text } });

describe('issue 25: the survivors of the attacker-style test', () => {
  const cases: [string, (s: string) => object, () => string][] = [
    ['Jira Automation webhook key in a URL path', (s) => entry(`https://automation.atlassian.com/pro/hooks/${s}`, {}, {}), () => rnd(40, HEX)],
    ['the same webhook in a JSON webhookUrl', (s) => entry('https://acme.atlassian.net/rest/x', {}, { content: { mimeType: 'application/json', text: JSON.stringify({ webhookUrl: `https://api-private.atlassian.com/automation/webhooks/jira/a/${uuid()}/${s}` }) } }), () => uuid()],
    ['a Slack webhook secret', (s) => entry('https://acme.atlassian.net/x', {}, html(`<p>https://hooks.slack.com/services/T0123ABCD/B0123ABCD/${s}</p>`)), () => rnd(24)],
    ['a URL encoded twice in another URL', (s) => entry(`https://id.atlassian.com/login?continue=${encodeURIComponent(encodeURIComponent(`https://acme.atlassian.net/cb?api_token=${s}`))}`, {}, {}), () => rnd(24)],
    ['HTML-entity JSON in an attribute', (s) => entry('https://acme.atlassian.net/x', {}, html(`<div data-props="{&quot;xsrfToken&quot;:&quot;${s}&quot;}"></div>`)), () => rnd(24)],
    ['localStorage.setItem', (s) => entry('https://acme.atlassian.net/x', {}, html(`<script>localStorage.setItem("access_token", "${s}")</script>`)), () => rnd(24)],
    ['xhr.setRequestHeader', (s) => entry('https://acme.atlassian.net/x', {}, html(`<script>xhr.setRequestHeader('X-Api-Key', '${s}');</script>`)), () => rnd(24)],
    ['JSON.parse of a \\u0022-escaped string', (s) => entry('https://acme.atlassian.net/x', {}, html(`<script>var c = JSON.parse("{\\u0022accessToken\\u0022:\\u0022${s}\\u0022}");</script>`)), () => rnd(24)],
    ['a Slack xoxb- token as text in <code>', (s) => entry('https://acme.atlassian.net/x', {}, html(`<code>${s}</code>`)), () => `xoxb-${rnd(12, '0123456789')}-${rnd(12, '0123456789')}-${rnd(24)}`],
    ['a github_pat_ in an error sentence', (s) => entry('https://acme.atlassian.net/x', {}, { content: { mimeType: 'application/json', text: JSON.stringify({ errorMessages: [`Bad credentials: token ${s} is not valid`] }) } }), () => `github_pat_${rnd(22)}_${rnd(59)}`],
    ['"authorizationHeader": "Basic …"', (s) => entry('https://acme.atlassian.net/x', {}, { content: { mimeType: 'application/json', text: JSON.stringify({ authorizationHeader: `Basic ${b64(`fred:${s}`)}` }) } }), () => rnd(16)],
    ['a password under a non-ASCII key', (s) => entry('https://acme.atlassian.net/x', { method: 'POST', postData: { mimeType: 'application/json', text: JSON.stringify({ usuario: 'fred', contraseña: s }) } }, {}), () => rnd(12)],
    ['{"key":"sk_live_…"}', (s) => entry('https://acme.atlassian.net/x', {}, { content: { mimeType: 'application/json', text: JSON.stringify({ key: s }) } }), () => `sk_live_${rnd(24)}`],
    ['PEM private-key lines', (s) => entry('https://acme.atlassian.net/x', {}, html(`<pre>-----BEGIN RSA PRIVATE KEY-----\n${s}\n${rnd(64)}\n-----END RSA PRIVATE KEY-----</pre>`)), () => rnd(64)],
    ['a PEM file in postData.params[].value', (s) => entry('https://acme.atlassian.net/upload', { method: 'POST', postData: { mimeType: 'multipart/form-data; boundary=x', params: [{ name: 'file', fileName: 'server.pem', contentType: 'application/x-pem-file', value: `-----BEGIN PRIVATE KEY-----\n${s}\n-----END PRIVATE KEY-----\n` }] } }, {}), () => rnd(64)],
    ['a socket.io frame 42["authenticate","…"]', (s) => entry('wss://acme.atlassian.net/socket.io/', {}, { status: 101 }, { _webSocketMessages: [{ type: 'send', opcode: 1, data: `42["authenticate","${s}"]` }] }), () => `ATATT3xFfGF0${rnd(180)}`],
    ['a binary WebSocket frame', (s) => entry('wss://acme.atlassian.net/ws', {}, { status: 101 }, { _webSocketMessages: [{ type: 'send', opcode: 2, data: b64(`\u0001\u0002${s}`) }] }), () => rnd(24)],
    ['a base64 body that is not UTF-8', (s) => entry('https://acme.atlassian.net/blob', {}, { content: { mimeType: 'application/octet-stream', encoding: 'base64', text: Buffer.concat([Buffer.from([0xff, 0xfe, 0x00]), Buffer.from(`token=${s}`)]).toString('base64') } }), () => rnd(24)],
  ];
  it.each(cases)('%s', (_name, make, secret) => {
    const s = secret();
    const har = { log: { version: '1.2', entries: [make(s)] } };
    const out = JSON.stringify(redactHar(har));
    expect(survivors(out, [s]), out).toEqual([]);
    expect(redactHar(JSON.parse(out))).toEqual(JSON.parse(out));
  });

  it('socket.io frames: the arguments of an authentication event, whatever their shape; other events by names and shapes', () => {
    const a = `${rnd(6)}-${rnd(6)}`;
    const b = rnd(12);
    const c = rnd(28);
    const frames = [`42["authenticate","${a}"]`, `42/chat,7["login",{"user":"fred","pass":"${b}"}]`, `42["message",{"text":"hi","token":"${c}"}]`, '42["message",{"text":"hi there"}]'];
    const har = { log: { entries: [entry('wss://h/socket.io/?EIO=4', {}, { status: 101 }, { _webSocketMessages: frames.map((data) => ({ type: 'send', opcode: 1, data })) })] } };
    const out = redactLoose(har);
    expect(survivors(JSON.stringify(out), [a, b, c])).toEqual([]);
    expect(out.log.entries[0]!._webSocketMessages!.map((f) => f.data)).toEqual(['42["authenticate","[redacted 13]"]', '42/chat,7["login",{"user":"fred","pass":"[redacted 12]"}]', '42["message",{"text":"hi","token":"[redacted 28]"}]', '42["message",{"text":"hi there"}]']);
  });

  it('a URL parameter holding base64 JSON or a URL encoded three times', () => {
    const a = rnd(24);
    const b = rnd(24);
    const har = { log: { entries: [entry(`https://acme.atlassian.net/x?state=1&data=${encodeURIComponent(b64(JSON.stringify({ user: 'fred', password: a })))}&next=${encodeURIComponent(encodeURIComponent(encodeURIComponent(`https://h/?token=${b}`)))}`, {}, {})] } };
    const out = JSON.stringify(redactHar(har));
    expect(survivors(out, [a, b]), out).toEqual([]);
  });

  it('a value removed from a header is removed from the page title and a comment too', () => {
    const s = rnd(28);
    const har = {
      log: {
        version: '1.2',
        pages: [{ id: 'p', title: `Debug ${s} - Jira` }],
        entries: [{ ...entry('https://acme.atlassian.net/x', { headers: [{ name: 'X-Vendor-Session', value: s }] }, {}), comment: `copied after login, key was ${s}.` }],
      },
    };
    const out = JSON.stringify(redactHar(har));
    expect(survivors(out, [s])).toEqual([]);
    expect(out).toContain('Debug [redacted 28] - Jira');
  });
});

describe('issue 25.2: known token formats, under any name', () => {
  const tokens = [
    `ghp_${rnd(36)}`,
    `gho_${rnd(36)}`,
    `ghs_${rnd(36)}`,
    `github_pat_${rnd(22)}_${rnd(59)}`,
    `xoxp-${rnd(11, '0123456789')}-${rnd(11, '0123456789')}-${rnd(12, '0123456789')}-${rnd(32, HEX)}`,
    `sk_live_${rnd(24)}`,
    `rk_live_${rnd(24)}`,
    `AKIA${rnd(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    `AIza${rnd(35)}`,
    `npm_${rnd(36)}`,
    `ATATT3xFfGF0${rnd(180)}`,
    `ATCTT3xFfGN0${rnd(120)}`,
  ];
  it.each(tokens)('%s as JSON key/id, parameter, text and URL path', (t) => {
    for (const body of [JSON.stringify({ key: t }), JSON.stringify({ id: t, name: 'x' }), `key=${t}&id=${t}`, `the value ${t}, then more`]) expect(redactBody(body, body.startsWith('{') ? 'application/json' : '')).not.toContain(t);
    expect(redactUrl(`https://h/a/${t}/b?id=${t}`)).not.toContain(t);
    expect(redactText(`NPM_TOKEN=${t}`)).toBe(`NPM_TOKEN=[redacted ${t.length}]`);
  });
  it('webhook URLs lose their secret path part only', () => {
    const slack = `https://hooks.slack.com/services/T0ABCDEFG/B0ABCDEFG/${rnd(24)}`;
    expect(redactUrl(slack)).toMatch(/^https:\/\/hooks\.slack\.com\/services\/%5Bredacted%20\d+%5D$/);
    const teams = `https://acme.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/${rnd(32, HEX)}/${uuid()}`;
    expect(redactUrl(teams)).toMatch(/^https:\/\/acme\.webhook\.office\.com\/webhookb2\/%5Bredacted%20\d+%5D$/);
    const discord = `https://discord.com/api/webhooks/${rnd(18, '0123456789')}/${rnd(68)}`;
    expect(redactUrl(discord)).toMatch(/^https:\/\/discord\.com\/api\/webhooks\/%5Bredacted%20\d+%5D$/);
    const dc = `https://jira.example.com/rest/cb-automation/latest/hooks/${rnd(40, HEX)}`;
    expect(redactUrl(dc)).toMatch(/\/hooks\/%5Bredacted%2040%5D$/);
  });
  it('PEM private keys, multi-line, also without an END line; certificates in text stay', () => {
    const body = rnd(64);
    expect(redactText(`-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----`)).toBe(`-----BEGIN OPENSSH PRIVATE KEY-----[redacted ${body.length + 2}]-----END OPENSSH PRIVATE KEY-----`);
    expect(redactText(`x -----BEGIN EC PRIVATE KEY-----\\n${body}`)).not.toContain(body);
    const cert = `-----BEGIN CERTIFICATE-----\nMIIB${rnd(20)}\n-----END CERTIFICATE-----`;
    expect(redactText(cert)).toBe(cert);
  });
});

describe('issue 25.3: decode, then scan', () => {
  it('HTML entities, JS escapes, nested URL encoding and base64 runs', () => {
    const s = rnd(24);
    expect(redactText(`<div data-x="{&#34;password&#34;:&#34;${s}&#34;}">`)).not.toContain(s);
    expect(redactText(`<div data-x="{&#x22;apiToken&#x22;:&#x22;${s}&#x22;}">`)).not.toContain(s);
    expect(redactText(`x = "{\\x22secret\\x22:\\x22${s}\\x22}"`)).not.toContain(s);
    expect(redactText(`go to ${encodeURIComponent(encodeURIComponent(encodeURIComponent(`https://h/?token=${s}`)))}`)).not.toContain(s);
    expect(redactText(`cfg: ${b64(JSON.stringify({ user: 'fred', password: s }))} end`)).not.toContain(b64(s).slice(4, 20));
  });
  it('script assignments and env-style lines keep their names', () => {
    const s = rnd(24);
    expect(redactText(`sessionStorage.setItem('id_token', '${s}')`)).toBe(`sessionStorage.setItem('id_token', '[redacted 24]')`);
    expect(redactText(`headers.set("Authorization", "Bearer ${s}")`)).toBe(`headers.set("Authorization", "Bearer [redacted 24 shape=api-token]")`);
    expect(redactText(`export NPM_TOKEN=${s}`)).toBe(`export NPM_TOKEN=%5Bredacted%2024%5D`);
    expect(redactText(`Basic ${b64(`fred:${s}`)} was sent`)).toMatch(/^Basic \[redacted \d+ user=fred shape=api-token\] was sent$/);
  });
  it.each(['contraseña', 'passwort', 'mot_de_passe', 'пароль', '密码', 'パスワード', 'Kennwort', 'senha'])('%s is a secret name, in JSON, parameters and text', (name) => {
    const s = rnd(16);
    expect(isSecretName(name, 'json')).toBe(true);
    expect(redactBody(JSON.stringify({ [name]: s }), 'application/json')).not.toContain(s);
    expect(redactBody(`${encodeURIComponent(name)}=${s}`, 'application/x-www-form-urlencoded')).not.toContain(s);
    expect(redactText(`{${name}: "${s}"}`)).not.toContain(s);
  });
});

describe('issue 25.4: what cannot be read is removed, with a marker', () => {
  it('binary text bodies, non-UTF-8 base64, binary frames, key files in multipart', () => {
    const s = rnd(24);
    const bin = `\u0000\u0001\u0002\u0003${s}\u0004\u0005\u0006`.repeat(3);
    const har = {
      log: {
        version: '1.2',
        entries: [
          entry('https://h/a', {}, { content: { mimeType: 'application/octet-stream', text: bin } }),
          entry('https://h/b', {}, { content: { mimeType: 'image/png', encoding: 'base64', text: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00, 0xfe]).toString('base64') } }),
          entry('https://h/ws', {}, { status: 101 }, { _webSocketMessages: [{ type: 'receive', opcode: 2, data: b64(s) }] }),
          entry('https://h/up', { method: 'POST', postData: { mimeType: 'multipart/form-data; boundary=B', text: `--B\r\nContent-Disposition: form-data; name="f"; filename="id_rsa"\r\n\r\n${s}\r\n--B\r\nContent-Disposition: form-data; name="c"; filename="a.txt"\r\nContent-Type: application/x-x509-ca-cert\r\n\r\n${s}\r\n--B--\r\n` } }, {}),
        ],
      },
    };
    const out = redactLoose(har);
    const text = JSON.stringify(out);
    expect(survivors(text, [s])).toEqual([]);
    expect(out.log.entries[0]!.response.content!.text).toMatch(/^\[removed: \d+ B binary\]$/);
    expect(out.log.entries[1]!.response.content!.text).toBe('[removed: 7 B binary]');
    expect(out.log.entries[2]!._webSocketMessages![0]!.data).toBe('[removed: 24 B binary frame]');
    expect(text).toContain('[removed: 24 B key or certificate]');
    expect(redactHar(out)).toEqual(out);
  });
  it('sizes read as people write them', () => {
    const big = { log: { entries: [entry('https://h/a', {}, { content: { mimeType: 'image/png', encoding: 'base64', text: Buffer.alloc(2150, 0xff).toString('base64') } })] } };
    expect(redactLoose(big).log.entries[0]!.response.content!.text).toBe('[removed: 2.1 KB binary]');
  });
  it('text with a few control characters is still text (SignalR record separators, STOMP NUL)', () => {
    const frame = `{"type":1,"target":"x","arguments":[]}\u001e{"type":6}\u001e`;
    expect(redactLoose({ log: { entries: [entry('wss://h/hub', {}, {}, { _webSocketMessages: [{ type: 'receive', opcode: 1, data: frame }] })] } }).log.entries[0]!._webSocketMessages![0]!.data).toBe(frame);
  });
});

describe('issue 25.5: what support needs is kept', () => {
  it('XSRF suffix, Basic user, SigV4 scope and SignedHeaders, NPM_TOKEN name, a media client UUID, ids and hashes', () => {
    const key = `AKIA${rnd(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
    const sig = rnd(64, HEX);
    const client = uuid();
    const commit = rnd(40, HEX);
    const url = `https://bucket.s3.amazonaws.com/o?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${key}%2F20261207%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-SignedHeaders=host&X-Amz-Signature=${sig}`;
    const red = redactUrl(url);
    expect(red).not.toContain(key);
    expect(red).not.toContain(sig);
    expect(red).toContain('%2F20261207%2Fus-east-1%2Fs3%2Faws4_request');
    expect(red).toContain('X-Amz-SignedHeaders=host');
    expect(redactUrl(`https://api.media.atlassian.com/file/${uuid()}/image?client=${client}&token=${rnd(30)}`)).toContain(`client=${client}`);
    const json = JSON.stringify({ id: '10042', key: 'ABC-123', accountId: '5b10ac8d82e05b22cc7d4ef5', commit, buildNumber: 9120000 });
    expect(redactBody(json, 'application/json')).toBe(json);
    const har = {
      log: {
        entries: [
          entry('https://jira.example.com/rest/api/2/myself', { headers: [{ name: 'Authorization', value: `Basic ${b64(`fred:${rnd(16)}`)}` }, { name: 'Cookie', value: `atlassian.xsrf.token=${rnd(8)}-${rnd(4)}-${rnd(4)}-${rnd(4)}|${rnd(40, HEX)}|lin` }] }, { headers: [{ name: 'X-AUSERNAME', value: 'fred' }] }),
        ],
      },
    };
    const out = JSON.stringify(redactHar(har));
    expect(out).toContain('user=fred shape=password]');
    expect(out).toMatch(/atlassian\.xsrf\.token=\[redacted \d+\]\|lin/);
  });
  it('a found value that is also a word or a listed header value does not change the facts', () => {
    const har = {
      log: {
        entries: [
          entry('https://jira.example.com/rest/api/2/myself', { headers: [{ name: 'Cookie', value: 'JIRA_STATE=anonymous; seraph.rememberme.cookie=fred-admin-1' }] }, { status: 401, headers: [{ name: 'X-AUSERNAME', value: 'anonymous' }, { name: 'X-AUSERID', value: 'fred-admin-1' }] }),
        ],
      },
    };
    const out = redactHar(har);
    expect(out.log.entries[0]!.response.headers).toEqual(har.log.entries[0]!.response.headers);
    expect(analyze(readHar(JSON.stringify(out)).exchanges)).toEqual(analyze(readHar(JSON.stringify(har)).exchanges));
  });
  it('the analysis of a file and of its redacted form stay identical', () => {
    const har = {
      log: {
        entries: [
          entry('https://jira.example.com/rest/api/2/myself', { headers: [{ name: 'Cookie', value: `JSESSIONID=${rnd(32, HEX)}` }] }, { status: 401, headers: [{ name: 'X-Seraph-LoginReason', value: 'AUTHENTICATED_FAILED' }, { name: 'X-AUSERNAME', value: 'anonymous' }] }),
        ],
      },
    };
    const out = redactHar(har);
    expect(analyze(readHar(JSON.stringify(out)).exchanges)).toEqual(analyze(readHar(JSON.stringify(har)).exchanges));
  });
});
