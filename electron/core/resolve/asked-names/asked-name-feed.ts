// Runs the getaddrinfo probe under bpftrace (restarted with a growing delay when it dies, as the
// event feed's child is) and fills an AskedNameIndex from its lines. The Linux sampler starts one
// beside its event feed; its state (on, or off with the reason) goes into status.
import { BpftraceSupervisor } from '../../sampler/linux/events/bpftrace-supervisor';
import { findBpftrace } from '../../sampler/linux/events/events-preflight';
import { AskedNameIndex } from './asked-name-index';
import { GetaddrinfoParser } from './getaddrinfo-parser';
import { findLibc, getaddrinfoProgram, MAX_NAME_BYTES, READY_LINE } from './getaddrinfo-probe';

export interface AskedNameFeedOptions {
  index?: AskedNameIndex;
  /** The C library to probe; default the first of the usual paths (getaddrinfo-probe.ts). */
  libcPath?: string | null;
  /** Another bpftrace; default the one on PATH. */
  bpftrace?: string;
  backoffMs?: number;
  /** Told once per distinct state change ("asked names off: ..."). */
  onNotice?: (message: string) => void;
}

export interface AskedNameState {
  state: 'on' | 'off';
  reason: string | null;
}

export interface AskedNameFeed {
  readonly index: AskedNameIndex;
  readonly parser: GetaddrinfoParser;
  /** Resolves once the probes are attached; rejects with the reason when they could not be. */
  readonly ready: Promise<void>;
  readonly status: AskedNameState;
  /** bpftrace's pid while it runs (the bench counts its CPU). */
  readonly childPid: number | null;
  stop(): void;
}

export function startAskedNameFeed(options: AskedNameFeedOptions = {}): AskedNameFeed {
  const index = options.index ?? new AskedNameIndex();
  const parser = new GetaddrinfoParser();
  const told = new Set<string>();
  let status: AskedNameState = { state: 'off', reason: 'bpftrace is still starting' };
  const tell = (message: string): void => {
    if (told.has(message) || told.size >= 32) return;
    told.add(message);
    options.onNotice?.(message);
  };
  let settle: { resolve: () => void; reject: (e: Error) => void } | null = null;
  const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  ready.catch(() => undefined);
  const off = (reason: string): void => {
    const changed = status.state !== 'off' || status.reason !== reason;
    status = { state: 'off', reason };
    if (changed) tell(`asked names off: ${reason}`);
    settle?.reject(new Error(`asked names off: ${reason}`));
    settle = null;
  };

  const libc = options.libcPath === undefined ? findLibc() : options.libcPath;
  if (libc === null) {
    off('no C library found to probe getaddrinfo in; host names are reverse DNS');
    return { index, parser, ready, status, childPid: null, stop: () => undefined };
  }
  const supervisor = new BpftraceSupervisor({
    command: options.bpftrace ?? findBpftrace() ?? 'bpftrace',
    args: ['-e', getaddrinfoProgram(libc)],
    env: { ...process.env, BPFTRACE_STRLEN: String(MAX_NAME_BYTES) },
    backoffMs: options.backoffMs,
    onLine(line) {
      if (line === READY_LINE) {
        if (told.size > 0) tell('asked names on again');
        status = { state: 'on', reason: null };
        settle?.resolve();
        settle = null;
        return;
      }
      const answer = parser.line(line);
      if (answer) index.add(answer);
    },
    onState(_state, reason) {
      // the supervisor speaks for the event feed; here the fallback is reverse DNS, not polling
      off(
        (reason ?? 'stopped').replace(
          /; polling alone until it restarts$/,
          '; reverse DNS until it restarts',
        ),
      );
    },
  });
  supervisor.start();
  return {
    index,
    parser,
    ready,
    get status() {
      return status;
    },
    get childPid() {
      return supervisor.pid;
    },
    stop: () => supervisor.close(),
  };
}
