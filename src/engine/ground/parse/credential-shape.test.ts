/**
 * The shape of a credential, read from the raw Authorization header and kept through redaction; OAuth 1.0
 * credentials keep exactly their non-secret parameters.
 */
import { describe, expect, it } from 'vitest';
import { parseAuthorization } from './authorization';
import { secretShape, isMaskedSecret } from './credential-shape';
import { sanitizeAuthorization } from '../../redact/header-values';
import { redactText, sanitizeHeader } from '../../redact/redact';

const b64 = (s: string) => btoa(s);
const API_TOKEN = 'ATATT3xFfGF0' + 'aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY'.repeat(5) + '=A1B2C3D4';
const PAT = btoa('658186425649:' + String.fromCharCode(...Array.from({ length: 20 }, (_, i) => 200 + i)));
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

describe('secretShape', () => {
  it('API tokens: ATATT…, classic 24-character tokens, long generated secrets', () => {
    expect(secretShape(API_TOKEN)).toBe('api-token');
    expect(secretShape('Zb0cR8xDj0Lq2Wn4Yt6Ms8Kp')).toBe('api-token');
    expect(secretShape('9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc')).toBe('api-token');
  });
  it('passwords: short or human', () => {
    for (const p of ['hunter2', 'Summer2026!', 'correct horse battery staple', 'user_api_token', 'Passw0rd', 'aaaaaaaaaaaaaaaaaaaaaaaa']) expect(secretShape(p), p).toBe('password');
  });
  it('a Data Center PAT: 44 base64 characters of a numeric id and random bytes', () => {
    expect(PAT).toHaveLength(44);
    expect(secretShape(PAT)).toBe('pat');
    expect(secretShape(btoa('not-a-number:' + 'x'.repeat(20)))).not.toBe('pat');
  });
  it('JWTs', () => expect(secretShape(JWT)).toBe('jwt'));
  it('masked values people paste', () => {
    for (const m of ['XXXXX', 'xxxxxxxx', '****', '***REDACTED***', '<token>', '<api-token>', '$TOKEN', '${JIRA_TOKEN}', '{{token}}', '%TOKEN%', '[redacted]', 'your-api-token', 'YOUR_TOKEN_HERE', 'token', '•••••']) {
      expect(isMaskedSecret(m), m).toBe(true);
      expect(secretShape(m), m).toBe('masked');
    }
    for (const real of ['hunter2', API_TOKEN, PAT]) expect(isMaskedSecret(real), real).toBe(false);
  });
  it('empty, huge or odd values are unknown, never an exception', () => {
    expect(secretShape('')).toBe('unknown');
    expect(secretShape('A'.repeat(100_000))).toBe('unknown');
    expect(secretShape('\u0000\ud800'.repeat(20) + 'x'.repeat(40))).toBe('unknown');
  });
});

describe('parseAuthorization: shape', () => {
  it('Basic reads the shape of the password part; Bearer of the token', () => {
    expect(parseAuthorization(`Basic ${b64(`fred@acme.com:${API_TOKEN}`)}`)).toEqual({ scheme: 'basic', user: 'fred@acme.com', shape: 'api-token' });
    expect(parseAuthorization(`Basic ${b64('fred:hunter2')}`)).toEqual({ scheme: 'basic', user: 'fred', shape: 'password' });
    expect(parseAuthorization(`Basic ${b64(`fred:${PAT}`)}`)).toEqual({ scheme: 'basic', user: 'fred', shape: 'pat' });
    expect(parseAuthorization(`Basic ${b64('fred:XXXX')}`)).toEqual({ scheme: 'basic', user: 'fred', shape: 'masked' });
    expect(parseAuthorization('Basic <base64>')).toEqual({ scheme: 'basic', user: null, shape: 'masked' });
    expect(parseAuthorization(`Bearer ${PAT}`)).toEqual({ scheme: 'bearer', shape: 'pat' });
    expect(parseAuthorization(`Bearer ${JWT}`)).toEqual({ scheme: 'bearer', shape: 'jwt' });
    expect(parseAuthorization('Bearer ${JIRA_TOKEN}')).toEqual({ scheme: 'bearer', shape: 'masked' });
    expect(parseAuthorization(`JWT ${JWT}`)).toEqual({ scheme: 'other', name: 'JWT', shape: 'jwt' });
    expect(parseAuthorization('Negotiate YIIabc')).toEqual({ scheme: 'other', name: 'Negotiate', shape: 'unknown' });
  });
  it('hostile and huge headers: bounded, no exception, no secret', () => {
    for (const v of [`Basic ${'A'.repeat(1 << 20)}`, `Bearer ${'x'.repeat(1 << 20)}`, `OAuth ${'oauth_token="x", '.repeat(100_000)}`, `Basic ${b64('a:' + 'b'.repeat(20_000))}`, 'Bearer \u0000\r\n', 'OAuth oauth_consumer_key="a\\"b"']) {
      const c = parseAuthorization(v);
      expect(c).not.toBeNull();
      expect(JSON.stringify(c).length).toBeLessThan(400);
    }
  });
});

