import { describe, expect, it } from 'vitest';
import { oidcFactsOfUrl } from './oidc';

describe('OIDC callback facts', () => {
  it('keeps the error and whether state came back, never the code', () => {
    expect(oidcFactsOfUrl('https://w.example.com/plugins/servlet/oidc/callback?error=access_denied&error_description=User+not+assigned&state=s3cr3t')).toEqual({
      error: 'access_denied',
      errorDescription: 'User not assigned',
      statePresent: true,
      codePresent: false,
      tokenPresent: false,
    });
    const ok = oidcFactsOfUrl('https://w.example.com/plugins/servlet/oidc/callback?code=CODE-SECRET-123&state=st');
    expect(ok).toEqual({ error: null, errorDescription: null, statePresent: true, codePresent: true, tokenPresent: false });
    expect(JSON.stringify(ok)).not.toContain('CODE-SECRET');
    const implicit = oidcFactsOfUrl('https://w.example.com/cb#id_token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJmcmVkIn0.&access_token=AT-SECRET');
    expect(implicit?.tokenPresent).toBe(true);
    expect(JSON.stringify(implicit)).not.toMatch(/AT-SECRET|eyJ/);
    expect(oidcFactsOfUrl('https://w.example.com/plugins/servlet/oidc/callback')).toBe(null);
  });
});
