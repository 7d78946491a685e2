/** Chromium flags every launch here needs: no sandbox as root, no network chatter, the extension loaded. */
export const QUIET_CHROMIUM_ARGS = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export function extensionArgs(dist: string): string[] {
  return [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`];
}
