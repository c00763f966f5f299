// What every `netwatch` subcommand implements, and what it is given: output streams, a stop
// signal (Ctrl-C, or the reader of stdout went away) and the sampler factory (a seam for tests).
import type { Writable } from 'node:stream';
import type { Sampler } from '../core/sampler/sampler';

export interface CliIo {
  /** Writes to stdout. After the reader went away (EPIPE) writes are dropped and `signal` is aborted. */
  out(text: string): void;
  err(text: string): void;
  /** stdout as a stream, for output that must wait while the reader is slower (exports). */
  outStream: Writable;
  /** stderr is a terminal: progress bars go there only then. */
  errIsTTY: boolean;
  /** Aborted on SIGINT/SIGTERM or a broken stdout pipe: long-running commands stop cleanly. */
  signal: AbortSignal;
  /** The platform's sampler; called at most once per command run. */
  /** `events`: run the kernel event feed where it can (record); a one-shot listing does not. */
  createSampler(options?: { events?: boolean }): Sampler;
  /** Environment (NETWATCH_* settings); process.env in production. */
  env: Readonly<Record<string, string | undefined>>;
}

export interface CliCommand {
  /** The word after `netwatch`. */
  name: string;
  /** One line for `netwatch --help`. */
  summary: string;
  /**
   * The command watches `io.signal` to end cleanly on Ctrl+C and SIGTERM (a recorder closing its
   * database, an export removing its temporary file). Any other command keeps the signals'
   * default action, so they end it at once, even while it is blocked in open() or a busy wait.
   */
  stopsOnSignal?: true | ((args: readonly string[]) => boolean);
  /** Returns the exit code; throws UsageError for bad arguments (exit 2 with a hint). */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Bad flags or arguments: printed as one line plus a hint to --help, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The help to point at: "netwatch --help" or "netwatch <command> --help". */
    readonly helpCommand = 'netwatch --help',
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes: 0 ok (also after Ctrl-C or a closed pipe ends a repeat), 1 failure, 2 usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
