import { describe, expect, it } from 'vitest';
import { isAuthRelevant } from './relevance';
import { SsoTraffic, responseXml } from '../test-support/saml';

describe('isAuthRelevant', () => {
  it('keeps the single-sign-on leg: the redirect to the IdP and the post to the consumer', () => {
    const t = new SsoTraffic();
    const plain = t.raw('https://jira.example.com/secure/Dashboard.jspa', { user: null });
    expect(isAuthRelevant(plain, false)).toBe(false);
    expect(isAuthRelevant(t.depart(), false)).toBe(true);
    expect(isAuthRelevant(t.consume(responseXml({ now: t.t })), false)).toBe(true);
  });
});
