/**
 * The story and the findings as ticket-ready Markdown ("Copy as Markdown" in the panel): per site the story's
 * lines, then one table row per finding group with its requests as `#n METHOD path`, the cause and the fix.
 *
 * Built only from what is already redacted (story parts, finding messages, sanitized URLs); every piece of
 * server-controlled text is escaped so a hostile header or path (backticks, pipes, newlines, HTML) cannot
 * break the list or the table, or inject links or markup into a ticket.
 */
import type { Exchange, Finding } from '../types';
import type { OriginStory, StoryLine, StoryPart } from './story';
import { groupFindings, groupHeadline, SUMMARY_ENTRIES } from './finding-groups';
import { requestLabel } from '../request-number';
import { urlParts } from '../ground/atlassian';

export interface MarkdownInput {
  stories: readonly OriginStory[];
  findings: readonly Finding[];
  /** The method of each finding's request where the finding does not carry it. */
  exchanges?: readonly Pick<Exchange, 'index' | 'method'>[];
  /** How a time is written; by default ISO 8601 to the second, in UTC (a ticket is read elsewhere). */
  time?: (t: number) => string;
}

const isoSecond = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function storyMarkdown({ stories, findings, exchanges = [], time = isoSecond }: MarkdownInput): string {
  const methods = new Map<number, string>();
  const wanted = new Set(findings.filter((f) => !f.method).map((f) => f.entry));
  for (const ex of exchanges) if (wanted.has(ex.index)) methods.set(ex.index, ex.method);
  const out: string[] = ['## What happened', ''];
  if (stories.length === 0) out.push('Nothing about signing in was seen.');
  for (const s of stories) {
    out.push(`**${text(hostOf(s.origin))}**`, '');
    for (const line of s.lines) out.push(`- ${lineMarkdown(line, time)}`);
    out.push('');
  }
  const groups = groupFindings(findings);
  out.push('## Findings', '');
  if (groups.length === 0) out.push('No findings.');
  else {
    out.push('| Severity | Finding | Requests | What happened | Fix |', '|---|---|---|---|---|');
    for (const g of groups) {
      const shown = g.findings.slice(0, SUMMARY_ENTRIES).map((f) => request(f, methods.get(f.entry)));
      const more = g.findings.length - shown.length;
      const requests = `${shown.join('<br>')}${more > 0 ? `<br>and ${more} more` : ''}`;
      out.push(`| ${g.severity} | ${text(groupHeadline({ count: g.findings.length, title: g.title }))} | ${requests} | ${text(g.message)} | ${text(g.fix)} |`);
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** One story line: its parts, the fix, and what resolved it. */
function lineMarkdown(line: StoryLine, time: (t: number) => string): string {
  let s = line.parts.map((p) => part(p, time)).join('');
  if (line.fix) s += ` **Fix:** ${text(line.fix)}`;
  if (line.resolved) {
    const who = line.resolved.user === null ? 'Signed in again' : `Signed in as **${text(line.resolved.user)}**`;
    s += ` → ${who} at ${when(line.resolved.time, line.resolved.entry, time)}`;
  }
  return s;
}

function part(p: StoryPart, time: (t: number) => string): string {
  switch (p.kind) {
    case 'text':
      return text(p.text);
    case 'name':
      return `**${text(p.text)}**`;
    case 'time':
      return when(p.time, p.entry, time);
    case 'entries': {
      const more = p.count - p.entries.length;
      return `${text(p.text)} (${p.entries.map(requestLabel).join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
    }
  }
}

/** "10:02:03 (#4)": a time with the request it is the time of. */
function when(t: number, entry: number | null, time: (t: number) => string): string {
  return entry === null ? text(time(t)) : `${text(time(t))} (${requestLabel(entry)})`;
}

/** "#4 `GET /rest/api/2/myself`" */
function request(f: Finding, method: string | undefined): string {
  const parts = urlParts(f.url);
  const path = parts ? `${parts.path}${parts.query ? `?${parts.query}` : ''}` : f.url;
  const m = f.method ?? method;
  return `${requestLabel(f.entry)} ${code(m ? `${m} ${path}` : path)}`;
}

/** Characters that are not to be read as characters: controls, bidi overrides, zero-width marks. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
/**
 * Markdown's characters that can open markup inline (emphasis, code, links, HTML, entities, strike-through) or
 * end a table cell. Lines always start with "- " or "| ", so line-start markers (#, +, 1.) need no escape.
 */
const MARKUP = /[\\`*_[\]<>|~&]/g;

/** Plain text on one line, every markup character escaped, invisible characters shown as `U+202E`. */
export function text(s: string): string {
  return oneLine(s).replace(MARKUP, (c) => `\\${c}`);
}

/**
 * A code span that nothing inside can close: fenced with more backticks than the longest run inside (CommonMark),
 * on one line, with `|` escaped (GitHub tables split cells on `|` even inside code spans).
 */
export function code(s: string): string {
  const one = oneLine(s).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}

function oneLine(s: string): string {
  return s
    .replace(/\r\n|[\r\n\t]/g, ' ')
    .replace(INVISIBLE, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
    .replace(/ {2,}/g, ' ');
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}
