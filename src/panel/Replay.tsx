/**
 * Replay a captured request with os_authType and a credentials source, or every mode at once (the matrix),
 * and compare with the original. Typed credentials live in this component's state until the replay that
 * uses them has been sent, then they are cleared: they are never stored, logged or exported.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CapturedExchange } from '../shared/protocol';
import type { WhoAmI } from '../shared/who-am-i';
import { hasTypedCredentials, planReplay, type CredentialSource, type ReplayPlan } from '../engine/replay/plan';
import { checkReplayBatch } from '../engine/replay/safety';
import { visible } from './visible';
import { AUTH_TYPE_CHOICES, authTypeLabel, originOf, type AuthTypeChoice } from '../engine/replay/url';
import { outcomeFromResponse, outcomeOfExchange, replayFindings, type ReplayOutcome, type ReplayResponse } from '../engine/replay/outcome';
import { CAPTCHA_WARNING, cellLabel, differences, matrixCells, matrixVerdict, ReplayLimiter, type MatrixCell, type MatrixResult, type OutcomeField } from '../engine/replay/matrix';
import { toCurl } from '../engine/replay/curl';

export interface ReplayActions {
  run(plan: ReplayPlan): Promise<ReplayResponse>;
  whoAmI(origin: string): Promise<WhoAmI>;
  copy(text: string): Promise<void>;
}

export interface ReplayProps {
  exchange: CapturedExchange;
  actions: ReplayActions;
  /** Run the matrix as soon as the form is shown (the list's "Replay in every mode"); each new id runs it again. */
  auto?: { mode: 'matrix'; id: number };
}

