/**
 * Replay a captured request with os_authType and a credentials source, or every mode at once (the matrix),
 * and compare with the original. It teaches as it goes: each os_authType explained where it is chosen, what
 * will be sent (never a secret) before it goes, a verdict sentence after a single replay, and the matrix full
 * width over the panel. Typed credentials live in this component's state until the replay that uses them
 * has been sent, then they are cleared: they are never stored, logged or exported.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CapturedExchange } from '../shared/protocol';
import type { WhoAmI } from '../shared/who-am-i';
import { hasTypedCredentials, planReplay, type CredentialSource, type ReplayPlan } from '../engine/replay/plan';
import { checkReplayBatch } from '../engine/replay/safety';
import { visible } from './visible';
import { AUTH_TYPE_CHOICES, authTypeLabel, explainAuthType, originOf, type AuthTypeChoice } from '../engine/replay/url';
import { outcomeFromResponse, outcomeOfExchange, replayFindings, replaySent, type ReplayOutcome, type ReplayResponse } from '../engine/replay/outcome';
import { cellReason, rowsNeedingReasons } from '../engine/replay/reasons';
import { CAPTCHA_WARNING, cellLabel, differences, matrixCells, matrixVerdict, ReplayLimiter, SOURCE_LABEL, type MatrixResult, type OutcomeField } from '../engine/replay/matrix';
import { replayVerdict, type VerdictCell } from '../engine/replay/verdict';
import { whatIsSent, type SentCredentials, type SentSummary } from '../engine/replay/sent';
import { isCloudHost, isSearchPath, osAuthType, urlParts } from '../engine/ground/atlassian';
import { toCurl } from '../engine/replay/curl';
import { trapFocus } from './focus-trap';
import './replay.css';

export interface ReplayActions {
  run(plan: ReplayPlan): Promise<ReplayResponse>;
  whoAmI(origin: string): Promise<WhoAmI>;
  copy(text: string): Promise<void>;
}

export interface ReplayProps {
  exchange: CapturedExchange;
  actions: ReplayActions;
  /** What the captured request sent, in the detail's words ("session cookie JSESSIONID"). */
  capturedCredentials: string;
  /** Run the matrix as soon as the form is shown (the list's "Replay in every mode"); each new id runs it again. */
  auto?: { mode: 'matrix'; id: number };
}

type SourceChoice = 'browser' | 'anonymous' | 'basic' | 'bearer';
interface Row {
  label: string;
  /** The mode and source; absent on the original's row. */
  cell?: VerdictCell;
  outcome: ReplayOutcome;
  diffs: OutcomeField[];
  /** Finding codes the engine raised on the replay. */
  findings: string[];
  /** What the replay really sent ("browser cookies: session cookie JSESSIONID"); absent when it was not sent. */
  sentText?: string;
  /** Why it answered so, where it differs from the original or its neighbours (engine/replay/reasons.ts). */
  reason?: string | null;
}
interface Sent {
  outcome: ReplayOutcome;
  findings: string[];
  /** What went, as far as the extension saw it; null when nothing went. */
  sent: { text: string; sessionCookieSent: boolean | null } | null;
}
/** A plan about to be sent; `skip` says why it will not be. */
interface Planned {
  label: string;
  plan: ReplayPlan;
  skip?: string;
}
/** The question on screen before risky replays: the planned rows, which of them the user keeps, and go. */
interface Confirm {
  items: { label: string; plan: ReplayPlan }[];
  kept: boolean[];
  go(kept: boolean[]): void;
}
/** A single replay's result: what went, the two rows, the sentence. */
interface Single {
  sent: SentSummary;
  rows: Row[];
  verdict: string;
}
/** The matrix on screen: what went, progress, then the rows and the verdict. */
interface Matrix {
  method: string;
  url: string;
  /** [source label, what it sends in words] */
  credentials: [string, string][];
  total: number;
  rows: Row[] | null;
  verdict: string[];
}

const notSent = (note: string): ReplayOutcome => ({ status: 0, user: null, loginReason: null, challenge: null, bodySize: null, searchTotal: null, note });

/** One limiter per panel: the matrix is a handful of requests, not a loop, however often it is clicked. */
const limiter = new ReplayLimiter();

