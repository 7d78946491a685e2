/**
 * Known token formats: secrets recognised by their own shape, wherever they stand and whatever their name
 * (`{"key": "sk_live_…"}`, an `id`, an error sentence, a URL path).
 *
 * Source: the rules of gitleaks' published config (config/gitleaks.toml, rule ids kept below), adapted
 * from Go RE2 to JavaScript:
 *
 *   gitleaks, https://github.com/gitleaks/gitleaks — MIT License, Copyright (c) 2019 Zachary Rice.
 *   Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
 *   associated documentation files (the "Software"), to deal in the Software without restriction, … The
 *   above copyright notice and this permission notice shall be included in all copies or substantial
 *   portions of the Software. (Full text: https://github.com/gitleaks/gitleaks/blob/master/LICENSE.)
 *
 * Why gitleaks and not secretlint: gitleaks keeps one maintained file with stable rule ids, keywords per
 * rule (a cheap pre-filter, used here the same way) and the widest set of token formats; secretlint's
 * rules are spread over separate packages with fewer services (no Atlassian token rule among its
 * recommended ones). What was changed, and why:
 * - RE2 runs in linear time, JavaScript's backtracking engine does not. Every pattern here starts with a
 *   literal (the rule's keyword), has no nested or unbounded quantifier (gitleaks' `*`, `+` and `{n,}` are
 *   bounded here), and no lazy `[\s\S]*?`: at each start position a match attempt reads at most a fixed
 *   number of characters, so a scan is linear in the text (tested on 10 MB of hostile text per rule in
 *   rules.test.ts). The private-key rule is not a regular expression at all (indexOf, once per block).
 * - Lengths are lenient where gitleaks is exact (`ghp_` + 36..255, `ATATT`/`ATCTT` + 40..400): over-long
 *   or truncated copies of a token are still a token to a redactor.
 * - RE2's `\b` becomes explicit look-arounds only where a prefix could occur inside a word (AWS ids): a
 *   token right after `%3D` (URL-encoded `=`) must still be found.
 * - Webhook URLs (Slack, Jira Automation, Teams, Discord) lose only their secret path part.
 */

import { isRedactedMarker, redactedMarker } from '../ground/marker';
import { encodedMarker, noteSecret } from './sweep';

export interface TokenRule {
  /** gitleaks' rule id, or ours (`seraph-…`) where gitleaks has none. */
  id: string;
  /** Literal strings one of which must occur for the rule to match (gitleaks' `keywords`). */
  keywords: string[];
  /** Global, linear; when it has a capture group, only group 1 is the secret. */
  re: RegExp;
}

export const TOKEN_RULES: readonly TokenRule[] = [
  { id: 'github-pat', keywords: ['ghp_'], re: /ghp_[0-9A-Za-z]{36,255}/g },
  { id: 'github-fine-grained-pat', keywords: ['github_pat_'], re: /github_pat_[0-9A-Za-z_]{40,255}/g },
  // github-oauth (gho_), github-app-token (ghu_, ghs_), github-refresh-token (ghr_)
  { id: 'github-oauth-app-refresh', keywords: ['gho_', 'ghu_', 'ghs_', 'ghr_'], re: /gh[ousr]_[0-9A-Za-z]{36,255}/g },
  // slack-bot-token, slack-user-token, slack-legacy-*: xox[baprse]-…
  { id: 'slack-tokens', keywords: ['xox'], re: /xox[abeoprs]-[0-9A-Za-z-]{10,255}/g },
  { id: 'slack-app-token', keywords: ['xapp-'], re: /xapp-\d-[0-9A-Za-z-]{10,255}/g },
  { id: 'slack-webhook-url', keywords: ['hooks.slack.com'], re: /hooks\.slack\.com\/(?:services|workflows|triggers)\/([0-9A-Za-z+/_-]{16,200})/g },
  { id: 'stripe-access-token', keywords: ['k_live_', 'k_test_', 'k_prod_'], re: /[rs]k_(?:live|test|prod)_[0-9A-Za-z]{10,255}/g },
  { id: 'aws-access-token', keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'], re: /(?<=^|[^0-9A-Z]|%[0-9A-F]{2})(?:A3T[0-9A-Z]|AKIA|ASIA|ABIA|ACCA)[2-7A-Z]{16}(?![0-9A-Z])/g },
  { id: 'gcp-api-key', keywords: ['AIza'], re: /AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { id: 'npm-access-token', keywords: ['npm_'], re: /npm_[0-9A-Za-z]{36}(?![0-9A-Za-z])/g },
  // atlassian-api-token (ATATT3…); the same family's ATCTT (Connect/Forge) and ATSTT tokens.
  { id: 'atlassian-api-token', keywords: ['ATATT', 'ATCTT', 'ATSTT'], re: /AT[ACS]TT[0-9A-Za-z_=-]{40,400}/g },
  // Jira Automation incoming webhooks: Cloud (automation.atlassian.com/pro/hooks/<secret>,
  // api-private.atlassian.com/automation/webhooks/jira/a/<cloud>/<secret>) and Data Center.
  { id: 'seraph-jira-automation-webhook', keywords: ['/automation/webhooks/'], re: /\/automation\/webhooks\/([0-9A-Za-z/_.-]{16,400})/g },
  { id: 'seraph-jira-automation-hook', keywords: ['/pro/hooks/', '/cb-automation/'], re: /\/(?:pro|cb-automation\/latest)\/hooks\/([0-9A-Za-z_-]{16,200})/g },
  { id: 'microsoft-teams-webhook', keywords: ['webhook.office.com'], re: /\.webhook\.office\.com\/webhookb2\/([0-9A-Za-z@/_-]{20,400})/g },
  { id: 'discord-webhook', keywords: ['/api/webhooks/'], re: /discord(?:app)?\.com\/api\/webhooks\/([0-9]{5,30}\/[0-9A-Za-z_-]{20,200})/g },
];

export interface TokenMatch {
  start: number;
  end: number;
  rule: string;
}

/** Every rule's keywords (and PEM's BEGIN) as one alternation of literals: a single scan of the text. */
const HINT = new RegExp([...TOKEN_RULES.flatMap((r) => r.keywords), '-----BEGIN'].map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));

/** Cheap: could any rule match (one of the keywords occurs)? */
export function hasTokenHint(text: string): boolean {
  return HINT.test(text);
}

/** Every known token in `text` (secret spans only; may overlap), in no particular order. */
export function findKnownTokens(text: string): TokenMatch[] {
  const out: TokenMatch[] = [];
  for (const rule of TOKEN_RULES) {
    if (!rule.keywords.some((k) => text.indexOf(k) >= 0)) continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m !== null; m = rule.re.exec(text)) {
      if (m[1] !== undefined) {
        const start = m.index + m[0].length - m[1].length;
        out.push({ start, end: start + m[1].length, rule: rule.id });
      } else out.push({ start: m.index, end: m.index + m[0].length, rule: rule.id });
    }
  }
  for (const m of findPrivateKeys(text)) out.push(m);
  return out;
}

