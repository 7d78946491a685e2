import type { Rule } from './rule';

export const captchaRequired: Rule = {
  code: 'captcha-required',
  severity: 'error',
  check({ f }) {
    const denied = f.loginReason.all.includes('AUTHENTICATION_DENIED');
    const captcha = f.denied?.reason.startsWith('CAPTCHA_CHALLENGE') ?? false;
    if (!denied && !captcha) return null;
    const where = f.denied?.loginUrl ? `${f.denied.loginUrl}` : `${f.origin}/login.jsp`;
    const user = f.ex.credentials?.scheme === 'basic' && f.ex.credentials.user ? ` for ${f.ex.credentials.user}` : '';
    return {
      message: `The login${user} was rejected without checking the password (${captcha ? 'CAPTCHA_CHALLENGE' : 'AUTHENTICATION_DENIED'}): after several failed logins the server demands a CAPTCHA, and REST or Basic logins cannot answer it.`,
      fix: `Open ${where} in a browser and sign in once, solving the CAPTCHA; then fix the credentials your script or tool uses so it stops failing.`,
    };
  },
};