type SourceChoice = 'browser' | 'anonymous' | 'basic' | 'bearer';
interface Row {
  label: string;
  outcome: ReplayOutcome;
  diffs: OutcomeField[];
  /** Finding codes the engine raised on the replay. */
  findings: string[];
}
interface Sent {
  outcome: ReplayOutcome;
  findings: string[];
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

const notSent = (note: string): ReplayOutcome => ({ status: 0, user: null, loginReason: null, challenge: null, bodySize: null, searchTotal: null, note });

/** One limiter per panel: the matrix is a handful of requests, not a loop, however often it is clicked. */
const limiter = new ReplayLimiter();

export function Replay({ exchange: ex, actions, auto }: ReplayProps) {
  const origin = originOf(ex.url) ?? '';
  const cloud = /\.(atlassian\.net|jira\.com)$/i.test(new URL(ex.url).hostname);
  const [authType, setAuthType] = useState<AuthTypeChoice>('cookie');
  const [source, setSource] = useState<SourceChoice>('browser');
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [rows, setRows] = useState<Row[]>([]);
  const [verdict, setVerdict] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [probe, setProbe] = useState<string | null>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const original = outcomeOfExchange(ex);
  const originalRow: Row = { label: 'original (captured)', outcome: original, diffs: [], findings: [] };

  const typedSource = (): CredentialSource | null => {
    if (source === 'basic') return { kind: 'basic', username, secret, origin };
    if (source === 'bearer') return { kind: 'bearer', token: secret, origin };
    return null;
  };
  const sourceFor = (kind: 'browser' | 'anonymous' | 'typed'): CredentialSource | null => (kind === 'typed' ? typedSource() : { kind });
  const forgetSecret = () => {
    setSecret('');
    if (secretRef.current) secretRef.current.value = '';
  };

  /** Sends plans one after another within the rate limit; returns outcomes (and the engine's findings) in order. */
  const send = async (items: Planned[]): Promise<Sent[] | null> => {
    const out: Sent[] = [];
    let typedRefused = false;
    for (const { plan, skip } of items) {
      if (skip) {
        out.push({ outcome: notSent(skip), findings: [] });
        continue;
      }
      // Each typed-credential replay is a login attempt: after one refusal, more would only count toward the CAPTCHA.
      const typed = hasTypedCredentials(plan);
      if (typed && typedRefused) {
        out.push({ outcome: notSent('Not sent: the typed credentials were refused once; more attempts count toward the CAPTCHA.'), findings: [] });
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
        out.push({ outcome, findings: [...new Set(replayFindings(plan, response, Date.now()).map((f) => f.code))] });
      } catch (err) {
        out.push({ outcome: notSent(`Network error: ${err instanceof Error ? err.message : String(err)}`), findings: [] });
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
    guarded([{ label, plan }], async (items) => {
      const [sent] = (await send(items)) ?? [];
      if (!sent) return;
      setRows([originalRow, { label, ...sent, diffs: differences(original, sent.outcome) }]);
      setVerdict([]);
    });
  };

  const replayMatrix = () => {
    const typed = typedSource();
    const cells = matrixCells(typed !== null);
    const planned: { cell: MatrixCell; label: string; plan: ReplayPlan }[] = [];
    for (const cell of cells) {
      const src = sourceFor(cell.source);
      const plan = src && planReplay(ex, cell.authType, src);
      if (!plan || 'error' in plan) return setMessage(plan ? plan.error : 'Type the credentials first.');
      planned.push({ cell, label: cellLabel(cell), plan });
    }
    setMessage(null);
    guarded(planned, async (items) => {
      const sent = await send(items);
      if (!sent) return;
      const results: MatrixResult[] = sent.flatMap((s, i) => (items[i]!.skip ? [] : [{ cell: planned[i]!.cell, outcome: s.outcome }]));
      setRows([originalRow, ...sent.map((s, i) => ({ label: planned[i]!.label, ...s, diffs: items[i]!.skip ? [] : differences(original, s.outcome) }))]);
      setVerdict(matrixVerdict(original, results));
    });
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

  const typed = source === 'basic' || source === 'bearer';
  return (
    <section class="replay" aria-label="Replay" data-testid="replay">
      <h3>Replay</h3>
      <div class="replay-form">
        <label>
          os_authType{' '}
          <select value={String(authType)} onChange={(e) => setAuthType(parseAuthType(e.currentTarget.value))} data-testid="replay-auth-type">
            {AUTH_TYPE_CHOICES.map((t) => (
              <option key={String(t)} value={String(t)}>{t ?? 'none (as captured)'}</option>
            ))}
          </select>
        </label>
        <label>
          credentials{' '}
          <select value={source} onChange={(e) => setSource(e.currentTarget.value as SourceChoice)} data-testid="replay-source">
            <option value="browser">the browser's cookies</option>
            <option value="anonymous">none (anonymous)</option>
            <option value="basic">{cloud ? 'email + API token' : 'user name + password'}</option>
            <option value="bearer">personal access token</option>
          </select>
        </label>
        {source === 'basic' && (
          <label>
            {cloud ? 'email' : 'user'} <input type="text" autocomplete="off" value={username} onInput={(e) => setUsername(e.currentTarget.value)} data-testid="replay-username" />
          </label>
        )}
        {typed && (
          <label>
            {source === 'bearer' ? 'token' : cloud ? 'API token' : 'password'}{' '}
            <input ref={secretRef} type="password" autocomplete="off" value={secret} onInput={(e) => setSecret(e.currentTarget.value)} data-testid="replay-secret" />
          </label>
        )}
      </div>
      {typed && <p class="muted">Sent only to {visible(origin)}, for this replay, then forgotten. {CAPTCHA_WARNING}</p>}
      {typed && /^http:/i.test(origin) && (
        <p class="risk" data-testid="replay-http-warning">
          This site is plain http://: typed credentials would cross the network unencrypted. You will be asked before they are sent.
        </p>
      )}
      <div class="replay-actions">
        <button type="button" disabled={busy} onClick={replayOnce} data-testid="replay-run">Replay</button>
        <button type="button" disabled={busy} onClick={replayMatrix} data-testid="replay-matrix">Replay in every mode</button>
        <button type="button" onClick={copyCurl} data-testid="copy-curl">Copy as cURL</button>
        <label>
          <input type="checkbox" checked={includeSecrets} onChange={(e) => setIncludeSecrets(e.currentTarget.checked)} data-testid="curl-secrets" /> include secrets
        </label>
        <button type="button" onClick={() => void whoAmI()} data-testid="replay-whoami">Who am I?</button>
        {probe && <span role="status" data-testid="replay-whoami-result">{visible(probe)}</span>}
      </div>
      {confirm && <ConfirmReplay confirm={confirm} onKeep={(kept) => setConfirm({ ...confirm, kept })} onCancel={() => { setConfirm(null); forgetSecret(); }} />}
      {message && <p class="muted" role="status" data-testid="replay-message">{visible(message)}</p>}
      {verdict.length > 0 && (
        <ul class="verdict" data-testid="replay-verdict">
          {verdict.map((v) => <li key={v}>{visible(v)}</li>)}
        </ul>
      )}
      {rows.length > 0 && <ResultTable rows={rows} />}
    </section>
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

function ResultTable({ rows }: { rows: Row[] }) {
  const cell = (r: Row, field: OutcomeField, text: string) => (
    <td class={r.diffs.includes(field) ? 'diff' : undefined} data-field={field}>{text}</td>
  );
  return (
    <table class="replay-results" data-testid="replay-results">
      <thead>
        <tr><th>mode</th><th>status</th><th>user</th><th>login reason</th><th>challenge</th><th>size</th><th>total</th><th>findings</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label} data-testid="replay-row" data-label={r.label}>
            <td>{r.label}{r.outcome.note && <div class="muted" data-testid="replay-note">{visible(r.outcome.note)}</div>}</td>
            {cell(r, 'status', r.outcome.status ? String(r.outcome.status) : '—')}
            {cell(r, 'user', r.outcome.user === null ? '—' : visible(r.outcome.user))}
            {cell(r, 'loginReason', r.outcome.loginReason === null ? '—' : visible(r.outcome.loginReason))}
            {cell(r, 'challenge', r.outcome.challenge === null ? '—' : visible(r.outcome.challenge))}
            <td>{r.outcome.bodySize ?? '—'}</td>
            {cell(r, 'searchTotal', r.outcome.searchTotal === null ? '—' : String(r.outcome.searchTotal))}
            <td data-field="findings">{r.findings.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function parseAuthType(v: string): AuthTypeChoice {
  return v === 'basic' || v === 'cookie' || v === 'any' ? v : null;
}

function sourceLabel(s: SourceChoice): string {
  return { browser: 'browser cookies', anonymous: 'no credentials', basic: 'typed credentials', bearer: 'typed token' }[s];
}
