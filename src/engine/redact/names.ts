/**
 * What makes a value secret when nothing but its name or its own shape tells: the rules behind every
 * parameter, form field, multipart field, JSON key, JS object key and `key: value` line redact.ts reads.
 *
 * Names are read as words (`os_authType` → os, auth, type; `SAMLResponse` → saml, response;
 * `X-Auth-Key` → x, auth, key), so `auth` in `os_authType` is not the `auth` of `X-Atlassian-Auth`, and
 * `key` in `issueKey` is not the `key` of `?key=`. Everything here is a single pass over the name or value
 * (no regular expression that could backtrack over untrusted text).
 */

/** Where a name was read: `param` (query, form, multipart, `name=value` in text, a name/value pair's name), `json` (JSON and JS object keys, `Name: value` lines). */
export type NameContext = 'param' | 'json';

/** Substrings of the name (lowered, separators removed) that always mean secret: glued spellings included (`apikey`, `jsessionid`). */
const STRONG = ['passw', 'passcode', 'passphrase', 'motdepasse', 'kennwort', 'wachtwoord', 'contrasena', 'senha', 'salasana', 'losenord', 'haslo', 'jelszo', 'secret', 'token', 'jwt', 'apikey', 'accesskey', 'privatekey', 'authkey', 'credential', 'signature', 'sessionid', 'sessid', 'assertion', 'saml', 'verifier', 'xsrf', 'csrf', 'bearer'];

/** Words that are secret wherever they stand in the name. */
const SECRET_WORDS = new Set(['pass', 'passe', 'pwd', 'pw', 'passwd', 'pin', 'otp', 'totp', 'hotp', 'sig', 'sid', 'pat', 'nonce', 'ticket', 'hmac']);

/** Words that are secret as the name's last word: `X-Atlassian-Auth`, `basic_auth`, `Authentication`, `os_cookie` excepted below. */
const SECRET_LAST_WORDS = new Set(['auth', 'authorization', 'authentication', 'cookie', 'cookies', 'session']);

/** `session` followed by one of these is a session id (`session_state`, `session_key`). */
const SESSION_NEXT = new Set(['id', 'key', 'value', 'hash', 'data', 'state']);

/** `<qualifier> key`: an API/access key. Without a qualifier `key` is secret only as a parameter (`?key=`), never as a JSON key (Jira's issue `key`). */
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'auth', 'subscription', 'consumer', 'client', 'signing', 'encryption', 'session', 'master', 'license', 'shared', 'app', 'developer', 'service', 'security', 'hmac', 'sign', 'x']);

/** `<qualifier> code`: an authorization or one-time code. Bare `code` is secret only as a parameter (OAuth's `?code=`), never as a JSON key (error codes). */
const CODE_QUALIFIERS = new Set(['auth', 'authorization', 'oauth', 'device', 'user', 'verification', 'otp', 'mfa', 'totp', 'access', 'login', 'recovery', 'backup', 'security', 'confirmation', 'reset', 'sms']);

/**
 * A last word that makes a secret-sounding name describe the secret rather than hold it:
 * `token_type=Bearer`, `oauth_signature_method`, `tokenUrl`, `sessionTimeout`, `passwordPolicy`.
 */
const DESCRIPTIVE_LAST_WORDS = new Set(['type', 'name', 'names', 'url', 'uri', 'endpoint', 'expires', 'expiry', 'expiration', 'ttl', 'timeout', 'lifetime', 'length', 'policy', 'required', 'enabled', 'disabled', 'count', 'format', 'mode', 'method', 'path', 'domain', 'samesite', 'secure', 'httponly', 'label', 'placeholder', 'hint', 'strength']);

/**
 * Names the analysis, the replay or a reader needs as they are, whatever the rules above say
 * (lowered, separators removed): Seraph's `os_cookie` (remember me), a multipart `boundary`.
 */
const READABLE = new Set(['oscookie', 'osauthtype', 'osusername', 'osdestination', 'permissionviolation', 'jql', 'issuekey', 'boundary', 'charset']);

