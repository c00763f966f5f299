// Runs the bpftrace child and keeps it running: lines out of its stdout one at a time, a restart
// with a growing backoff when it dies, and a word (once per distinct reason) when it goes off or on.
import { spawn, type ChildProcess } from 'node:child_process';

export interface SupervisorOptions {
  /** The program and its arguments (tests run another real program in its place). */
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** First restart delay; doubles on each death in a row, up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A child that ran this long before dying starts the backoff over. */
  healthyAfterMs?: number;
  /** Longest line kept; a longer one is cut off and counted as malformed by the parser. */
  maxLineBytes?: number;
  onLine(line: string): void;
  /** 'on' when the program said it is attached (its first line), 'off' with the reason otherwise. */
  onState(state: 'on' | 'off', reason: string | null): void;
}

const STDERR_KEPT = 2048;
/** bpftrace's RLIMIT_MEMLOCK warning (kernels that account BPF memory by cgroup) and progress lines. */
const HARMLESS = /RLIMIT_MEMLOCK|^Attaching \d+ probes/;

export class BpftraceSupervisor {
  private child: ChildProcess | null = null;
  private timer: NodeJS.Timeout | null = null;
  private backoff: number;
  private closed = false;
  private startedAt = 0;
  restarts = 0;

  constructor(private readonly options: SupervisorOptions) {
    this.backoff = options.backoffMs ?? 1000;
  }

  start(): void {
    if (this.closed || this.child) return;
    const o = this.options;
    this.startedAt = Date.now();
    let child: ChildProcess;
    try {
      child = spawn(o.command, o.args, { env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      this.died(`cannot start ${o.command}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.child = child;
    let pending = '';
    let stderr = '';
    const limit = o.maxLineBytes ?? 4096;
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      pending += chunk;
      let start = 0;
      for (let nl = pending.indexOf('\n', start); nl >= 0; nl = pending.indexOf('\n', start)) {
        o.onLine(pending.slice(start, Math.min(nl, start + limit)));
        start = nl + 1;
      }
      pending = pending.slice(start);
      if (pending.length > limit) pending = pending.slice(0, limit); // the rest of a runaway line goes
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEPT);
    });
    child.once('error', (error) => {
      if (this.child !== child) return;
      this.child = null;
      this.died(`cannot start ${o.command}: ${error.message}`);
    });
    child.once('close', (code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      if (this.closed) return;
      const lines = stderr
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !HARMLESS.test(l));
      const said = lines.filter((l) => l.startsWith('ERROR')).at(-1) ?? lines.at(-1);
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      this.died(`${o.command} ${how}${said ? `: ${said.slice(0, 300)}` : ''}`);
    });
  }

  private died(reason: string): void {
    if (this.closed) return;
    const o = this.options;
    if (Date.now() - this.startedAt >= (o.healthyAfterMs ?? 60_000)) this.backoff = o.backoffMs ?? 1000;
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, o.maxBackoffMs ?? 60_000);
    o.onState('off', `${reason}; polling alone until it restarts`);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.restarts++;
      this.start();
    }, delay);
    this.timer.unref();
  }

  /** The child's pid while it runs (the bench counts its CPU and memory). */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.child?.kill('SIGTERM');
    this.child = null;
  }
}
