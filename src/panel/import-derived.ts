/**
 * What the panel derives from a whole log (the timeline's ticks, the story, the finding groups), computed
 * by the HAR import worker next to the analysis, so that showing a large imported file costs the panel's
 * main thread no pass over every entry. The panel's own functions, the same results: the live log still
 * computes them in the components. Pure; no browser APIs.
 */
import type { CapturedExchange } from '../shared/protocol';
import type { Finding, SessionInfo } from '../engine/types';
import { buildStory, type OriginStory } from '../engine/analysis/story';
import { sessionEnd } from '../engine/analysis/explain';
import { groupFindings, type FindingGroup } from '../engine/analysis/finding-groups';
import { tickSourceOf, type TickSource } from './timeline/layout';

/** A finding group with its findings as positions in the log's findings list (a structured clone keeps no identity across messages). */
export type PackedGroup = Omit<FindingGroup, 'findings'> & { at: Int32Array };

export interface ImportDerived {
  ticks: TickSource;
  /** The story as of a moment when `ended` sessions had ended: valid while that count is the same. */
  story: { ended: number; stories: OriginStory[] };
  groups: PackedGroup[];
}

/** Sessions whose end has gone by at `now`: the story changes only when this does. */
export function endedSessions(sessions: readonly SessionInfo[], now: number): number {
  let ended = 0;
  for (const s of sessions) {
    const end = sessionEnd(s);
    if (end !== null && end <= now) ended++;
  }
  return ended;
}

export function findingsByEntryOf(findings: readonly Finding[]): Map<number, Finding[]> {
  const byEntry = new Map<number, Finding[]>();
  for (const f of findings) {
    const list = byEntry.get(f.entry);
    if (list) list.push(f);
    else byEntry.set(f.entry, [f]);
  }
  return byEntry;
}

export function deriveImport(exchanges: readonly CapturedExchange[], findings: readonly Finding[], sessions: readonly SessionInfo[], now: number): ImportDerived {
  const position = new Map<Finding, number>();
  findings.forEach((f, i) => position.set(f, i));
  const groups = groupFindings(findings).map(({ findings: list, ...g }) => ({ ...g, at: Int32Array.from(list, (f) => position.get(f)!) }));
  return {
    ticks: tickSourceOf(exchanges, findingsByEntryOf(findings)),
    story: { ended: endedSessions(sessions, now), stories: buildStory({ exchanges, findings, sessions, now }) },
    groups,
  };
}

/** The groups again, holding the findings of the list they were packed against. */
export function unpackGroups(groups: readonly PackedGroup[], findings: readonly Finding[]): FindingGroup[] {
  return groups.map(({ at, ...g }) => ({ ...g, findings: Array.from(at, (i) => findings[i]!) }));
}

/** Every typed array's buffer, to transfer rather than copy. */
export function transferables(d: ImportDerived): ArrayBuffer[] {
  const t = d.ticks;
  return [t.times.buffer, t.entries.buffer, t.states.buffer, t.findings.buffer, ...d.groups.map((g) => g.at.buffer)] as ArrayBuffer[];
}