/**
 * Names whose values identify someone or something and are read as such (the analysis reads the login
 * form's `os_username`, the REST login's `username`, `session.name` and the session answer's `name`): never
 * redacted by shape, only by name (they have none).
 */
const IDENTITY = new Set(['name', 'username', 'osusername', 'user', 'login', 'email', 'emailaddress', 'displayname', 'accountid', 'key', 'id', 'self', 'issuekey', 'projectkey', 'spacekey', 'boundary', 'charset', 'jql', 'client', 'clientid', 'requestid', 'traceid', 'correlationid']);

const MAX_NAME = 200;
const MAX_CACHED = 2048;
const cache: Record<NameContext, Map<string, boolean>> = { param: new Map(), json: new Map() };

/** Words of a name: split at anything but ASCII letters and digits and at camelCase humps, lowered (of a very long name, its end). */
export function nameWords(name: string): string[] {
  const s = name.length > MAX_NAME ? name.slice(-MAX_NAME) : name;
  const words: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    const lower = c >= 97 && c <= 122;
    const digit = c >= 48 && c <= 57;
    if (!upper && !lower && !digit) {
      if (cur) words.push(cur);
      cur = '';
      continue;
    }
    if (upper && cur) {
      const prev = s.charCodeAt(i - 1);
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      const prevUpper = prev >= 65 && prev <= 90;
      const nextLower = next >= 97 && next <= 122;
      // `apiToken` → api|token; `SAMLResponse` → saml|response; `PHPSESSID` stays one word.
      if (!prevUpper || nextLower) {
        words.push(cur);
        cur = '';
      }
    }
    cur += upper ? String.fromCharCode(c + 32) : s[i];
  }
  if (cur) words.push(cur);
  return words;
}

/** The name lowered with everything but letters and digits removed: `os_password` → `ospassword`. */
function squash(words: string[]): string {
  return words.join('');
}

/** True when a value under this name is secret. */
export function isSecretName(name: string, context: NameContext): boolean {
  const memo = cache[context];
  const known = memo.get(name);
  if (known !== undefined) return known;
  const result = classify(name, context);
  if (name.length <= 64) {
    if (memo.size >= MAX_CACHED) memo.clear();
    memo.set(name, result);
  }
  return result;
}

/**
 * Secret names in other scripts (lowered, after NFKD without combining marks): Russian, Ukrainian,
 * Chinese, Japanese, Korean, Greek, Hebrew, Arabic, Turkish words for password, secret and token.
 */
const NON_ASCII_SECRETS = ['пароль', 'секрет', 'токен', '密码', '密碼', '口令', '令牌', '秘密', 'パスワード', 'トークン', '비밀번호', '암호', '토큰', 'κωδικ', 'συνθηματικ', 'סיסמ', 'كلمة المرور', 'كلمةالمرور', 'رمز', 'sifre', 'parol'];

/** `contraseña` → `contrasena`, `Passwörter` → `passworter`: letters of Latin scripts without their marks. */
function fold(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function classify(name: string, context: NameContext): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(name)) {
    const folded = fold(name);
    const lower = name.toLowerCase();
    if (NON_ASCII_SECRETS.some((w) => folded.includes(w) || lower.includes(w))) return true;
    if (folded !== name.toLowerCase()) return classifyAscii(folded, context);
  }
  return classifyAscii(name, context);
}

function classifyAscii(name: string, context: NameContext): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  const joined = squash(words);
  if (READABLE.has(joined)) return false;
  const last = words[words.length - 1]!;
  if (words.length > 1 && DESCRIPTIVE_LAST_WORDS.has(last)) return false;
  for (const s of STRONG) if (joined.includes(s)) return true;
  if (SECRET_LAST_WORDS.has(last)) return true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const before = i > 0 ? words[i - 1]! : null;
    if (SECRET_WORDS.has(w)) return true;
    if (w === 'session' && i + 1 < words.length && SESSION_NEXT.has(words[i + 1]!)) return true;
    if (w === 'auth' && i + 1 < words.length && (words[i + 1] === 'data' || words[i + 1] === 'header' || words[i + 1] === 'value' || words[i + 1] === 'info')) return true;
    if (w === 'key' && (before === null ? context === 'param' && words.length === 1 : KEY_QUALIFIERS.has(before))) return true;
    if (w === 'code' && (before === null ? context === 'param' && words.length === 1 : CODE_QUALIFIERS.has(before))) return true;
    if (w === 'state' && (before === 'relay' || (before === null && context === 'param' && words.length === 1))) return true;
  }
  return false;
}

