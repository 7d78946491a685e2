import type { Rule } from './rule';

export const authorisationFailed: Rule = {
  code: 'authorisation-failed',
  severity: 'error',
  check({ f }) {
    if (!f.loginReason.all.includes('AUTHORISATION_FAILED')) return null;
    const user = f.ex.credentials?.scheme === 'basic' ? f.ex.credentials.user : f.ausername?.user;
    return {
      message: `The credentials${user ? ` of ${user}` : ''} are correct, but this account is not allowed to use the application (AUTHORISATION_FAILED).`,
      fix: 'Ask an administrator to grant the account application access (a product licence or the "use" permission), or use an account that has it.',
    };
  },
};