/** The value is a known token as a whole (under any name, `key` and `id` included). */
export function isKnownToken(value: string): boolean {
  if (value.length < 16 || value.length > 65_536) return false;
  const found = findKnownTokens(value);
  return found.some((m) => m.start === 0 && m.end >= value.length - 1);
}

const PEM_BEGIN = '-----BEGIN ';
const MAX_PEM_LABEL = 64;

/**
 * PEM private keys (gitleaks `private-key`): `-----BEGIN … PRIVATE KEY-----` (RSA, EC, DSA, OPENSSH,
 * ENCRYPTED, PGP … BLOCK) to its `-----END …-----` line. The block's body is the secret (the BEGIN line
 * is kept, so a reader sees what was there); a block without an END loses everything after its BEGIN
 * line (a truncated key is still a key). Linear: indexOf, and each END is looked for at most once.
 */
export function findPrivateKeys(text: string): TokenMatch[] {
  const out: TokenMatch[] = [];
  let from = 0;
  for (;;) {
    const begin = text.indexOf(PEM_BEGIN, from);
    if (begin < 0) break;
    const labelStart = begin + PEM_BEGIN.length;
    const labelEnd = text.indexOf('-----', labelStart);
    if (labelEnd < 0) break;
    if (labelEnd - labelStart > MAX_PEM_LABEL) {
      from = labelStart;
      continue;
    }
    const label = text.slice(labelStart, labelEnd);
    if (!/PRIVATE KEY/.test(label)) {
      from = labelEnd + 5;
      continue;
    }
    const bodyStart = labelEnd + 5;
    const end = text.indexOf('-----END', bodyStart);
    const bodyEnd = end < 0 ? text.length : end;
    if (bodyEnd > bodyStart && !isRedactedMarker(text.slice(bodyStart, bodyEnd).trim())) out.push({ start: bodyStart, end: bodyEnd, rule: 'private-key' });
    if (end < 0) break;
    from = end + 8;
  }
  return out;
}

interface TokenEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Known token formats (rules.ts) replaced by markers, noted for the sweep. `urlSafe`: percent-encoded
 * markers (the text is a URL).
 */
export function replaceKnownTokens(text: string, urlSafe: boolean): string {
  if (text.length < 16 || !hasTokenHint(text)) return text;
  const found = findKnownTokens(text);
  if (found.length === 0) return text;
  const edits: TokenEdit[] = found.map((m) => {
    const secret = text.slice(m.start, m.end);
    noteSecret(secret);
    return { start: m.start, end: m.end, text: urlSafe ? encodedMarker(m.end - m.start) : redactedMarker(m.end - m.start) };
  });
  return applyMerged(text, mergeOverlaps(edits));
}

/** Overlapping token matches become one edit spanning them all (sorted by start). */
function mergeOverlaps(edits: TokenEdit[]): TokenEdit[] {
  edits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TokenEdit[] = [];
  for (const e of edits) {
    const last = out[out.length - 1];
    if (last && e.start < last.end) {
      if (e.end > last.end) {
        last.end = e.end;
        last.text = last.text.startsWith('%') ? encodedMarker(last.end - last.start) : redactedMarker(last.end - last.start);
      }
    } else out.push({ ...e });
  }
  return out;
}

function applyMerged(text: string, edits: TokenEdit[]): string {
  let out = '';
  let copied = 0;
  for (const e of edits) {
    out += text.slice(copied, e.start) + e.text;
    copied = e.end;
  }
  return out + text.slice(copied);
}
