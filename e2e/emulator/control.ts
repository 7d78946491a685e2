/**
 * /__emulator/…: controls for people trying the demo (and for scripts). Not part of the emulated Jira:
 * no authentication, and no Atlassian headers, so that the extension does not mistake these pages for
 * Jira answering anonymously.
 */
import type { Exchange } from './exchange';
import { readBody } from './login';
import * as pages from './pages';
import { publicSessionId } from './sessions';
import type { EmulatorState } from './state';
import { ssoControl, ssoSnapshot } from './idp/sso-control';
import { OAUTH_PROBLEMS, isOAuthProblem } from './applink';

export const CONTROL_PREFIX = '/__emulator';

export function stateSnapshot(state: EmulatorState) {
  const now = state.clock.now();
  return {
    origin: state.origin,
    product: state.profile.product,
    mode: state.mode,
    sessionCookieName: state.sessionCookieName,
    cookieMaxAgeSec: state.cookieMaxAgeSec,
    timeoutSec: state.sessions.timeoutSec,
    clockOffsetSec: state.clock.offsetSec,
    captchaAfter: state.records.captchaAfter,
    users: state.users,
    sessions: state.sessions.live().map((s) => ({
      user: s.user.name,
      asessionid: publicSessionId(s),
      idleSec: Math.round((now - s.lastAccess) / 1000),
      secondsLeft: state.sessions.secondsLeft(s),
    })),
    failures: state.records.failures(),
    sso: ssoSnapshot(state),
    ...(state.profile.cloud
      ? {
          cloud: {
            cloudId: state.cloudId,
            platformUrl: state.platform?.url ?? null,
            ssoPolicyMismatch: state.ssoPolicyMismatch,
            liveRefreshTokens: state.oauth.liveRefreshTokens(),
          },
        }
      : { appLink: { ...state.appLink.settings } }),
  };
}

export async function control(ex: Exchange): Promise<void> {
  ex.atlassianHeaders = false;
  const { state } = ex;
  const path = ex.url.pathname.slice(CONTROL_PREFIX.length);
  if (ex.method === 'POST') {
    // Parameters may come in the query (links, scripts) or as a form body (the control page's inputs).
    const params = new URLSearchParams(ex.url.search);
    for (const [k, v] of new URLSearchParams(await readBody(ex.req))) if (!params.has(k)) params.set(k, v);
    if (path === '/expire-sessions') state.sessions.expireAll();
    else if (path === '/advance') {
      const seconds = Number(params.get('seconds'));
      if (!params.get('seconds') || !Number.isFinite(seconds)) return ex.json(400, { errorMessages: ['advance needs ?seconds=N'], errors: {} });
      state.clock.advance(seconds);
    } else if (path === '/reset-captcha') state.records.reset(params.get('user') || undefined);
    else if (path === '/applink') {
      const problem = appLinkControl(state, params);
      if (problem) return ex.json(400, { errorMessages: [problem], errors: {} });
    } else if (path === '/sso-policy') {
      if (!state.profile.cloud) return ex.json(400, { errorMessages: ['sso-policy: Cloud profiles only (Atlassian\'s login)'], errors: {} });
      const on = params.get('mismatch');
      if (on !== 'true' && on !== 'false') return ex.json(400, { errorMessages: ['sso-policy needs ?mismatch=true|false'], errors: {} });
      state.ssoPolicyMismatch = on === 'true';
    } else if (path === '/sso') {
      const problem = await ssoControl(state, params);
      if (problem) return ex.json(400, { errorMessages: [problem], errors: {} });
    }
    else return ex.json(404, { errorMessages: [`No control ${path}`], errors: {} });
    // 303: the browser comes back to the control page with a GET, and a reload does not repeat the action.
    return ex.redirect(`${CONTROL_PREFIX}/`, 303);
  }
  if (path === '/state') return ex.json(200, stateSnapshot(state));
  if (path === '' || path === '/') return ex.html(200, pages.controlPage(stateSnapshot(state), state.profile));
  return ex.json(404, { errorMessages: [`No control ${path}`], errors: {} });
}

/** POST /__emulator/applink?failure=<oauth_problem>|none&challenge=true|false (Data Center). */
function appLinkControl(state: EmulatorState, params: URLSearchParams): string | null {
  if (state.profile.cloud) return 'applink: Data Center profiles only';
  const failure = params.get('failure');
  const challenge = params.get('challenge');
  if (failure !== null && failure !== 'none' && !isOAuthProblem(failure)) return `applink: failure must be none or one of ${OAUTH_PROBLEMS.join(', ')}`;
  if (challenge !== null && challenge !== 'true' && challenge !== 'false') return 'applink: challenge must be true or false';
  state.appLink.configure({
    ...(failure !== null ? { failure: failure === 'none' ? null : failure } : {}),
    ...(challenge !== null ? { challenge: challenge === 'true' } : {}),
  });
  return null;
}
