// Entry of the `netwatch` command (bundled to dist/electron/cli.cjs, run by bin/netwatch.cjs):
// wires the process (argv, stdout, signals, exit code) to the dispatcher in run-cli.ts.
import { createSampler } from '../core/sampler';
import type { CliIo } from './cli-command';
import { runCli, stopsOnSignal } from './run-cli';

const stop = new AbortController();
let stdoutGone = false;

// A closed reader (`netwatch -c | head`) is a normal way to end: stop quietly, no stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') {
    stdoutGone = true;
    stop.abort('EPIPE');
    return;
  }
  throw error;
});
const argv = process.argv.slice(2);
// Only a command that ends cleanly by the signal takes it over; the others are ended by it at once.
if (stopsOnSignal(argv)) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => stop.abort(signal));
  }
}

const io: CliIo = {
  out: (text) => {
    if (!stdoutGone) process.stdout.write(text);
  },
  err: (text) => void process.stderr.write(text),
  outStream: process.stdout,
  errIsTTY: process.stderr.isTTY === true,
  signal: stop.signal,
  createSampler: (options) =>
    createSampler({
      events: options?.events === true && process.env.NETWATCH_EVENTS !== 'off',
      onWarning: (message) => process.stderr.write(`netwatch: ${message}\n`),
    }),
  env: process.env,
};

runCli(argv, io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`netwatch: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
