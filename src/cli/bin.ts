/**
 * The seraph-lens program: compiled to dist/cli/seraph-lens.mjs (scripts/build-cli.mjs), the package's
 * bin; `npm run analyze` runs this file from the sources.
 */
import { main, type Io } from './main';

const io: Io = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
  // `npm run analyze` runs in the package root; the user's relative names start where they typed the command.
  cwd: /^(analyze|redact)$/.test(process.env.npm_lifecycle_event ?? '') && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd(),
};

// `seraph-lens analyze big.har | head` closes the pipe early: stop quietly instead of a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
const code = main(process.argv.slice(2), io);
if (typeof code === 'number') process.exitCode = code;
else void code.then((c) => (process.exitCode = c));
