// Runs the getaddrinfo probe under bpftrace and fills an AskedNameIndex from its lines. The lead's
// event feed starts one beside its own bpftrace child and asks `feed.index.nameFor(...)`.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import readline from 'node:readline';
import { AskedNameIndex } from './asked-name-index';
import { GetaddrinfoParser } from './getaddrinfo-parser';
import { findLibc, getaddrinfoProgram, MAX_NAME_BYTES, READY_LINE } from './getaddrinfo-probe';

export type SpawnBpftrace = (program: string) => ChildProcessWithoutNullStreams;

export interface AskedNameFeedOptions {
  index?: AskedNameIndex;
  libcPath?: string;
  /** Seam for tests and for another bpftrace path; default runs /usr/bin/bpftrace -e. */
  spawnBpftrace?: SpawnBpftrace;
  /** Why the feed stopped or could not start, in words for status. */
  onStopped?: (reason: string) => void;
}

export interface AskedNameFeed {
  readonly index: AskedNameIndex;
  readonly parser: GetaddrinfoParser;
  /** Resolves once the probes are attached; rejects when bpftrace could not start them. */
  readonly ready: Promise<void>;
  stop(): void;
}

const defaultSpawn: SpawnBpftrace = (program) =>
  spawn('bpftrace', ['-e', program], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, BPFTRACE_STRLEN: String(MAX_NAME_BYTES) },
  });

export function startAskedNameFeed(options: AskedNameFeedOptions = {}): AskedNameFeed {
  const index = options.index ?? new AskedNameIndex();
  const parser = new GetaddrinfoParser();
  const libc = options.libcPath ?? findLibc();
  if (libc === null) {
    const reason = 'asked names off: no C library found to probe getaddrinfo in';
    options.onStopped?.(reason);
    return { index, parser, ready: Promise.reject(new Error(reason)), stop: () => undefined };
  }
  const child = (options.spawnBpftrace ?? defaultSpawn)(getaddrinfoProgram(libc));
  let stderr = '';
  let stopping = false;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 4096) stderr += chunk;
  });
  const ready = new Promise<void>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (line === READY_LINE) resolve();
      const answer = parser.line(line);
      if (answer) index.add(answer);
    });
    const failed = (why: string): void => {
      const reason = `asked names off: ${why}${stderr.trim() ? `: ${lastLines(stderr)}` : ''}`;
      reject(new Error(reason));
      if (!stopping) options.onStopped?.(reason);
    };
    child.on('error', (error) => failed(`bpftrace could not run (${error.message})`));
    child.on('exit', (code, signal) => failed(`bpftrace exited (${signal ?? `code ${code}`})`));
  });
  ready.catch(() => undefined);
  return {
    index,
    parser,
    ready,
    stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    },
  };
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' / ');
}
