import type { Rule } from './rule';
import { requestLabel } from './rule';
import { GATEWAY, tenantInfoUrl } from '../explain-tokens';
import { isGatewayHost } from '../tokens';

/** An answer says `scope does not match` (401) or `insufficient_scope` (403). */
export const scopeMismatch: Rule = {
  code: 'scope-mismatch',
  severity: 'error',
  check({ f }) {
    const said = f.ex.bodyFacts?.scopeMismatch;
    // Status 0: a paste that shows the answer's body but not its status line; the words are Atlassian's refusal.
    if (!said || (f.ex.status !== 401 && f.ex.status !== 403 && f.ex.status !== 0)) return null;
    if (isGatewayHost(f.host)) {
      return {
        message: `The API gateway refused ${requestLabel(f)} (${statusText(f.ex.status)}, "${said}"): the token or app lacks a scope this endpoint needs.`,
        fix: "Add the scope the endpoint's documentation lists: for a scoped API token make a new one with it; for an OAuth 2.0 app add it to the app's permissions and have the user consent again.",
      };
    }
    return {
      message: `The site refused ${requestLabel(f)} (${statusText(f.ex.status)}, "${said}"): a scoped API token (or an OAuth 2.0 token) was sent to the site host, where only classic API tokens and sessions work.`,
      fix: `Call ${GATEWAY} with the same path after it (the cloudId is at ${tenantInfoUrl(f.origin)}), or use a classic API token on the site host.`,
    };
  },
};

const statusText = (status: number) => (status === 0 ? 'status not shown' : String(status));
