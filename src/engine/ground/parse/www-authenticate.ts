/**
 * WWW-Authenticate (RFC 9110 §11.6.1): one or more challenges per header line and across lines.
 *   challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * Commas separate both challenges and parameters: after a comma, `token =` continues the parameters and
 * a bare token starts a new challenge. Hand-written: no maintained library parses several challenges per
 * header with quoted commas. Lenient: unparsable bits are skipped, never thrown.
 */
export interface Challenge {
  scheme: string;
  /** Parameter names lower-cased. Null-prototype object: `__proto__` is just a name here. */
  params: Record<string, string>;
  token68?: string;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const TOKEN68 = /[A-Za-z0-9._~+/-]+=*/y;
const MAX_INPUT = 64 * 1024;
const MAX_CHALLENGES = 64;

export function parseWwwAuthenticate(values: readonly string[]): Challenge[] {
  const out: Challenge[] = [];
  for (const value of values) {
    if (out.length >= MAX_CHALLENGES) break;
    new LineParser(value.length > MAX_INPUT ? value.slice(0, MAX_INPUT) : value, out).run();
  }
  return out.slice(0, MAX_CHALLENGES);
}

class LineParser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly out: Challenge[],
  ) {}

  run(): void {
    const { s } = this;
    while (this.i < s.length && this.out.length < MAX_CHALLENGES) {
      this.skip(' \t,');
      if (this.i >= s.length) break;
      const scheme = this.match(TOKEN);
      if (scheme === null) {
        this.skipPast(',');
        continue;
      }
      const challenge: Challenge = { scheme, params: Object.create(null) as Record<string, string> };
      this.out.push(challenge);
      this.skip(' \t');
      if (this.paramAhead()) this.params(challenge);
      else this.token68(challenge);
    }
  }

  private params(challenge: Challenge): void {
    for (;;) {
      const save = this.i;
      const param = this.param();
      if (!param) {
        this.i = save;
        this.skipPast(',');
        return;
      }
      challenge.params[param[0]] = param[1];
      this.skip(' \t');
      if (this.s[this.i] !== ',') return;
      // After commas: another parameter of this challenge, or the next challenge.
      const afterComma = this.i;
      this.skip(' \t,');
      if (!this.paramAhead()) {
        this.i = afterComma;
        return;
      }
    }
  }

  private token68(challenge: Challenge): void {
    const save = this.i;
    const t = this.match(TOKEN68);
    if (t === null) return;
    this.skip(' \t');
    if (this.i >= this.s.length || this.s[this.i] === ',') challenge.token68 = t;
    else this.i = save;
  }

  /** `name = (token | quoted-string)`; null when not a parameter here. */
  private param(): [string, string] | null {
    const name = this.match(TOKEN);
    if (name === null) return null;
    this.skip(' \t');
    if (this.s[this.i] !== '=') return null;
    this.i++;
    this.skip(' \t');
    const value = this.s[this.i] === '"' ? this.quoted() : this.match(TOKEN);
    return value === null ? null : [name.toLowerCase(), value];
  }

  private paramAhead(): boolean {
    const save = this.i;
    const ok = this.param() !== null;
    this.i = save;
    return ok;
  }

  private quoted(): string {
    let v = '';
    this.i++;
    while (this.i < this.s.length && this.s[this.i] !== '"') {
      if (this.s[this.i] === '\\' && this.i + 1 < this.s.length) this.i++;
      v += this.s[this.i];
      this.i++;
    }
    this.i++;
    return v;
  }

  private match(re: RegExp): string | null {
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (!m) return null;
    this.i += m[0].length;
    return m[0];
  }

  private skip(chars: string): void {
    while (this.i < this.s.length && chars.includes(this.s[this.i]!)) this.i++;
  }

  private skipPast(ch: string): void {
    const at = this.s.indexOf(ch, this.i);
    this.i = at < 0 ? this.s.length : at + 1;
  }
}

/** True when any challenge uses the Basic scheme. */
export function hasBasicChallenge(challenges: readonly Challenge[]): boolean {
  return challenges.some((c) => c.scheme.toLowerCase() === 'basic');
}
