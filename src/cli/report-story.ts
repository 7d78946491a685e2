/**
 * What the text report needs of the exchanges besides the analysis: the panel's story per site
 * (engine/analysis/story.ts), told as of the recording's last request rather than the clock (a file read
 * next month tells what it showed, the same every time), and how many requests went to each origin.
 */
import type { AnalysisResult, Exchange, Header } from '../engine/types';
import { buildStory, type OriginStory, type StoryInput } from '../engine/analysis/story';
import { MixedLoginReader } from '../engine/analysis/story-mixed';
import { urlParts } from '../engine/ground/atlassian';
import { lowerName } from '../engine/exchange/headers';
import { Interner } from '../engine/analysis/interner';

/** The empty list every kept exchange shares (buildStory only reads them). */
const NONE: never[] = [];

type StoryExchange = StoryInput['exchanges'][number];

export interface ReportContext {
  story: OriginStory[];
  /** Requests per origin (as the analyzer splits URLs). */
  requests: ReadonlyMap<string, number>;
}

/**
 * Kept while a file streams past. The story reads only the exchanges at findings' entries: every entry's
 * time is kept, the whole exchange only where a finding was raised at once (a page held as a suspect and
 * confirmed later is a silent-anonymous finding, for which the story needs nothing but the time).
 */
export class ReportWitness {
  /** By entry (dense from 0: eight bytes an entry). */
  private readonly times: number[] = [];
  private readonly kept: StoryExchange[] = [];
  private readonly requests = new Map<string, number>();
  private readonly mixed = new MixedLoginReader();
  private end = 0;
  /** Shared by the kept exchanges: a URL or method seen before, and the X-AUSERNAME header list per name. */
  private readonly texts = new Interner();
  private readonly named = new Map<string, Header[]>();

  note(ex: Exchange, raisedHere: boolean): void {
    this.times[ex.index] = ex.time;
    if (ex.time > this.end) this.end = ex.time;
    if (raisedHere) this.kept.push(this.storyPart(ex));
    this.mixed.feed(ex);
    const origin = urlParts(ex.url)?.origin;
    if (origin !== undefined) this.requests.set(origin, (this.requests.get(origin) ?? 0) + 1);
  }

  context(result: AnalysisResult): ReportContext {
    const kept = new Set(this.kept.map((ex) => ex.index));
    const timed = result.findings
      .filter((f) => !kept.has(f.entry) && this.times[f.entry] !== undefined)
      .map((f): StoryExchange => ({ index: f.entry, time: this.times[f.entry]!, url: f.url, method: f.method ?? '', status: 0, cookiesSent: [], credentials: null, responseHeaders: [] }));
    const story = buildStory({ exchanges: [...this.kept, ...timed], findings: result.findings, sessions: result.sessions, now: this.end, mixed: this.mixed.logins() });
    return { story, requests: this.requests };
  }

  /**
   * Of an exchange kept for the story, only what buildStory reads when the mixed logins come from the reader:
   * a streamed 150 MB HAR keeps some 30,000 of these, and whole exchanges (headers, bodies' facts) were most of
   * its memory. Of the response headers the story reads only X-AUSERNAME (whom the answer named).
   */
  private storyPart(ex: Exchange): StoryExchange {
    const { index, time, credentials, bodyFacts, sso, status } = ex;
    const named = ex.responseHeaders.find((h) => lowerName(h.name) === 'x-ausername');
    let responseHeaders: Header[] = NONE;
    if (named) {
      responseHeaders = this.named.get(named.value) ?? [named];
      this.named.set(named.value, responseHeaders);
    }
    const url = this.texts.of(ex.url);
    const method = this.texts.of(ex.method);
    return { index, time, url, method, status, cookiesSent: NONE, credentials, bodyFacts, sso, responseHeaders };
  }
}

/** The same for a log held whole (standard input, a transcript, tests). */
export function reportContext(exchanges: readonly Exchange[], result: AnalysisResult): ReportContext {
  const witness = new ReportWitness();
  for (const ex of exchanges) witness.note(ex, true);
  return witness.context(result);
}