/**
 * Last words of names that hold a hash or a version of something, not a secret (`commit`, `buildHash`,
 * `sha256`, `etag`): random-looking by nature, so never judged by shape (issue 25.5). A secret name still
 * wins (`passwordHash` is secret by its name).
 */
const HASH_LAST_WORDS = new Set(['hash', 'sha', 'sha1', 'sha256', 'sha512', 'md5', 'checksum', 'digest', 'etag', 'commit', 'revision', 'rev', 'fingerprint', 'integrity']);

/** Values under these names are never redacted by their shape (they are ids and names the analysis reads). */
export function isIdentityName(name: string | null): boolean {
  if (name === null) return false;
  let known = identityCache.get(name);
  if (known === undefined) {
    const words = nameWords(name);
    known = IDENTITY.has(squash(words)) || (words.length > 0 && HASH_LAST_WORDS.has(words[words.length - 1]!));
    if (name.length <= 64) {
      if (identityCache.size >= MAX_CACHED) identityCache.clear();
      identityCache.set(name, known);
    }
  }
  return known;
}
const identityCache = new Map<string, boolean>();

/** A JWT (JWS: three base64url parts, JWE: five); the header is JSON, so it starts with `eyJ`. Anchored: linear. */
const JWT = /^eyJ[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*){2,4}$/;

export function isJwt(value: string): boolean {
  return value.length > 16 && value.length <= 65_536 && value.startsWith('eyJ') && JWT.test(value);
}

const MIN_RANDOM = 20;
const MAX_RANDOM = 16_384;

/**
 * A long random-looking token: 20+ characters of the base64/hex/URL-safe alphabet only (no spaces, `:`,
 * `,`), at least 16 of them letters or digits, whose letters and digits keep switching between lower case,
 * upper case and digits as random text does (hex, base64, UUIDs), where ids, dates, versions and
 * camelCase words switch rarely: `customfield_10010`, `9.12.0-SNAPSHOT-20231201` and `thisIsALongName`
 * are not tokens; `6E3487971234567896704A9EB4AE501F` and `dXNlckBleGFtcGxlLmNvbQ` are.
 */
export function isRandomToken(value: string): boolean {
  const n = value.length;
  if (n < MIN_RANDOM || n > MAX_RANDOM) return false;
  let alnum = 0;
  let digits = 0;
  let letters = 0;
  let switches = 0;
  let prevClass = 0; // 1 lower, 2 upper, 3 digit
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    let cls = 0;
    if (c >= 97 && c <= 122) cls = 1;
    else if (c >= 65 && c <= 90) cls = 2;
    else if (c >= 48 && c <= 57) cls = 3;
    else if (c !== 0x2b && c !== 0x2f && c !== 0x3d && c !== 0x5f && c !== 0x2e && c !== 0x7e && c !== 0x2d) return false; // + / = _ . ~ -
    if (cls === 0) continue;
    alnum++;
    if (cls === 3) digits++;
    else letters++;
    if (prevClass !== 0 && cls !== prevClass) switches++;
    prevClass = cls;
  }
  if (alnum < 16) return false;
  if (digits >= 2 && letters >= 2) return switches >= Math.max(4, alnum / 5);
  if (digits === 0) return alnum >= 24 && switches >= alnum / 3;
  return false;
}

/** A value secret by its shape alone: a JWT or a long random token. */
export function looksSecret(value: string): boolean {
  return isJwt(value) || isRandomToken(value);
}