const SOURCE_HELP: Record<SourceChoice, string> = {
  browser: "the cookies this browser holds for the site, as the page would send them: tests your session",
  anonymous: 'nothing at all: what any visitor gets',
  basic: 'an Authorization: Basic header from what you type here: tests the account, not the session',
  bearer: 'an Authorization: Bearer header with a Data Center personal access token',
};

export function Replay({ exchange: ex, actions, capturedCredentials, auto }: ReplayProps) {
  const origin = originOf(ex.url) ?? '';
  const parts = urlParts(ex.url);
  const cloud = parts !== null && isCloudHost(parts.host);
  const captured = parts === null ? null : osAuthType(parts.query);
  const isSearch = parts !== null && isSearchPath(parts.path);
  const [authType, setAuthType] = useState<AuthTypeChoice>('cookie');
  const [source, setSource] = useState<SourceChoice>('browser');
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [single, setSingle] = useState<Single | null>(null);
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const [matrixOpen, setMatrixOpen] = useState(false);
  const [progress, setProgress] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [probe, setProbe] = useState<string | null>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const matrixButton = useRef<HTMLButtonElement>(null);
  const original = outcomeOfExchange(ex);
  const originalRow: Row = { label: 'original (captured)', outcome: original, diffs: [], findings: [] };

  const typedSource = (): CredentialSource | null => {
    if (source === 'basic') return { kind: 'basic', username, secret, origin };
    if (source === 'bearer') return { kind: 'bearer', token: secret, origin };
    return null;
  };
  const sourceFor = (kind: 'browser' | 'anonymous' | 'typed'): CredentialSource | null => (kind === 'typed' ? typedSource() : { kind });
  /** The credentials of a source as they may be shown: the Basic user at most. */
  const shownCredentials = (kind: SourceChoice): SentCredentials =>
    kind === 'browser' ? { kind, captured: capturedCredentials } : kind === 'basic' ? { kind, username, cloud } : { kind };
  const forgetSecret = () => {
    setSecret('');
    if (secretRef.current) secretRef.current.value = '';
  };

  /** Sends plans one after another within the rate limit; returns outcomes (and the engine's findings) in order. */
  const send = async (items: Planned[]): Promise<Sent[] | null> => {
    const out: Sent[] = [];
    let typedRefused = false;
    for (const { plan, skip } of items) {
      setProgress(out.length);
      if (skip) {
        out.push({ outcome: notSent(skip), findings: [], sent: null });
        continue;
      }
      // Each typed-credential replay is a login attempt: after one refusal, more would only count toward the CAPTCHA.
      const typed = hasTypedCredentials(plan);
      if (typed && typedRefused) {
        out.push({ outcome: notSent('Not sent: the typed credentials were refused once; more attempts count toward the CAPTCHA.'), findings: [], sent: null });
        continue;
      }
      const wait = limiter.delayBefore(Date.now());
      if (wait === null) {
        setMessage('Replay limit reached (30 a minute). Wait a minute before replaying again.');
        return out.length ? out : null;
      }
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      limiter.record(Date.now());
      try {
        const response = await actions.run(plan);
        const outcome = outcomeFromResponse(response, plan.origin);
        if (typed && /AUTHENTICATED_FAILED|AUTHENTICATION_DENIED/.test(outcome.loginReason ?? '')) typedRefused = true;
        out.push({ outcome, findings: [...new Set(replayFindings(plan, response, Date.now()).map((f) => f.code))], sent: replaySent(plan, response) });
      } catch (err) {
        out.push({ outcome: notSent(`Network error: ${err instanceof Error ? err.message : String(err)}`), findings: [], sent: null });
      }
    }
    return out;
  };

  /**
   * Runs the plans at once when nothing in them is risky; otherwise asks first, once for all of them, with
   * their number, where they go and each risk named (checkReplayBatch), and lets the user leave rows out.
   */
  const guarded = (items: { label: string; plan: ReplayPlan }[], go: (items: Planned[]) => Promise<void>) => {
    const run = (kept: boolean[]) => {
      setConfirm(null);
      setBusy(true);
      void go(items.map((it, i) => (kept[i] ? it : { ...it, skip: 'Not sent: left out before sending.' }))).finally(() => {
        forgetSecret();
        setBusy(false);
      });
    };
    if (checkReplayBatch(items.map((i) => i.plan)).needsConfirmation) setConfirm({ items, kept: items.map(() => true), go: run });
    else run(items.map(() => true));
  };

  const replayOnce = () => {
    const src = source === 'browser' || source === 'anonymous' ? { kind: source } : typedSource();
    const plan = src && planReplay(ex, authType, src);
    if (!plan || 'error' in plan) return setMessage(plan ? plan.error : 'Choose a credentials source.');
    setMessage(plan.notes.join(' ') || null);
    const label = `${authTypeLabel(authType)} · ${sourceLabel(source)}`;
    const cell: VerdictCell = { authType, source: source === 'basic' || source === 'bearer' ? 'typed' : source };
    const sent = whatIsSent(plan, shownCredentials(source));
    guarded([{ label, plan }], async (items) => {
      const [result] = (await send(items)) ?? [];
      if (!result) return;
      setSingle({ sent, rows: [originalRow, ...resultRows(original, [{ label, cell, result, skipped: false }])], verdict: replayVerdict(original, cell, result.outcome) });
    });
  };

  const replayMatrix = () => {
    const typed = typedSource();
    const cells = matrixCells(typed !== null);
    const planned: { cell: VerdictCell; label: string; plan: ReplayPlan }[] = [];
    for (const cell of cells) {
      const src = sourceFor(cell.source);
      const plan = src && planReplay(ex, cell.authType, src);
      if (!plan || 'error' in plan) return setMessage(plan ? plan.error : 'Type the credentials first.');
      planned.push({ cell, label: cellLabel(cell), plan });
    }
    setMessage(null);
    const sources: SourceChoice[] = ['browser', 'anonymous', ...(typed ? [source] : [])];
    const base = planned[0]!.plan;
    const shown: Matrix = {
      method: base.method,
      url: base.url,
      credentials: sources.map((s) => [SOURCE_LABEL[s === 'basic' || s === 'bearer' ? 'typed' : s], whatIsSent(base, shownCredentials(s)).credentials]),
      total: planned.length,
      rows: null,
      verdict: [],
    };
    guarded(planned, async (items) => {
      // The single replay's result gives way: one comparison on screen at a time.
      setSingle(null);
      setProgress(0);
      setMatrix(shown);
      setMatrixOpen(true);
      const sent = await send(items);
      if (!sent) return setMatrix(null);
      const results: MatrixResult[] = sent.flatMap((s, i) => (items[i]!.skip ? [] : [{ cell: planned[i]!.cell, outcome: s.outcome }]));
      setMatrix({
        ...shown,
        rows: [originalRow, ...resultRows(original, sent.map((result, i) => ({ label: planned[i]!.label, cell: planned[i]!.cell, result, skipped: Boolean(items[i]!.skip) })))],
        verdict: matrixVerdict(original, results),
      });
    });
  };

  const closeMatrix = () => {
    setMatrixOpen(false);
    matrixButton.current?.focus();
  };

  // With no typed credentials the matrix is the browser's cookies and none, each os_authType: nothing to type first.
  useEffect(() => {
    if (auto?.mode === 'matrix') replayMatrix();
  }, [auto?.id]);

  const copyCurl = () => {
    const src: CredentialSource = source === 'browser' || source === 'anonymous' ? { kind: source } : (typedSource() ?? { kind: 'anonymous' });
    const plan = planReplay(ex, authType, src);
    if ('error' in plan) return setMessage(plan.error);
    void actions.copy(toCurl(plan, { source: src, cookieNames: ex.cookiesSent, includeSecrets })).then(
      () => setMessage(includeSecrets ? 'Copied, with the secrets in clear: handle it like a password.' : 'Copied. Set $JIRA_USER / $JIRA_TOKEN / $JIRA_SESSION in your shell before running it.'),
      () => setMessage('The browser refused the clipboard.'),
    );
  };

  const whoAmI = async () => {
    setProbe('Asking…');
    const r = await actions.whoAmI(origin);
    setProbe(r.kind === 'user' ? `Signed in as ${r.name}` : r.kind === 'anonymous' ? `Anonymous (${r.status})` : `Could not ask: ${r.message}`);
  };

  // What the Replay button will send, before it is pressed (the URL and method do not depend on the credentials).
  const preview = planReplay(ex, authType, { kind: 'anonymous' });
  const willSend = 'error' in preview ? null : whatIsSent(preview, shownCredentials(source));
  const typed = source === 'basic' || source === 'bearer';
  return (
    <section class="replay" aria-label="Replay" data-testid="replay">
      <div class="replay-form">
        <label>
          os_authType{' '}
          <select value={String(authType)} onChange={(e) => setAuthType(parseAuthType(e.currentTarget.value))} aria-describedby="auth-type-help" data-testid="replay-auth-type">
            {AUTH_TYPE_CHOICES.map((t) => (
              <option key={String(t)} value={String(t)}>{t ?? 'none (as captured)'}</option>
            ))}
          </select>
        </label>
        <label>
          credentials{' '}
          <select value={source} onChange={(e) => setSource(e.currentTarget.value as SourceChoice)} aria-describedby="source-help" data-testid="replay-source">
            <option value="browser">the browser's cookies</option>
            <option value="anonymous">none (anonymous)</option>
            <option value="basic">{cloud ? 'email + API token' : 'user name + password'}</option>
            <option value="bearer">personal access token</option>
          </select>
        </label>
      </div>
      <ul class="auth-type-help" id="auth-type-help" data-testid="auth-type-help">
        {AUTH_TYPE_CHOICES.map((t) => {
          const text = explainAuthType(t, captured);
          const colon = text.indexOf(':');
          return (
            <li key={String(t)} class={t === authType ? 'chosen' : undefined} data-testid="auth-type-explanation" data-value={String(t)} onClick={() => setAuthType(t)}>
              <strong>{text.slice(0, colon)}</strong>
              {text.slice(colon)}
            </li>
          );
        })}
      </ul>
      <p class="muted source-help" id="source-help" data-testid="source-help">Credentials: {SOURCE_HELP[source]}.</p>
      {typed && (
        <div class="replay-form">
          {source === 'basic' && (
            <label>
              {cloud ? 'email' : 'user'} <input type="text" autocomplete="off" value={username} onInput={(e) => setUsername(e.currentTarget.value)} data-testid="replay-username" />
            </label>
          )}
          <label>
            {source === 'bearer' ? 'token' : cloud ? 'API token' : 'password'}{' '}
            <input ref={secretRef} type="password" autocomplete="off" value={secret} onInput={(e) => setSecret(e.currentTarget.value)} data-testid="replay-secret" />
          </label>
        </div>
      )}
      {typed && <p class="muted">Sent only to {visible(origin)}, for this replay, then forgotten. {CAPTCHA_WARNING}</p>}
      {typed && /^http:/i.test(origin) && (
        <p class="risk" data-testid="replay-http-warning">
          This site is plain http://: typed credentials would cross the network unencrypted. You will be asked before they are sent.
        </p>
      )}
      {willSend && <SentBox sent={willSend} title="Will send" testId="replay-will-send" />}
      <div class="replay-actions">
        <button type="button" disabled={busy} onClick={replayOnce} data-testid="replay-run">Replay</button>
        <button type="button" disabled={busy} onClick={replayMatrix} ref={matrixButton} data-testid="replay-matrix">Replay in every mode</button>
        {matrix?.rows && !matrixOpen && (
          <button type="button" onClick={() => setMatrixOpen(true)} data-testid="matrix-reopen">Show the last matrix</button>
        )}
        <button type="button" onClick={copyCurl} data-testid="copy-curl">Copy as cURL</button>
        <label>
          <input type="checkbox" checked={includeSecrets} onChange={(e) => setIncludeSecrets(e.currentTarget.checked)} data-testid="curl-secrets" /> include secrets
        </label>
        <button type="button" onClick={() => void whoAmI()} data-testid="replay-whoami">Who am I?</button>
        {probe && <span role="status" data-testid="replay-whoami-result">{visible(probe)}</span>}
      </div>
      {confirm && <ConfirmReplay confirm={confirm} onKeep={(kept) => setConfirm({ ...confirm, kept })} onCancel={() => { setConfirm(null); forgetSecret(); }} />}
      {message && <p class="muted" role="status" data-testid="replay-message">{visible(message)}</p>}
      {single && (
        <div class="replay-single" data-testid="replay-single">
          <SentBox sent={single.sent} title="Sent" testId="replay-sent" />
          <ResultTable rows={single.rows} showTotal={isSearch || single.rows.some((r) => r.outcome.searchTotal !== null)} />
          <p class="verdict single" role="status" data-testid="replay-single-verdict">{visible(single.verdict)}</p>
        </div>
      )}
      {matrix && matrixOpen && (
        <MatrixOverlay matrix={matrix} progress={progress} showTotal={isSearch || (matrix.rows ?? []).some((r) => r.outcome.searchTotal !== null)} onClose={closeMatrix} />
      )}
    </section>
  );
}

