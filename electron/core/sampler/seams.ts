// The seams through which everything the OS gives comes in, so tests can feed recorded outputs:
// a clock, and a command runner for the backends that read command output (macOS, Windows).

export interface Clock {
  /** Wall clock, ms since the epoch. */
  now(): number;
  /** Monotonic ms, for durations and rates. */
  monotonic(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** Exit code; null when killed (timeout). */
  code: number | null;
}

/** Runs a program (no shell) and collects its output. Rejects only when it cannot be started. */
export type CommandRunner = (
  file: string,
  args: string[],
  options?: { timeoutMs?: number },
) => Promise<CommandResult>;

export interface SamplerOptions {
  /** Linux: where /proc is (tests point it at a recorded tree). */
  procRoot?: string;
  /** Linux: where /etc is (passwd for user names, services for port names). */
  etcRoot?: string;
  /** macOS / Windows: how commands are run (tests replay recorded outputs). */
  run?: CommandRunner;
  clock?: Clock;
  /** Told once per distinct problem with the OS's text (a malformed line), never per tick. */
  onWarning?: (message: string) => void;
  /** Linux: also read the sockets of every other network namespace, tagged (the collector). */
  allNetNamespaces?: boolean;
  /** Linux: run the kernel event feed (bpftrace) where it can run; others ignore it. */
  events?: boolean;
}
