import type { Rule } from './rule';
import { requestLabel } from './rule';
import { hasBasicChallenge } from '../../ground/parse/www-authenticate';

export const basicChallenge: Rule = {
  code: 'basic-challenge',
  severity: 'info',
  check({ f }) {
    if (f.ex.status !== 401 || !hasBasicChallenge(f.challenges)) return null;
    const realm = f.challenges.find((c) => c.scheme.toLowerCase() === 'basic')?.params.realm;
    return {
      message: `${requestLabel(f)} asked for HTTP Basic credentials${realm ? ` (realm "${realm}")` : ''}${f.osAuthType === 'basic' ? ', as os_authType=basic requests when none were sent' : ''}.`,
      fix: 'Send a username and password (Server/Data Center) or an email and API token (Cloud) with Basic auth, or drop os_authType=basic to use the browser session.',
    };
  },
};
