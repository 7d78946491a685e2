import type { Rule } from './rule';
import { requestLabel } from './rule';

export const loggedOut: Rule = {
  code: 'logged-out',
  severity: 'info',
  check({ f, origin }) {
    if (!f.isLogout) return null;
    return {
      message: `${requestLabel(f)} logged ${origin.lastUser ?? 'the user'} out; pages after this are anonymous on purpose.`,
      fix: 'Nothing to fix if the logout was intended; sign in again to continue as a user.',
    };
  },
};