/**
 * The result rows of replays: the differences from the original marked, what each really sent, and the
 * reason on every row that answered otherwise than the original or its neighbours.
 */
function resultRows(original: ReplayOutcome, replays: { label: string; cell: VerdictCell; result: Sent; skipped: boolean }[]): Row[] {
  const sent = replays.filter((r) => r.result.sent !== null);
  const needs = rowsNeedingReasons(original, sent.map((r) => ({ cell: r.cell, outcome: r.result.outcome })));
  return replays.map(({ label, cell, result, skipped }) => {
    const k = sent.findIndex((r) => r.label === label);
    const reason = k >= 0 && needs[k] ? cellReason({ cell, outcome: result.outcome, sessionCookieSent: result.sent!.sessionCookieSent }) : null;
    return {
      label, cell, outcome: result.outcome, findings: result.findings, reason,
      diffs: skipped ? [] : differences(original, result.outcome),
      ...(result.sent ? { sentText: result.sent.text } : {}),
    };
  });
}

/** Method, URL and the credentials in words (never a secret), before or after a replay. */
function SentBox({ sent, title, testId }: { sent: SentSummary; title: string; testId: string }) {
  return (
    <dl class="sent" data-testid={testId}>
      <dt>{title}</dt>
      <dd>
        <code data-testid="sent-request">{visible(`${sent.method} ${sent.url}`)}</code>
      </dd>
      <dt>with</dt>
      <dd data-testid="sent-credentials">{visible(sent.credentials)}</dd>
    </dl>
  );
}

