// A CommandRunner that replays recorded outputs by exact command line, records what was asked,
// and can be told to fail a command, so a test drives a backend exactly as the OS would.
import type { CommandResult, CommandRunner } from '../../../../../electron/core/sampler/seams';

export type Recorded = string | CommandResult | (() => CommandResult);

export interface ReplayRunner {
  run: CommandRunner;
  /** Every command line asked for, in order. */
  calls: string[];
  /** Replaces (or adds) what one command line returns. */
  set(commandLine: string, output: Recorded | 'missing'): void;
}

export function createReplayRunner(recordings: Record<string, Recorded | 'missing'>): ReplayRunner {
  const table = new Map(Object.entries(recordings));
  const calls: string[] = [];
  const run: CommandRunner = async (file, args) => {
    const line = [file, ...args].join(' ');
    calls.push(line);
    const recorded = table.get(line);
    if (recorded === undefined) throw new Error(`replay runner: nothing recorded for "${line}"`);
    if (recorded === 'missing') {
      // What Node's execFile gives for a program that is not installed.
      throw Object.assign(new Error(`spawn ${file} ENOENT`), {
        code: 'ENOENT',
        errno: -2,
        syscall: `spawn ${file}`,
      });
    }
    if (typeof recorded === 'string') return { stdout: recorded, stderr: '', code: 0 };
    return typeof recorded === 'function' ? recorded() : recorded;
  };
  return { run, calls, set: (line, output) => void table.set(line, output) };
}
