// Which process owns each socket inode, kept across ticks so a steady state costs almost nothing.
//
// Finding owners means reading /proc/<pid>/fd: a readdir per process and a readlink per fd
// ("socket:[N]"); at 10,000 connections that is 20,000 readlinks, the bulk of a cold sample.
// So, per tick:
//  1. Known inodes keep their owner; only the owners' /proc/<pid>/stat is re-read, to notice a
//     process that exited, a pid that was reused (start time changed) or an exec (comm changed).
//  2. Only when an inode has no owner (a new socket, an owner that went away), or every
//     refreshMs: readdir every /proc/<pid>/fd and readlink only fd numbers not seen before. An fd
//     table whose size (stat of /proc/<pid>/fd, Linux 6.2+) did not change is not re-read (a
//     process that opened a socket has one fd more): the same count may still hide a
//     closed-and-opened fd, which step 3 catches.
//  3. An fd may have been replaced without changing the count. (a) At once: the tables that held
//     a socket now closed are read again with those fds (a server reuses the numbers of the
//     connections it closed all the time). (b) If an inode is still unowned at two walks in a
//     row (and at most every deepPassMs): read the skipped tables after all, and re-readlink the
//     fds whose last target is not a live socket. Waiting first spares this pass for the many
//     short-lived sockets that are gone by then; the price is a few ticks of "no owner yet"
//     behind a file's reused fd number.
//  4. Still unowned (another user's without privileges, another pid namespace, closed
//     meanwhile): remembered as such, so it does not cost step 3 every tick. It is looked for
//     again after unownedRetryMs, doubling at each miss up to 32 times that, on a shared grid so
//     that the unowned sockets of a host retry together (one step 3, not one per socket). Meanwhile
//     every walk still matches it against the fds it reads, which costs nothing more.
// A socket shared by several processes goes to the lowest pid, as netstat does.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../seams';
import { fdCount, fdTarget, GONE, isProcfs, UNREADABLE } from './fd-links';
import { listPids, readProcessInfo, readProcStat, type ProcessInfo } from './process-info';
import { UnownedRetries } from './unowned-retries';
import { WalkedInodes } from './walked-inodes';

export interface OwnerMapOptions {
  procRoot: string;
  /** btime of /proc/stat, seconds since the epoch. */
  bootTime: number;
  clock: Clock;
  /** How often fd tables are walked even without new inodes (owners that closed a shared socket). */
  refreshMs?: number;
  unownedRetryMs?: number;
  /** Step 3b at most this often (ms). */
  deepPassMs?: number;
  /**
   * Open fds of a process from its fd directory without listing it, 0 when unknown: the size of
   * /proc/<pid>/fd (Linux 6.2+) when procRoot is a procfs. A recorded tree is plain directories,
   * whose size says nothing: there it is 0 (tables always re-read) unless a test counts entries.
   */
  fdCountOf?: (dir: string) => number;
  /** Effective uid of this process (sockets of other uids cannot be owned by what we cannot see). */
  euid?: number;
}

/** The minimum the map needs of a socket row. */
export interface InodeRow {
  inode: number;
  uid: number;
}

interface ProcState {
  pid: number;
  /**
   * From /proc/<pid>/stat, read when its table first shows a socket (-1 until then: most
   * processes hold none, and the stat read is what a cold walk would spend most on otherwise).
   */
  startTicks: number;
  /** Monotonic ms of the walk that first listed it. */
  firstSeen: number;
  /** Open fds per stat of /proc/<pid>/fd at the last readdir; 0 when the kernel does not say. */
  fdCount: number;
  /** Its table was not re-read in this tick's walk (same size). */
  skipped: boolean;
  /** Every fd in the table was readlink'ed in this tick: nothing in it can be stale. */
  fresh: boolean;
  /** fd number -> socket inode; 0 when the fd is not a socket, negative when it could not be read. */
  fds: Map<string, number>;
  /** Read once the process owns a socket. */
  info: ProcessInfo | null;
  /** Its table was empty when first listed: null until then, then whether it is a kernel thread. */
  kernelThread: boolean | null;
}

/** Work done by the last update, for the benchmark and for tests of the steady state. */
export interface OwnerScanStats {
  ownerChecks: number;
  fdTablesRead: number;
  /** Tables not re-read because their size did not change. */
  fdTablesSkipped: number;
  readlinks: number;
  reusedFdPass: boolean;
}

/** A process listed less than this long ago has its fd table read at every walk. */
const YOUNG_MS = 2000;

