import type { Rule } from './rule';
import { TOKEN_EXPLANATIONS } from '../explain-tokens';

/** `POST https://auth.atlassian.com/oauth/token` answers `invalid_grant`. */
export const oauthRefreshRejected: Rule = {
  code: 'oauth-refresh-rejected',
  severity: 'error',
  check({ f }) {
    const err = f.ex.bodyFacts?.oauthError;
    if (f.host.toLowerCase() !== 'auth.atlassian.com' || f.ex.method !== 'POST' || !/^\/oauth\/token\/?$/.test(f.path) || err?.error !== 'invalid_grant') return null;
    return {
      message: `Atlassian's OAuth 2.0 token endpoint refused the grant (${f.ex.status}, invalid_grant${err.description ? `: "${err.description}"` : ''}): the refresh token is unknown or expired, was already used once (each refresh returns a new one and turns the old one off), or the user changed their password.`,
      fix: TOKEN_EXPLANATIONS['oauth-refresh-rejected'].fix,
    };
  },
};
