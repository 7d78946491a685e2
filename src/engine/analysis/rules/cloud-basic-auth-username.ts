import type { Rule } from './rule';
import { isEmail } from '../../ground/atlassian';

export const cloudBasicAuthUsername: Rule = {
  code: 'cloud-basic-auth-username',
  severity: 'warning',
  check({ f, origin }) {
    const creds = f.ex.credentials;
    if (origin.info.deployment !== 'cloud' || f.ex.status !== 401 || creds?.scheme !== 'basic') return null;
    if (creds.user === null || isEmail(creds.user)) return null;
    return {
      message: `Basic credentials with the username "${creds.user}" were refused by an Atlassian Cloud site, which only accepts an account email address with an API token.`,
      fix: 'Use your Atlassian account email as the user and an API token (id.atlassian.com → Security → API tokens) as the password.',
    };
  },
};