export class InodeOwnerMap {
  private readonly procs = new Map<number, ProcState>();
  /** inode -> the process state that owns it; a forgotten state is stale even if its pid returns. */
  private readonly owners = new Map<number, ProcState>();
  private readonly unowned: UnownedRetries;
  private readonly denied = new Set<number>();
  /** Inodes unowned after the last walk, looked for harder if still unowned at the next. */
  private suspects = new Set<number>();
  /** The inet socket inodes of each walk: an fd cached on one that is gone now was closed. */
  private readonly walked = new WalkedInodes();
  private lastWalk = -Infinity;
  private lastDeepPass = -Infinity;
  private readonly deepPassMs: number;
  private readonly refreshMs: number;
  private readonly procRoot: string;
  private readonly fdCountOf: (dir: string) => number;
  stats: OwnerScanStats = {
    ownerChecks: 0,
    fdTablesRead: 0,
    fdTablesSkipped: 0,
    readlinks: 0,
    reusedFdPass: false,
  };

  constructor(private readonly options: OwnerMapOptions) {
    this.refreshMs = options.refreshMs ?? 10_000;
    this.unowned = new UnownedRetries(options.unownedRetryMs ?? 10_000);
    this.deepPassMs = options.deepPassMs ?? 3000;
    this.procRoot = path.resolve(options.procRoot);
    this.fdCountOf = options.fdCountOf ?? (isProcfs(this.procRoot) ? fdCount : () => 0);
  }

  /** False once some process's fd table was refused: other users' sockets then have no owner. */
  get privileged(): boolean {
    return this.denied.size === 0;
  }

  /** The owner of an inode as of the last update; null when unknown. */
  ownerOf(inode: number): ProcessInfo | null {
    if (inode === 0) return null;
    const owner = this.owners.get(inode);
    return owner !== undefined && this.procs.get(owner.pid) === owner ? owner.info : null;
  }

  /** Brings the owners up to date for the sockets of this tick. */
  update(rows: readonly InodeRow[]): void {
    this.stats = { ownerChecks: 0, fdTablesRead: 0, fdTablesSkipped: 0, readlinks: 0, reusedFdPass: false };
    const now = this.options.clock.monotonic();
    this.checkKnownOwners(rows);
    let wanted = this.unownedRows(rows, now);
    const walkDue = now - this.lastWalk >= this.refreshMs;
    if (wanted.length > 0 || walkDue) {
      this.walked.begin(rows);
      this.walkFdTables(now);
      this.lastWalk = now;
      // The walk may have taken sockets from owners that closed them: those are wanted now too.
      // Those waiting to retry are matched against the fds just read as well (a Set lookup each).
      const matched = this.unownedRows(rows, now, true);
      this.attribute(matched);
      wanted = matched.filter((row) => !this.owners.has(row.inode) && !this.unowned.waiting(row.inode, now));
      // Only what we could have seen is worth a second pass: without privileges, other users'
      // sockets are unowned by design, not by fd reuse.
      let findable = wanted.filter((row) => this.privileged || row.uid === this.options.euid);
      if (findable.length > 0) {
        // Step 3a, at once: a table of unchanged size that held a socket now closed most likely
        // reused its number for the new one (a server accepting as its clients leave).
        this.rereadClosedSocketFds();
        findable = this.attributeRest(findable);
      }
      // Step 3b is the costly one (every fd of every table) and rarely finds anything: at most
      // every deepPassMs, so that sockets of owners we cannot see (another pid namespace on this
      // network namespace) appearing every tick do not cost it every tick.
      const deep =
        now - this.lastDeepPass >= this.deepPassMs && findable.some((row) => this.suspects.has(row.inode));
      if (deep) {
        this.rereadStaleFds();
        this.lastDeepPass = now;
        findable = this.attributeRest(findable);
      }
      this.walked.forgetGone(rows.length);
      const suspects = new Set<number>();
      for (const row of findable) if (!deep || !this.suspects.has(row.inode)) suspects.add(row.inode);
      this.suspects = suspects;
      for (const row of wanted) {
        if (!this.owners.has(row.inode) && !suspects.has(row.inode)) this.unowned.missed(row.inode, now);
      }
    }
    this.prune(rows);
  }

  /** Attributes the rows, returns those still without an owner. */
  private attributeRest(rows: InodeRow[]): InodeRow[] {
    this.attribute(rows);
    return rows.filter((row) => !this.owners.has(row.inode));
  }

  /** Step 1: re-read the stat of each current owner; forget those that exited or were replaced. */
  private checkKnownOwners(rows: readonly InodeRow[]): void {
    const owners = new Set<ProcState>();
    for (const row of rows) {
      const owner = row.inode === 0 ? undefined : this.owners.get(row.inode);
      if (owner !== undefined) owners.add(owner);
    }
    for (const state of owners) {
      if (this.procs.get(state.pid) !== state) continue;
      this.stats.ownerChecks++;
      const stat = readProcStat(this.options.procRoot, state.pid);
      if (stat === null || stat.startTicks !== state.startTicks) {
        this.forget(state.pid);
      } else if (state.info !== null && stat.comm !== state.info.comm) {
        // Same process, new program (exec): read exe and cmdline again.
        state.info = this.readInfo(state.pid);
      }
    }
  }

