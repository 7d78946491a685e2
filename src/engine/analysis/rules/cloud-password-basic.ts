import type { Rule } from './rule';
import { requestLabel } from './rule';
import { TOKEN_EXPLANATIONS } from '../explain-tokens';
import { ofUser } from '../tokens';
import { isEmail } from '../../ground/atlassian';

/** Shapes that are tokens of some kind: Cloud's deprecation text is also sent for a garbled token, so these are not told as passwords. */
const TOKEN_SHAPES = new Set(['api-token', 'pat', 'jwt', 'oauth1']);

/** Basic with a password (not an API token) sent to Atlassian Cloud and refused. */
export const cloudPasswordBasic: Rule = {
  code: 'cloud-password-basic',
  severity: 'error',
  check({ f, origin }) {
    const creds = f.ex.credentials;
    if (creds?.scheme !== 'basic' || origin.info.deployment !== 'cloud') return null;
    // A user name instead of an email is cloud-basic-auth-username's story, whose fix says the same.
    if (creds.user !== null && !isEmail(creds.user)) return null;
    const byBody = f.ex.bodyFacts?.basicPasswordDeprecated === true && !TOKEN_SHAPES.has(creds.shape);
    const byShape = creds.shape === 'password' && f.ex.status === 401;
    if (!byBody && !byShape) return null;
    const said = byBody ? ' and answered "Basic authentication with passwords is deprecated"' : '';
    const what = creds.shape === 'password' ? 'a password, not an API token' : 'a secret that does not look like an API token';
    return {
      message: `Atlassian Cloud refused Basic credentials${ofUser(creds)} on ${requestLabel(f)} (${f.ex.status})${said}: the secret is ${what}, and Cloud has not accepted account passwords for Basic authentication since 2019.`,
      fix: TOKEN_EXPLANATIONS['cloud-password-basic'].fix,
    };
  },
};