describe('the shape survives redaction', () => {
  it('sanitize → parse reads the same credentials, and sanitizing again changes nothing', () => {
    for (const v of [
      `Basic ${b64(`fred@acme.com:${API_TOKEN}`)}`,
      `Basic ${b64('fred:hunter2')}`,
      `Basic ${b64(`fred:${PAT}`)}`,
      `Basic ${b64('fred:****')}`,
      `Bearer ${PAT}`,
      `Bearer ${JWT}`,
      `Bearer ${API_TOKEN}`,
      'Bearer <token>',
      `JWT ${JWT}`,
      'Basic XXXXX',
    ]) {
      const s = sanitizeHeader('Authorization', v);
      expect(parseAuthorization(s), v).toEqual(parseAuthorization(v));
      expect(sanitizeAuthorization(s)).toBe(s);
      for (const secret of [API_TOKEN, PAT, JWT, 'hunter2']) expect(s).not.toContain(secret);
    }
    expect(sanitizeHeader('Authorization', `Basic ${b64(`fred@acme.com:${API_TOKEN}`)}`)).toBe(`Basic [redacted ${b64(`fred@acme.com:${API_TOKEN}`).length} user=fred%40acme.com shape=api-token]`);
    expect(sanitizeHeader('Authorization', `Bearer ${PAT}`)).toBe('Bearer [redacted 44 shape=pat]');
  });
  it('old markers (no shape) still read, as unknown; a look-alike shape word is unknown', () => {
    expect(parseAuthorization('Basic [redacted 12 user=fred]')).toEqual({ scheme: 'basic', user: 'fred', shape: 'unknown' });
    expect(parseAuthorization('Bearer [redacted 44]')).toEqual({ scheme: 'bearer', shape: 'unknown' });
    expect(parseAuthorization('Bearer [redacted 44 shape=nonsense]')).toEqual({ scheme: 'bearer', shape: 'unknown' });
  });
});

describe('OAuth 1.0', () => {
  const header =
    'OAuth realm="https%3A%2F%2Fjira.example.com", oauth_consumer_key="Confluence%3A1234567890", oauth_token="SECRETTOKEN123", ' +
    'oauth_signature_method="RSA-SHA1", oauth_signature="SECRET%2Bsig%3D", oauth_timestamp="1795514090", oauth_nonce="SECRETNONCE", oauth_version="1.0", oauth_verifier="SECRETVERIFIER"';
  it('keeps exactly the non-secret parameters; the token, signature, nonce and anything unknown are redacted', () => {
    expect(sanitizeHeader('Authorization', header)).toBe(
      'OAuth realm="https%3A%2F%2Fjira.example.com", oauth_consumer_key="Confluence%3A1234567890", oauth_token="[redacted 14]", ' +
        'oauth_signature_method="RSA-SHA1", oauth_signature="[redacted 15]", oauth_timestamp="1795514090", oauth_nonce="[redacted 11]", oauth_version="1.0", oauth_verifier="[redacted 14]"',
    );
  });
  it('reads the consumer key and timestamp as facts, the same from the sanitized header', () => {
    const facts = { consumerKey: 'Confluence:1234567890', signatureMethod: 'RSA-SHA1', timestamp: 1795514090, version: '1.0', realm: 'https://jira.example.com' };
    expect(parseAuthorization(header)).toEqual({ scheme: 'other', name: 'OAuth', shape: 'oauth1', oauth1: facts });
    const s = sanitizeHeader('Authorization', header);
    expect(parseAuthorization(s)).toEqual(parseAuthorization(header));
    expect(sanitizeHeader('Authorization', s)).toBe(s);
  });
  it('a value that is not a clean parameter list goes whole; an odd kept value is redacted', () => {
    expect(sanitizeHeader('Authorization', 'OAuth oauth_token="abc" junk oauth_signature="SECRET"')).toBe('OAuth [redacted 47]');
    expect(sanitizeHeader('Authorization', 'OAuth oauth_consumer_key="a<script>", oauth_token="t"')).toBe('OAuth oauth_consumer_key="[redacted 9]", oauth_token="[redacted 1]"');
    expect(parseAuthorization('OAuth abcdef0123')).toEqual({ scheme: 'other', name: 'OAuth', shape: 'unknown' });
    // Unquoted values are not RFC 5849's form (or a value cut short, as free text cuts at quotes): all of it goes.
    expect(sanitizeHeader('Authorization', 'OAuth oauth_consumer_key=jira, oauth_token=SECRET')).toBe('OAuth [redacted 43]');
    const text = 'Authorization: OAuth oauth_consumer_key="jira", oauth_token="SECRET1", oauth_signature="S%3D"\n';
    expect(redactText(redactText(text))).toBe(redactText(text));
    expect(redactText(text)).not.toContain('SECRET1');
  });
});
