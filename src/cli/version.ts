/** The package's version: put in by the build (scripts/build-cli.mjs); read from package.json when the sources run. */
import { readFileSync } from 'node:fs';

declare const __SERAPH_LENS_VERSION__: string | undefined;

function sourceVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export const CLI_VERSION: string = typeof __SERAPH_LENS_VERSION__ === 'string' ? __SERAPH_LENS_VERSION__ : sourceVersion();