/**
 * The matrix over the whole panel (the side pane is too narrow for 9 columns): what was sent, the verdict,
 * then compact rows with the differences from the original marked. Modal: Tab stays inside, Esc or ✕ closes
 * it and focus goes back to the button that opened it.
 */
function MatrixOverlay({ matrix, progress, showTotal, onClose }: { matrix: Matrix; progress: number; showTotal: boolean; onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Tab') return trapFocus(e, dialog.current);
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      onClose();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <div class="matrix-overlay" role="dialog" aria-modal="true" aria-labelledby="matrix-title" data-testid="replay-matrix-view" ref={dialog}>
      <header class="matrix-head">
        <h2 id="matrix-title">Replay in every mode</h2>
        <button type="button" ref={close} onClick={onClose} aria-label="Close the matrix (Esc)" title="Close (Esc)" data-testid="matrix-close">
          ✕
        </button>
      </header>
      <dl class="sent" data-testid="matrix-sent">
        <dt>Sent</dt>
        <dd>
          <code>{visible(`${matrix.method} ${matrix.url}`)}</code> <span class="muted">with os_authType as captured, basic, cookie and any</span>
        </dd>
        <dt>with</dt>
        <dd>
          <ul class="plain">
            {matrix.credentials.map(([label, text]) => (
              <li key={label}>
                <strong>{label}</strong>: {visible(text)}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {matrix.rows === null ? (
        <p role="status" data-testid="matrix-progress">Sending {Math.min(progress + 1, matrix.total)} of {matrix.total}…</p>
      ) : (
        <>
          <ul class="verdict" data-testid="replay-verdict">
            {matrix.verdict.map((v) => <li key={v}>{visible(v)}</li>)}
          </ul>
          <ResultTable rows={matrix.rows} showTotal={showTotal} />
          <p class="muted legend"><span class="diff-swatch" /> differs from the original</p>
        </>
      )}
    </div>
  );
}

/**
 * The one question before risky replays: how many requests, to where, each risk in words; with several
 * rows, a checkbox per row (all kept at first), and the send button carries the number it will send.
 */
function ConfirmReplay({ confirm, onKeep, onCancel }: { confirm: Confirm; onKeep(kept: boolean[]): void; onCancel(): void }) {
  const kept = confirm.items.filter((_, i) => confirm.kept[i]).map((it) => it.plan);
  const check = checkReplayBatch(kept);
  const many = confirm.items.length > 1;
  return (
    <div class="confirm" role="alertdialog" aria-label="Confirm the replay" data-testid="replay-confirm">
      <p data-testid="replay-confirm-question"><strong>{visible(check.question)}</strong></p>
      {check.risks.map((r) => <p key={r} class="risk" data-testid="replay-confirm-risk">{visible(r)}</p>)}
      {many ? (
        <ul class="plain confirm-rows">
          {confirm.items.map((it, i) => (
            <li key={it.label}>
              <label>
                <input
                  type="checkbox"
                  checked={confirm.kept[i]}
                  onChange={(e) => onKeep(confirm.kept.map((k, j) => (j === i ? e.currentTarget.checked : k)))}
                  data-testid="replay-confirm-row"
                  data-label={it.label}
                />{' '}
                {it.label}: <code>{visible(`${it.plan.method} ${it.plan.url}`)}</code>
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <p><code>{visible(`${confirm.items[0]!.plan.method} ${confirm.items[0]!.plan.url}`)}</code></p>
      )}
      <button type="button" disabled={check.count === 0} onClick={() => confirm.go(confirm.kept)} data-testid="replay-confirm-send">{check.count === 0 ? 'Nothing to send' : check.sendLabel}</button>{' '}
      <button type="button" onClick={onCancel} data-testid="replay-confirm-cancel">Cancel</button>
    </div>
  );
}

/**
 * The comparison: a table where it fits; in a narrow pane (a container query in replay.css, e.g. DevTools
 * docked right at 500 px) each row stacks into a block whose cells carry their column's name (data-name).
 */
function ResultTable({ rows, showTotal }: { rows: Row[]; showTotal: boolean }) {
  const cell = (r: Row, field: OutcomeField, name: string, text: string) => (
    <td class={r.diffs.includes(field) ? 'diff' : undefined} data-field={field} data-name={name}>{text}</td>
  );
  return (
    <div class="table-scroll" role="region" aria-label="Replay results" tabIndex={0}>
      <table class="replay-results" data-testid="replay-results">
        <thead>
          <tr>
            <th>os_authType</th><th>credentials</th><th>status</th><th>user</th><th>login reason</th><th>challenge</th><th>size</th>
            {showTotal && <th title="total of the Jira search answer">total</th>}
            <th>why, findings, notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} data-testid="replay-row" data-label={r.label} class={r.cell ? undefined : 'original'}>
              {r.cell ? (
                <>
                  <td data-field="mode">{r.cell.authType ?? 'as captured'}</td>
                  <td data-field="source" data-testid="replay-row-credentials">{visible(credentialsText(r.cell, r.sentText))}</td>
                </>
              ) : (
                <td colSpan={2} data-field="mode">{r.label}</td>
              )}
              {cell(r, 'status', 'status', r.outcome.status ? String(r.outcome.status) : '—')}
              {cell(r, 'user', 'user', r.outcome.user === null ? '—' : visible(r.outcome.user))}
              {cell(r, 'loginReason', 'login reason', r.outcome.loginReason === null ? '—' : visible(r.outcome.loginReason))}
              {cell(r, 'challenge', 'challenge', r.outcome.challenge === null ? '—' : visible(r.outcome.challenge))}
              <td data-field="size" data-name="size">{r.outcome.bodySize ?? '—'}</td>
              {showTotal && cell(r, 'searchTotal', 'total', r.outcome.searchTotal === null ? '—' : String(r.outcome.searchTotal))}
              <td data-field="findings">
                {r.reason && <div class="reason" data-testid="replay-reason">{visible(r.reason)}</div>}
                {r.findings.length > 0 && <div class="muted" data-testid="replay-findings">findings: <code>{r.findings.join(', ')}</code></div>}
                {r.outcome.note && <div class="muted" data-testid="replay-note">{visible(r.outcome.note)}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The credentials cell: what the replay really sent where that says more than its source. */
function credentialsText(cell: VerdictCell, sent: string | undefined): string {
  if (sent === undefined || cell.source === 'anonymous') return SOURCE_LABEL[cell.source];
  return cell.source === 'typed' ? `typed: ${sent}` : sent;
}

function parseAuthType(v: string): AuthTypeChoice {
  return v === 'basic' || v === 'cookie' || v === 'any' ? v : null;
}

function sourceLabel(s: SourceChoice): string {
  return { browser: 'browser cookies', anonymous: 'no credentials', basic: 'typed credentials', bearer: 'typed token' }[s];
}