  /** Rows without a live owner; with `waitingToo`, also those whose retry is not due yet. */
  private unownedRows(rows: readonly InodeRow[], now: number, waitingToo = false): InodeRow[] {
    const wanted: InodeRow[] = [];
    for (const row of rows) {
      if (row.inode === 0) continue;
      const owner = this.owners.get(row.inode);
      if (owner !== undefined && this.procs.get(owner.pid) === owner && owner.info !== null) continue;
      if (owner !== undefined) this.owners.delete(row.inode);
      if (!waitingToo && this.unowned.waiting(row.inode, now)) continue;
      wanted.push(row);
    }
    return wanted;
  }

  /** Step 2: every process's fd table; only fd numbers not seen before are readlink'ed. */
  private walkFdTables(now: number): void {
    const seen = new Set<number>();
    for (const pid of listPids(this.options.procRoot)) {
      seen.add(pid);
      let state = this.procs.get(pid);
      if (state === undefined) {
        state = {
          pid,
          startTicks: -1,
          firstSeen: now,
          fdCount: 0,
          skipped: false,
          fresh: false,
          fds: new Map(),
          info: null,
          kernelThread: null,
        };
        this.procs.set(pid, state);
      }
      // Half the pids of a desktop: not even the size of their fd table is asked again.
      if (state.kernelThread === true) {
        state.skipped = false;
        state.fresh = true;
        this.stats.fdTablesSkipped++;
        continue;
      }
      // A young process is read whatever its size: short-lived ones open their sockets at once,
      // and the same count by chance would hide them for their whole life.
      this.readFdTable(state, now - state.firstSeen >= YOUNG_MS);
    }
    for (const pid of [...this.procs.keys()]) if (!seen.has(pid)) this.forget(pid);
    for (const pid of [...this.denied]) if (!seen.has(pid)) this.denied.delete(pid);
  }

  /** Diffs the fd table against the cached one; with maySkip, not if it is big and its size is unchanged. */
  private readFdTable(state: ProcState, maySkip: boolean): void {
    const pid = state.pid;
    const dir = `${this.procRoot}/${pid}/fd/`;
    state.skipped = false;
    state.fresh = false;
    const count = this.fdCountOf(dir);
    if (maySkip && count > 0 && count === state.fdCount) {
      state.skipped = true;
      this.stats.fdTablesSkipped++;
      return;
    }
    let names: string[];
    try {
      names = fs.readdirSync(dir);
      this.denied.delete(pid);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? error.code : undefined;
      if (code === 'EACCES' || code === 'EPERM') this.denied.add(pid);
      return; // gone, or not ours to see: its sockets stay unowned
    }
    this.stats.fdTablesRead++;
    const before = state.fds;
    const after = new Map<string, number>();
    let added = 0;
    let socketsAdded = false;
    // Access to a process's fd links is all or nothing (a ptrace check): after one refusal, the
    // rest are not tried (a refused readlink costs an exception each).
    let refused = false;
    for (const name of names) {
      let inode = before.get(name);
      if (inode === undefined) {
        added++;
        if (refused) inode = UNREADABLE;
        else {
          this.stats.readlinks++;
          inode = fdTarget(dir + name);
          refused = inode === UNREADABLE;
          if (inode > 0) socketsAdded = true;
        }
      }
      after.set(name, inode);
    }
    if (before.size + added !== after.size) {
      // Some fds were closed: an inode this process owned may now belong to another holder.
      for (const [name, inode] of before) {
        if (inode > 0 && !after.has(name) && this.owners.get(inode) === state) this.owners.delete(inode);
      }
    }
    state.fds = after;
    state.fdCount = count;
    state.fresh = added === after.size;
    if (names.length === 0 && state.kernelThread === null)
      state.kernelThread = readProcStat(this.options.procRoot, pid)?.kernelThread ?? null;
    if (socketsAdded) this.learnIdentity(state);
  }

  /** Records the start time of a process whose table just showed its first socket; forgets it if gone. */
  private learnIdentity(state: ProcState): void {
    if (state.startTicks >= 0) return;
    const stat = readProcStat(this.options.procRoot, state.pid);
    if (stat === null) this.forget(state.pid);
    else state.startTicks = stat.startTicks;
  }

