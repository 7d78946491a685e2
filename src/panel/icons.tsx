/** The panel's toolbar icons: 24×24 outlines in the spirit of DevTools' own (drawn here, no icon font). */
const PATHS = {
  // The Network panel's "Clear": a circle struck through.
  clear: 'M12 4.5a7.5 7.5 0 1 0 0 15a7.5 7.5 0 1 0 0-15M6.7 6.7l10.6 10.6',
  import: 'M12 15.5V4.5M7.5 9l4.5-4.5L16.5 9M5 19.5h14',
  export: 'M12 4.5v11M7.5 11l4.5 4.5 4.5-4.5M5 19.5h14',
  back: 'M10.5 6.5 5 12l5.5 5.5M5.5 12H19',
  columns: 'M4.5 5.5h15v13h-15zM9.5 5.5v13M14.5 5.5v13',
  // A clipboard: paste a transcript.
  paste: 'M9 5.5H6.5v14h11v-14H15M9 4.5h6v2.5H9zM9 11h6M9 14.5h6',
  // Findings: a flag on its pole (the pane of what went wrong).
  findings: 'M6.5 20V4.5M6.5 5h10l-2.5 4 2.5 4h-10',
  // Help: a question mark in a circle.
  help: 'M12 4.5a7.5 7.5 0 1 0 0 15a7.5 7.5 0 1 0 0-15M9.8 10a2.2 2.2 0 1 1 3.2 2c-.7.4-1 .8-1 1.6M12 16.4v.1',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
