/**
 * Run inside an extension context (`worker.evaluate(forgetExtensionState)`, `page.evaluate(…)`), in Chromium or
 * Firefox: empties what the extension keeps between tests (both storage areas, its alarms, the host permissions
 * granted beyond the manifest's), as a new profile would have it. Self-contained: the browsers run its source.
 */
export async function forgetExtensionState(): Promise<void> {
  const ext = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
  await ext.storage.local.clear();
  await ext.storage.session.clear();
  await ext.alarms.clearAll();
  const fixed = new Set(ext.runtime.getManifest().host_permissions ?? []);
  const granted = ((await ext.permissions.getAll()).origins ?? []).filter((o) => !fixed.has(o));
  if (granted.length) await ext.permissions.remove({ origins: granted });
}
