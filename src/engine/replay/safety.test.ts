import { describe, expect, it } from 'vitest';
import { planReplay, type CredentialSource, type ReplayPlan } from './plan';
import { matrixCells } from './matrix';
import { checkReplayBatch } from './safety';
import { redirectNote } from './outcome';
import { Traffic, JIRA } from '../test-support/exchanges';

const t = new Traffic();
const del = t.req('/rest/api/2/issue/ABC-1', { method: 'DELETE', html: false });
const get = t.req('/rest/api/2/myself', { html: false });
const HTTP = 'http://jira.example.com';
const delHttp = { ...del, url: `${HTTP}/rest/api/2/issue/ABC-1` };
const getHttp = { ...get, url: `${HTTP}/rest/api/2/myself` };

const ok = (p: ReturnType<typeof planReplay>): ReplayPlan => {
  if ('error' in p) throw new Error(p.error);
  return p;
};

/** The plans "Replay in every mode" builds, as the panel does. */
function matrix(ex: typeof del, typedOrigin: string | null): ReplayPlan[] {
  return matrixCells(typedOrigin !== null).map((cell) => {
    const source: CredentialSource = cell.source === 'typed' ? { kind: 'basic', username: 'fred', secret: 'pw', origin: typedOrigin! } : { kind: cell.source };
    return ok(planReplay(ex, cell.authType, source));
  });
}

describe('checkReplayBatch', () => {
  it('the matrix on a DELETE asks once, with the number of requests and where they go', () => {
    const c = checkReplayBatch(matrix(del, JIRA));
    expect(c).toMatchObject({ count: 12, unsafe: 12, needsConfirmation: true, plainHttp: null, sendLabel: 'Send all 12' });
    expect(c.question).toBe(`Send 12 DELETE requests to 4 URLs on ${JIRA}?`);
    expect(c.targets.map((x) => [x.method, x.url, x.count])).toEqual([
      ['DELETE', `${JIRA}/rest/api/2/issue/ABC-1`, 3],
      ['DELETE', `${JIRA}/rest/api/2/issue/ABC-1?os_authType=basic`, 3],
      ['DELETE', `${JIRA}/rest/api/2/issue/ABC-1?os_authType=cookie`, 3],
      ['DELETE', `${JIRA}/rest/api/2/issue/ABC-1?os_authType=any`, 3],
    ]);
    expect(c.risks).toEqual([expect.stringContaining('12 DELETE requests may each change data on the server (all of 12')]);
  });

  it('the rows the user keeps decide the number', () => {
    const kept = matrix(del, null).slice(0, 3);
    expect(checkReplayBatch(kept)).toMatchObject({ count: 3, unsafe: 3, sendLabel: 'Send all 3', question: `Send 3 DELETE requests to 2 URLs on ${JIRA}?` });
  });

  it('one non-GET replay names the method and the URL', () => {
    const c = checkReplayBatch([ok(planReplay(del, 'basic', { kind: 'browser' }))]);
    expect(c).toMatchObject({ count: 1, needsConfirmation: true, sendLabel: 'Send', question: `Send 1 DELETE request to ${JIRA}/rest/api/2/issue/ABC-1?os_authType=basic?` });
    expect(c.risks[0]).toContain('It is not a GET: DELETE may change data on the server');
  });

  it('GET and HEAD over https, with or without typed credentials, go without a question', () => {
    expect(checkReplayBatch(matrix(get, JIRA))).toMatchObject({ count: 12, unsafe: 0, needsConfirmation: false, risks: [] });
  });

  it('typed credentials over plain http need a yes that names the risk, even for a GET', () => {
    const c = checkReplayBatch([ok(planReplay(getHttp, null, { kind: 'basic', username: 'fred', secret: 'pw', origin: HTTP }))]);
    expect(c).toMatchObject({ needsConfirmation: true, unsafe: 0, plainHttp: { count: 1, origins: [HTTP] }, sendLabel: 'Send over unencrypted http' });
    expect(c.risks).toEqual([expect.stringMatching(/unencrypted over plain http:\/\/ to http:\/\/jira\.example\.com .*anyone on the network/)]);
    // The browser's cookies or no credentials over http: nothing typed to lose.
    expect(checkReplayBatch(matrix(getHttp, null)).needsConfirmation).toBe(false);
  });

  it('both risks at once: the matrix with typed credentials on a DELETE over http', () => {
    const c = checkReplayBatch(matrix(delHttp, HTTP));
    expect(c).toMatchObject({ count: 12, unsafe: 12, plainHttp: { count: 4, origins: [HTTP] }, sendLabel: 'Send all 12 (credentials unencrypted)' });
    expect(c.risks).toHaveLength(2);
  });

  it('every plan stops at a redirect', () => {
    for (const p of [...matrix(del, JIRA), ...matrix(get, null)]) expect(p.redirect).toBe('manual');
  });
});

describe('redirectNote', () => {
  it('shows the Location and says when it points to another origin', () => {
    expect(redirectNote('https://evil.example/steal', JIRA)).toBe("Redirect not followed, to another origin: Location https://evil.example/steal. Following it would send that origin's cookies.");
    expect(redirectNote(`${JIRA}/login.jsp`, JIRA)).toContain(`Redirect not followed: Location ${JIRA}/login.jsp.`);
    expect(redirectNote(undefined, JIRA)).toContain('Redirect not followed');
  });
});
