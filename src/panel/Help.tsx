/**
 * The toolbar's `?`: a small popover with what the panel does not say elsewhere: the filter syntax
 * (filters.ts), what the toolbar badge's states mean and look like (background/badge-look.ts, the same
 * values), and the list's markers. A non-modal dialog: focus moves into it, Esc, ✕ or a click outside
 * close it and focus returns to the `?` button.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { BADGE_STYLE, PAUSED_STYLE } from '../background/badge-look';
import type { AuthStatusKind } from '../engine/analysis/status';
import { Icon } from './icons';
import './help.css';

const FILTERS: readonly [string, string][] = [
  ['status:401', 'one status; status:4xx a class, status:failed no response'],
  ['method:POST', 'the request method'],
  ['user:anonymous', 'who the server said made the request (X-AUSERNAME, X-AACCOUNTID)'],
  ['origin:jira', 'part of the site (scheme, host and port)'],
  ['path:/rest/', 'part of the path and query'],
  ['reason:AUTHENTICATED_FAILED', 'part of X-Seraph-LoginReason'],
  ['finding:silent-anonymous', 'requests with a finding whose code holds this'],
  ['login', 'plain text: method, URL, status and response header values'],
  ['"a b"', 'quotes keep a value with spaces together'],
  ['-status:200', 'a leading - leaves the matches out (-login, -path:/rest/)'],
];

const BADGE_MEANING: Record<AuthStatusKind, string> = {
  'signed-in': 'Signed in: the server names a user.',
  anonymous: 'Anonymous: the site answers, nobody is signed in.',
  expiring: 'Signed in, but the session ends within 5 minutes.',
  expired: 'The session ended: pages served as anonymous or REST calls refused.',
  'login-failed': 'A login was refused (password, token or scheme).',
  captcha: 'CAPTCHA: too many failed logins; sign in once in the browser.',
};

/** Worst first, as the badge picks the worst state among the tab's sites. */
const BADGE_ORDER: readonly AuthStatusKind[] = ['captcha', 'login-failed', 'expired', 'expiring', 'anonymous', 'signed-in'];

export function HelpButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        class="icon-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        title="Help: filter syntax, badge states, list markers"
        aria-label="Help"
        data-testid="help-button"
        onClick={() => (open ? close() : setOpen(true))}
      >
        <Icon name="help" />
      </button>
      {open && <HelpPopover onClose={close} anchor={button.current} />}
    </>
  );
}

function HelpPopover({ onClose, anchor }: { onClose(): void; anchor: HTMLElement | null }) {
  const box = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const top = anchor ? anchor.getBoundingClientRect().bottom + 4 : 32;
  useEffect(() => {
    box.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      closeRef.current();
    };
    // A click outside closes it; the `?` button closes it itself (its own click toggles).
    const outside = (e: Event) => {
      const t = e.target as Node;
      if (!box.current?.contains(t) && !anchor?.contains(t)) closeRef.current();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', outside, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', outside, true);
    };
  }, []);
  return (
    <div ref={box} class="help-popover" role="dialog" aria-labelledby="help-title" tabIndex={-1} style={{ top: `${top}px` }} data-testid="help">
      <header class="help-head">
        <h2 id="help-title">Help</h2>
        <button type="button" class="icon-button" onClick={onClose} aria-label="Close the help (Esc)" title="Close (Esc)" data-testid="help-close">
          ✕
        </button>
      </header>
      <h3>Filter</h3>
      <p>Every term must hold; keys as in the Network panel.</p>
      <dl class="help-filters" data-testid="help-filters">
        {FILTERS.map(([term, what]) => (
          <div key={term}>
            <dt>
              <code>{term}</code>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <p>
        <em>Auth-relevant only</em> hides requests that say nothing about authentication; <em>Preserve log</em> off shows only
        what came after the tab's last navigation.
      </p>
      <h3>Toolbar badge</h3>
      <ul class="help-badges" data-testid="help-badges">
        {BADGE_ORDER.map((kind) => (
          <li key={kind} data-state={kind}>
            <span class="badge-sample" style={{ background: BADGE_STYLE[kind].color }}>
              {BADGE_STYLE[kind].text}
            </span>
            {BADGE_MEANING[kind]}
          </li>
        ))}
        <li data-state="paused">
          <span class="badge-sample" style={{ background: PAUSED_STYLE.color }}>
            {PAUSED_STYLE.text}
          </span>
          Capture paused for this tab (the record button).
        </li>
      </ul>
      <p>With several sites in the tab the badge shows the worst; its tooltip names each.</p>
      <h3>The list</h3>
      <ul class="help-markers" data-testid="help-markers">
        <li>
          <span class="marker error" aria-hidden="true" /> an error finding on the request, <span class="marker warning" aria-hidden="true" /> a
          warning, <span class="marker info" aria-hidden="true" /> information (its codes in the tooltip)
        </li>
        <li>
          <span class="sample-unauthorized">401</span> red row: refused (401 or 403)
        </li>
        <li>
          <strong>bold path</strong>: a page served as anonymous while a session was expected
        </li>
        <li>
          <span class="sample-anonymous">anonymous</span> in User: the server took the request for nobody
        </li>
        <li>
          <code>failed</code> in Status: no response (network error, blocked, cancelled)
        </li>
        <li>
          <code>+2</code> on the column button: columns without room at this width
        </li>
      </ul>
    </div>
  );
}
