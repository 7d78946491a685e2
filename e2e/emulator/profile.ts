/**
 * What differs between the emulated products and deployments, as data: routes and content live in
 * jira-routes.ts and confluence-routes.ts; everything else (Seraph's decisions, logins, sessions, the
 * headers of every answer) is shared and reads these flags. Facts from atlassian-auth.md §4 and §8.
 */
import type { Mode } from './mode';

export type Product = 'jira' | 'confluence';

export interface Profile {
  product: Product;
  mode: Mode;
  /** Where the product's URLs start: '/wiki' for Confluence Cloud (same *.atlassian.net host as Jira), '' otherwise. */
  base: string;
  /** The login form (GET) and where it posts. Confluence posts to /dologin.action, Jira to the form's own URL. */
  loginPath: string;
  loginAction: string;
  logoutPath: string;
  /** Where `/` and a login without os_destination lead. */
  home: string;
  /**
   * X-AUSERNAME: Jira Server/DC names everybody ('anonymous' included); Confluence Server/DC only a signed-in
   * caller (real anonymous answers carry none); Cloud never (it names the caller with X-AACCOUNTID).
   */
  ausername: 'always' | 'signed-in' | 'never';
  /** Cloud: X-AACCOUNTID on answers to a signed-in caller, ATL-TraceId on all. */
  cloud: boolean;
  /** X-AREQUESTID (Jira, both deployments; not seen on Confluence answers). */
  requestId: boolean;
  /** X-ASEN, the licence's SEN (Server/DC). */
  sen: boolean;
  /** X-Confluence-Request-Time (Confluence Server/DC). */
  confluenceRequestTime: boolean;
  /** `WWW-Authenticate: OAuth realm="<origin>"` on 401s and the CAPTCHA 403 (Server/DC's OAuth provider plugin). */
  oauthChallenge: boolean;
  /** Tomcat gives every visitor a JSESSIONID, signed in or not (Server/DC). */
  anonymousSessions: boolean;
  /** `|lin` (Server/DC) or `_lin` (Cloud) at the end of atlassian.xsrf.token. */
  xsrfSeparator: '|' | '_';
  /** Cloud session cookies are JWTs issued by the session service; Server/DC's are opaque ids. */
  jwtSessions: boolean;
  /** The default session cookie. */
  sessionCookieName: string;
  /** A name for banners and page titles. */
  title: string;
}

export function profileFor(product: Product, mode: Mode): Profile {
  const cloud = mode === 'cloud';
  const jira = product === 'jira';
  const base = !jira && cloud ? '/wiki' : '';
  return {
    product,
    mode,
    base,
    loginPath: jira ? '/login.jsp' : `${base}/login.action`,
    loginAction: jira ? '/login.jsp' : `${base}/dologin.action`,
    logoutPath: jira ? '/logout' : `${base}/logout.action`,
    home: jira ? '/secure/Dashboard.jspa' : `${base}/index.action`,
    ausername: cloud ? 'never' : jira ? 'always' : 'signed-in',
    cloud,
    requestId: jira,
    sen: !cloud,
    confluenceRequestTime: !jira && !cloud,
    oauthChallenge: !cloud,
    anonymousSessions: !cloud,
    xsrfSeparator: cloud ? '_' : '|',
    jwtSessions: cloud,
    sessionCookieName: cloud ? 'tenant.session.token' : 'JSESSIONID',
    title: `${jira ? 'Jira' : 'Confluence'} ${cloud ? 'Cloud' : 'Data Center'}`,
  };
}

export function isProduct(s: string | undefined): s is Product {
  return s === 'jira' || s === 'confluence';
}
