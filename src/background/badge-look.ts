/**
 * What the toolbar badge shows for a tab's auth status: short text, colour and a tooltip in words.
 * Pure, so the mapping is unit-tested; badge.ts applies it.
 */
import { statusText, worstStatus, type AuthStatusKind, type OriginStatus } from '../engine/analysis/status';
import { sessionEnd } from '../engine/analysis/explain';
import { plural } from '../engine/analysis/plural';
import type { PauseState } from '../shared/protocol';

export interface BadgeLook {
  text: string;
  color: string;
  title: string;
}

/** Distinct text and colour per state, worst states loudest; signed in is a quiet green mark. */
export const BADGE_STYLE: Record<AuthStatusKind, { text: string; color: string }> = {
  'signed-in': { text: '✓', color: '#1f845a' },
  anonymous: { text: 'anon', color: '#626f86' },
  expiring: { text: '<5m', color: '#b65c02' },
  expired: { text: 'EXP', color: '#c9372c' },
  'login-failed': { text: 'FAIL', color: '#ae2e24' },
  captcha: { text: 'CAPT', color: '#5e4db2' },
};

export const NO_BADGE: BadgeLook = { text: '', color: '#626f86', title: 'Seraph Lens' };

/**
 * The worst state among the tab's origins decides text and colour; the tooltip names every origin.
 * `clock` formats an expiry time for the tooltip (the worker's locale).
 */
export function badgeLook(statuses: readonly OriginStatus[], now: number, clock: (epochMs: number) => string): BadgeLook {
  const worst = worstStatus(statuses);
  if (!worst) return NO_BADGE;
  const lines = statuses.map((s) => {
    const text = statusText(s, now);
    // The cookie's own expiry, else (Cloud) its session token's `exp`.
    const end = s.session ? sessionEnd(s.session) : null;
    return s.kind === 'expiring' && end !== null ? `${text.replace(/\.$/, '')} (at ${clock(end)}).` : text;
  });
  return { ...BADGE_STYLE[worst.kind], title: `Seraph Lens\n${lines.join('\n')}` };
}

/** A paused tab: its own mark and colour, whatever its auth status (which stops changing while paused). */
export const PAUSED_STYLE = { text: '❚❚', color: '#44546f' } as const;

/** The badge of a paused tab; the tooltip says so first, then the last known status. */
export function pausedLook(pause: PauseState, statuses: readonly OriginStatus[], now: number, clock: (epochMs: number) => string): BadgeLook {
  const known = badgeLook(statuses, now, clock).title.split('\n').slice(1);
  const skipped = pause.skipped ? ` ${plural(pause.skipped, 'request')} not recorded while paused.` : '';
  return { ...PAUSED_STYLE, title: ['Seraph Lens', `Capture paused for this tab.${skipped}`, ...known].join('\n') };
}
