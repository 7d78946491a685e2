/** Atlassian's own auth headers (atlassian-auth.md §4). Lenient: junk is dropped, nothing throws. */

export interface LoginReason {
  /** Every value, upper-cased, in order (`OUT, OK` → ['OUT', 'OK']). */
  all: string[];
  /** The last value: the outcome of this request's login attempt. */
  outcome: string | null;
}

/** `X-Seraph-LoginReason`, comma-separated within a header and across several headers. */
export function parseLoginReason(values: readonly string[]): LoginReason {
  const all = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toUpperCase())
    .filter((v) => /^[A-Z_]{1,64}$/.test(v));
  return { all, outcome: all.at(-1) ?? null };
}

export interface DeniedReason {
  reason: string;
  loginUrl?: string;
}

/** `CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp` */
export function parseDeniedReason(value: string): DeniedReason | null {
  const [head, ...params] = value.split(';');
  const reason = head?.trim().toUpperCase() ?? '';
  if (!reason || reason.length > 128) return null;
  const out: DeniedReason = { reason };
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq > 0 && p.slice(0, eq).trim().toLowerCase() === 'login-url') {
      const url = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (url) out.loginUrl = url;
    }
  }
  return out;
}

export interface AUsername {
  user: string | null;
  anonymous: boolean;
}

/**
 * X-AUSERNAME: the user name, or the literal `anonymous`. Jira writes it with Java's URLEncoder (a test of
 * Jira's own asserts `URLEncoder.encode("łTestł")`), so `+` is a space and a real `+` arrives as `%2B`.
 */
export function parseAUsername(value: string): AUsername {
  let v = value.trim();
  if (/[%+]/.test(v)) {
    try {
      v = decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      // not form-encoded after all (a stray `%`): keep it as sent
    }
  }
  if (!v) return { user: null, anonymous: false };
  if (v.toLowerCase() === 'anonymous') return { user: null, anonymous: true };
  return { user: v.slice(0, 256), anonymous: false };
}
