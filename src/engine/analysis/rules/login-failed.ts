import type { Rule } from './rule';
import { requestLabel } from './rule';

export const loginFailed: Rule = {
  code: 'login-failed',
  severity: 'error',
  check({ f, origin }) {
    const byHeader = f.loginReason.all.includes('AUTHENTICATED_FAILED');
    const bySessionLogin = f.isSessionEndpoint && f.ex.method === 'POST' && f.ex.status === 401;
    if (!byHeader && !bySessionLogin) return null;
    const basicUser = f.ex.credentials?.scheme === 'basic' ? f.ex.credentials.user : null;
    const user = basicUser ?? f.ex.bodyFacts?.user ?? null;
    const how = f.ex.credentials?.scheme === 'basic' ? 'Basic credentials' : 'login';
    const cloud = origin.info.deployment === 'cloud';
    return {
      message: `The ${how}${user ? ` for ${user}` : ''} on ${requestLabel(f)} failed: the server rejected the username or password${byHeader ? ' (AUTHENTICATED_FAILED)' : ''}.`,
      fix: cloud
        ? 'Atlassian Cloud wants your account email plus an API token (id.atlassian.com → Security → API tokens), not a username or password; repeated failures lead to a CAPTCHA.'
        : 'Check the username and password (Server and Data Center want the username, not the email); repeated failures lead to a CAPTCHA that blocks REST logins.',
    };
  },
};
