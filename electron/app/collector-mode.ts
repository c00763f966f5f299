// The packaged app started as `netwatch collector run` (the ExecStart of the unit the deb and rpm
// install): a packaged Electron cannot run as plain Node (the RunAsNode fuse is off), so its main
// process runs the collector command itself, with no window, tray or single-instance lock.
import { collectorCommand } from '../cli/commands/collector';
import type { CliIo } from '../cli/cli-command';
import { createSampler } from '../core/sampler';

/** The words after `collector` when the app was started for it, else null. */
export function collectorModeArgs(argv: readonly string[], packaged: boolean): string[] | null {
  // Packaged: [exe, ...args]; in development: [electron, appPath, ...args].
  const args = argv.slice(packaged ? 1 : 2);
  return args[0] === 'collector' ? args.slice(1) : null;
}

export function runCollectorMode(args: string[]): Promise<number> {
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort(signal));
  const io: CliIo = {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    outStream: process.stdout,
    errIsTTY: false,
    signal: stop.signal,
    createSampler: () => createSampler({}),
    env: process.env,
  };
  return collectorCommand.run(args, io).catch((error: unknown) => {
    io.err(`<3>netwatch collector: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  });
}
