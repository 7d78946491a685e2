#!/usr/bin/env node
// Launcher for the seraph-lens CLI: runs the TypeScript sources through tsx, so the CLI and the
// extension always share the very same engine code.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
