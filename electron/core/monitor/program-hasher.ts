// SHA-256 of program binaries, read through /proc/<pid>/exe (which still opens a binary deleted or
// replaced on disk), computed off the sampling path by an async stream, a few at a time, and
// cached by device, inode, size and mtime so a binary is hashed once until it changes.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** What identifies a binary's content without reading it. */
export interface BinaryStat {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  /** Links to the file: 0 when the binary was deleted or replaced on disk since it started. */
  nlink: number;
}

export interface ProgramHasherOptions {
  /** Where /proc is (tests point it at a tree of `<pid>/exe` links). */
  procRoot?: string;
  /** Most binary hashes remembered (least recently used dropped first). */
  cacheSize?: number;
  /** Hashes computed at once. */
  concurrency?: number;
  /** Hash requests waiting at most; more are answered at once with a null hash. */
  maxQueued?: number;
}

type Done = (sha256: string | null) => void;

interface Job {
  key: string;
  pid: number;
  /** The path the link names, tried when the process is gone before its hash is read. */
  fallbackPath: string | null;
  stat: BinaryStat;
  waiters: Done[];
}

export function binaryKey(stat: Omit<BinaryStat, 'nlink'>): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${Math.trunc(stat.mtimeMs)}`;
}

export class ProgramHasher {
  private readonly procRoot: string;
  private readonly cacheSize: number;
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private readonly cache = new Map<string, string>();
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(options: ProgramHasherOptions = {}) {
    this.procRoot = options.procRoot ?? '/proc';
    this.cacheSize = options.cacheSize ?? 4096;
    this.concurrency = options.concurrency ?? 2;
    this.maxQueued = options.maxQueued ?? 1024;
  }

  /** One stat(2) of the binary behind a process; null when it cannot be seen (gone, no permission). */
  statExe(pid: number): BinaryStat | null {
    try {
      const s = statSync(path.join(this.procRoot, String(pid), 'exe'));
      if (!s.isFile()) return null;
      return { dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs, nlink: s.nlink };
    } catch {
      return null;
    }
  }

  /** The hash of a binary already read, if any (and marks it recently used). */
  cached(stat: BinaryStat): string | undefined {
    const key = binaryKey(stat);
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      this.cache.delete(key);
      this.cache.set(key, hit);
    }
    return hit;
  }

  /**
   * Hashes the binary of `pid` in the background and calls `done` with its SHA-256 (hex), or null
   * when it cannot be read. Requests for the same binary share one read.
   */
  request(pid: number, stat: BinaryStat, exePath: string | null, done: Done): void {
    const key = binaryKey(stat);
    const hit = this.cached(stat);
    if (hit !== undefined) return done(hit);
    const pending = this.jobs.get(key);
    if (pending) {
      pending.waiters.push(done);
      return;
    }
    if (this.closed || this.queue.length >= this.maxQueued) return done(null);
    const job: Job = { key, pid, fallbackPath: exePath, stat, waiters: [done] };
    this.jobs.set(key, job);
    this.queue.push(job);
    this.pump();
  }

  /** Whether any hash is queued or being read. */
  get busy(): boolean {
    return this.running > 0 || this.queue.length > 0;
  }

  /** Resolves when nothing is queued or being hashed (tests, shutdown). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.finish(job, null);
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      void this.hashJob(job).then((sha) => {
        this.running--;
        this.finish(job, sha);
        this.pump();
        if (this.running === 0 && this.queue.length === 0) {
          for (const resolve of this.idleWaiters.splice(0)) resolve();
        }
      });
    }
  }

  private async hashJob(job: Job): Promise<string | null> {
    const viaProc = await hashFile(path.join(this.procRoot, String(job.pid), 'exe'));
    if (viaProc !== null || job.fallbackPath === null) return viaProc;
    // The process left before we read it: the path is only trusted if it is still the same binary.
    try {
      const s = statSync(job.fallbackPath);
      if (binaryKey({ dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs }) !== job.key) return null;
    } catch {
      return null;
    }
    return hashFile(job.fallbackPath);
  }

  private finish(job: Job, sha: string | null): void {
    this.jobs.delete(job.key);
    if (sha !== null) {
      this.cache.set(job.key, sha);
      if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    }
    for (const done of job.waiters) done(sha);
  }
}

/** Bytes read at a time while hashing. */
const READ_SIZE = 1 << 18;

/**
 * SHA-256 of a file as hex, read through one buffer of its own; null when it cannot be read. A
 * stream would hand over a new buffer per read: hashing a 100 MB binary (node, a browser) that
 * way left some 30 MB of freed buffers in the process's heap; one buffer reused leaves none.
 */
export async function hashFile(file: string): Promise<string | null> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return null;
  }
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafeSlow(READ_SIZE);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_SIZE, null);
      if (bytesRead === 0) return hash.digest('hex');
      hash.update(buffer.subarray(0, bytesRead));
    }
  } catch {
    return null;
  } finally {
    await handle.close().catch(() => {});
  }
}
