import { useMemo, useState } from 'preact/hooks';
import type { Finding } from '../engine/types';
import { groupFindings, groupsOverview, SUMMARY_ENTRIES, type FindingGroup } from '../engine/analysis/finding-groups';
import { plural } from '../engine/analysis/plural';
import { visible } from './visible';
import { requestLabel } from '../engine/request-number';
import { unpackGroups, type PackedGroup } from './import-derived';

/** Long captures raise thousands of findings; render a page of each group (and of groups) at a time. */
const PAGE = 100;

export interface FindingsProps {
  findings: readonly Finding[];
  /** The view's version: the findings list is the model's own and grows in place. */
  version?: number;
  /** The groups when already derived (an imported HAR: the import worker grouped them), against `findings`. */
  packed?: readonly PackedGroup[] | null;
  onSelect(entry: number): void;
  /** Closes the findings pane (its ✕); the toolbar's toggle does the same. */
  onClose?(): void;
}

/**
 * Findings grouped by code and cause, worst first: "3 × served as anonymous: #8, #10, #11", one explanation
 * and fix per group, expandable to its requests (each a link to the request). The worst group starts open.
 */
export function Findings({ findings, version, packed = null, onSelect, onClose }: FindingsProps) {
  // Which groups the user opened or closed, by group key; the others follow the default (only the worst open).
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const [groupLimit, setGroupLimit] = useState(PAGE);
  // Grouped once per change of the list, not on every render (the panel re-renders every second).
  const groups = useMemo(() => (packed ? unpackGroups(packed, findings) : groupFindings(findings)), [findings, version, findings.length, packed]);
  const overview = useMemo(() => groupsOverview(groups), [groups]);
  const close = onClose && (
    <button type="button" class="icon-button" onClick={onClose} aria-label="Close the findings (Esc)" title="Close (Esc)" data-testid="findings-close">
      ✕
    </button>
  );
  if (findings.length === 0)
    return (
      <div class="findings findings-head">
        <p class="muted" data-testid="no-findings">No findings.</p>
        {close}
      </div>
    );
  const shown = groups.slice(0, groupLimit);
  return (
    <section class="findings" aria-label="Findings">
      <div class="findings-head">
        <h2 class="findings-overview" data-testid="findings-overview">Findings: {overview}</h2>
        {close}
      </div>
      <ul class="finding-groups">
        {shown.map((g, i) => (
          <Group
            key={g.key}
            group={g}
            open={open[g.key] ?? i === 0}
            onToggle={(isOpen) => setOpen((o) => (o[g.key] === isOpen ? o : { ...o, [g.key]: isOpen }))}
            onSelect={onSelect}
          />
        ))}
      </ul>
      {shown.length < groups.length && (
        <button type="button" onClick={() => setGroupLimit(groupLimit + PAGE)} data-testid="more-groups">
          Show {Math.min(PAGE, groups.length - shown.length)} more of {plural(groups.length - shown.length, 'group')}
        </button>
      )}
    </section>
  );
}

interface GroupProps {
  group: FindingGroup;
  open: boolean;
  onToggle(open: boolean): void;
  onSelect(entry: number): void;
}

function Group({ group: g, open, onToggle, onSelect }: GroupProps) {
  const [limit, setLimit] = useState(PAGE);
  const count = g.findings.length;
  const list = g.findings.slice(0, limit);
  const first = g.findings.slice(0, SUMMARY_ENTRIES);
  const bodyId = `finding-group-${g.key.replace(/[^\w-]/g, '_')}`;
  // A disclosure button, not <details>/<summary>: the request links sit in the header line, and interactive
  // controls inside a <summary> are nested controls to assistive technology.
  return (
    <li class={`finding-group ${g.severity}`} data-testid="finding-group" data-code={g.code} data-count={count} data-severity={g.severity}>
      <div class="group-head">
        <button type="button" class="disclosure" aria-expanded={open} aria-controls={bodyId} onClick={() => onToggle(!open)} data-testid="finding-group-toggle">
          <span class={`severity ${g.severity}`} title={g.severity}>{g.severity}</span>{' '}
          <strong data-testid="finding-group-headline">
            {count} × {g.title}
          </strong>
        </button>
        :{' '}
        {first.map((f, i) => (
          <span key={f.entry}>
            {i > 0 && ', '}
            <button type="button" class="link" title="Show the request" onClick={() => onSelect(f.entry)} data-testid="finding-group-entry">
              {requestLabel(f.entry)}
            </button>
          </span>
        ))}
        {count > first.length && <span class="muted"> and {count - first.length} more</span>} <code data-testid="finding-code" title={g.code}>{g.code}</code>
      </div>
      <div id={bodyId} class="group-body" hidden={!open}>
        <p class="group-message" data-testid="finding-group-message">{visible(g.message)}</p>
        <div class="fix" data-testid="finding-group-fix">Fix: {visible(g.fix)}</div>
        <ul class="group-findings" aria-label={`${g.title}: the requests`}>
          {list.map((f) => (
            <li key={`${f.entry}-${f.code}`} class={`finding ${f.severity}`} data-testid="finding" data-code={f.code} data-entry={f.entry} title={visible(f.message)}>
              <button type="button" class="link" onClick={() => onSelect(f.entry)} title="Show the request">
                {requestLabel(f.entry)}
              </button>{' '}
              <span data-testid="finding-message">{visible(f.message)}</span>
            </li>
          ))}
        </ul>
        {list.length < count && (
          <button type="button" onClick={() => setLimit(limit + PAGE * 5)} data-testid="more-findings">
            Show {Math.min(PAGE * 5, count - list.length)} more of {count - list.length}
          </button>
        )}
      </div>
    </li>
  );
}
