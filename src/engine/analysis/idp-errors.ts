/**
 * Identity providers' own error codes in a failed sign-in (research/tokens-2026.md §6): Entra ID `AADSTS…`
 * codes in a SAML StatusMessage, an OIDC error_description or its error page, and Okta's "not assigned" 403.
 */
export interface IdpError {
  /** `AADSTS50105`, or `Okta: app not assigned`. */
  code: string;
  cause: string;
  fix: string;
}

const ENTRA: Record<string, Omit<IdpError, 'code'>> = {
  '50105': {
    cause: 'the user (or their group) is not assigned to the Atlassian enterprise application, which requires assignment',
    fix: 'In Entra ID, assign the user or their group to the Atlassian enterprise application (Users and groups).',
  },
  '50011': {
    cause: 'the reply URL (Assertion Consumer Service URL) the request named is not the one registered in Entra; case and a trailing slash matter',
    fix: "In Entra ID, make the application's Reply URL (ACS) exactly the consumer URL Atlassian's SSO configuration shows.",
  },
  '75011': {
    cause: 'the way the user signed in does not match the authentication context (AuthnContextClassRef) the service provider requested',
    fix: "Let the SP request no specific authentication context (or the one the user's sign-in satisfies), or have the user sign in again with that method.",
  },
  '700016': {
    cause: 'Entra found no application with this identifier (entity ID or client ID) in the tenant: a wrong identifier or the wrong tenant',
    fix: "Make the application's Identifier (entity ID) or client ID in Entra match what Atlassian sends, in the right tenant.",
  },
  '50020': {
    cause: 'the account is not in this Entra tenant (a guest who was not invited or did not accept)',
    fix: 'Invite the user as a guest to the tenant (and have them accept), or sign in with an account of the tenant.',
  },
  '53003': {
    cause: 'a Conditional Access policy blocked the sign-in',
    fix: "Check the sign-in logs in Entra ID for the Conditional Access policy that blocked it, and meet or adjust its conditions (device, location, MFA).",
  },
  '65001': {
    cause: 'nobody consented to the application using the requested permissions (OpenID Connect)',
    fix: 'Have an administrator grant consent for the application in Entra ID (API permissions → Grant admin consent).',
  },
};

/** The first IdP error named in a text (status message, error description, error page), or null. */
export function idpErrorIn(text: string | null | undefined): IdpError | null {
  if (!text) return null;
  const aad = /\bAADSTS(\d{5,6})\b/.exec(text.slice(0, 4096));
  if (aad) {
    const known = ENTRA[aad[1]!];
    return {
      code: `AADSTS${aad[1]}`,
      cause: known?.cause ?? 'Entra ID refused the sign-in',
      fix: known?.fix ?? `Look the code up at https://login.microsoftonline.com/error?code=${aad[1]} and fix what it names.`,
    };
  }
  if (/Okta: app not assigned|not assigned this app|App Not Assigned/i.test(text)) {
    return {
      code: 'Okta: app not assigned',
      cause: 'the user is not assigned to the Atlassian application in Okta',
      fix: 'In Okta, assign the user or their group to the Atlassian Cloud application.',
    };
  }
  return null;
}