  /** Step 3a: tables holding an fd of an inet socket closed since, read again with that fd (few). */
  private rereadClosedSocketFds(): void {
    const closed = (inode: number): boolean => this.walked.closedSinceLastWalk(inode);
    for (const state of this.procs.values()) {
      if (state.fresh) continue;
      let closedSocket = false;
      for (const inode of state.fds.values()) {
        if (closed(inode)) {
          closedSocket = true;
          break;
        }
      }
      if (!closedSocket) continue;
      if (state.skipped) this.readFdTable(state, false);
      this.relinkFds(state, closed);
    }
  }

  /** Step 3b: every table, and every fd whose target is not a live inet socket, read again. */
  private rereadStaleFds(): void {
    this.stats.reusedFdPass = true;
    for (const state of this.procs.values()) if (state.skipped) this.readFdTable(state, false);
    for (const state of this.procs.values()) {
      if (state.fresh) continue; // read whole this tick (a new process, a cold start)
      this.relinkFds(state, (inode) => !(inode > 0 && this.walked.alive(inode)) && inode !== UNREADABLE);
    }
  }

  /** readlink again the fds of one table whose cached target matches. */
  private relinkFds(state: ProcState, stale: (inode: number) => boolean): void {
    const dir = `${this.procRoot}/${state.pid}/fd/`;
    let socketsAdded = false;
    for (const [name, inode] of state.fds) {
      if (!stale(inode)) continue;
      this.stats.readlinks++;
      const target = fdTarget(dir + name);
      if (target === GONE) state.fds.delete(name);
      else state.fds.set(name, target);
      if (target > 0) socketsAdded = true;
    }
    if (socketsAdded) this.learnIdentity(state);
  }

  /** Gives each wanted inode its lowest-pid holder, checking that holder is still the same process. */
  private attribute(wanted: readonly InodeRow[]): void {
    if (wanted.length === 0) return;
    const want = new Set<number>();
    for (const row of wanted) want.add(row.inode);
    const states = [...this.procs.values()].sort((a, b) => a.pid - b.pid);
    const confirmed = new Map<ProcState, boolean>();
    // A holder that fails its check (exited, pid reused) passes the socket to the next lowest pid.
    for (let round = 0; round < 3 && want.size > 0; round++) {
      const found = new Map<number, ProcState>();
      for (const state of states) {
        if (confirmed.get(state) === false) continue;
        for (const inode of state.fds.values()) {
          if (inode > 0 && want.has(inode) && !found.has(inode)) found.set(inode, state);
        }
        if (found.size === want.size) break;
      }
      if (found.size === 0) return;
      for (const [inode, state] of found) {
        let ok = confirmed.get(state);
        if (ok === undefined) {
          ok = this.confirm(state);
          confirmed.set(state, ok);
        }
        if (ok) {
          this.owners.set(inode, state);
          this.unowned.found(inode);
          want.delete(inode);
        }
      }
    }
  }

  /** True when pid is still the process whose fds we hold; reads its info the first time. */
  private confirm(state: ProcState): boolean {
    const pid = state.pid;
    if (this.procs.get(pid) !== state) return false;
    const stat = readProcStat(this.options.procRoot, pid);
    if (stat === null || stat.startTicks !== state.startTicks) {
      // Exited, or the pid now names another process: its cached fds are not evidence.
      this.forget(pid);
      return false;
    }
    if (state.info === null || state.info.comm !== stat.comm) state.info = this.readInfo(pid);
    return state.info !== null;
  }

  /**
   * exe, cmdline and start of a live process, or null: a process inside exit() (its exe is
   * already gone) or one that changed under the reads (exited, pid reused) is not described.
   */
  private readInfo(pid: number): ProcessInfo | null {
    const before = readProcStat(this.options.procRoot, pid);
    if (before === null || before.exiting) return null;
    let info: ProcessInfo;
    try {
      info = readProcessInfo(this.options.procRoot, pid, before, this.options.bootTime);
    } catch {
      return null; // an odd failure on one process is that process's problem, not the sample's
    }
    const after = readProcStat(this.options.procRoot, pid);
    if (after === null || after.exiting || after.startTicks !== before.startTicks) return null;
    return info;
  }

  private forget(pid: number): void {
    this.procs.delete(pid);
  }

  /** Bounded memory: drop cache entries of sockets that are gone, once they outnumber the live ones. */
  private prune(rows: readonly InodeRow[]): void {
    const limit = rows.length * 2 + 1024;
    if (this.owners.size <= limit && this.unowned.size <= limit) return;
    const live = new Set<number>();
    for (const row of rows) live.add(row.inode);
    for (const inode of this.owners.keys()) if (!live.has(inode)) this.owners.delete(inode);
    this.unowned.keepOnly(live);
  }
}
