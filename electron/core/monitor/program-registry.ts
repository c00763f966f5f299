// The programs behind sockets: a program is its executable path plus the SHA-256 of its binary.
// Each process (pid + start time) is resolved to a program once; the hash is read in the
// background, so a new process's sockets may carry no program id for a tick or two.
import path from 'node:path';
import type { LiveConnection, SocketRow } from '../../../shared/model';
import type { KnownProgram } from '../store/store';
import type { ProgramIdentity, ProgramSighting } from './changes';
import type { ProgramHasher } from './program-hasher';

const DELETED = ' (deleted)';

/** The executable path without the kernel's " (deleted)" mark, and whether it was there. */
export function cleanExePath(exe: string): { exe: string; deleted: boolean } {
  return exe.endsWith(DELETED)
    ? { exe: exe.slice(0, -DELETED.length), deleted: true }
    : { exe, deleted: false };
}

interface ProcessEntry {
  pid: number;
  processStart: number | null;
  /** The path as the sampler gave it (exec() keeps pid and start time but changes it). */
  rawExe: string;
  exe: string;
  deleted: boolean;
  uid: number | null;
  user: string | null;
  cmdline: string | null;
  baseline: boolean;
  /** Resolved program, or undefined while the hash is being read. */
  programId: number | null | undefined;
  /** A sighting waiting to be reported, with the first connection this process was seen with. */
  sighting: Omit<ProgramSighting, 'connection' | 'at'> | null;
  connection: LiveConnection | null;
  lastSeenTick: number;
}

export interface ProgramRegistryOptions {
  known: readonly KnownProgram[];
  nextId: number;
  hasher: ProgramHasher;
  /** Processes remembered at most (live ones, plus ones whose hash is still being read). */
  maxProcesses?: number;
}

export class ProgramRegistry {
  private readonly byKey = new Map<string, KnownProgram>();
  /** Latest program of each executable path, to tell a changed binary from a new program. */
  private readonly byExe = new Map<string, KnownProgram>();
  /** By pid; an entry is only this process while its start time matches (pids are reused). */
  private readonly processes = new Map<number, ProcessEntry>();
  private readonly hasher: ProgramHasher;
  private readonly maxProcesses: number;
  private nextId: number;
  private readonly byId = new Map<number, KnownProgram>();
  private tick = 0;
  /** Replaced entries (pid reused) whose hash or sighting is still pending. */
  private parked: ProcessEntry[] = [];
  /** The entry programOf() last looked at, for attachConnection(). */
  private current: ProcessEntry | null = null;

  constructor(options: ProgramRegistryOptions) {
    this.hasher = options.hasher;
    this.nextId = options.nextId;
    this.maxProcesses = options.maxProcesses ?? 65_536;
    for (const program of options.known) this.remember(program);
  }

  /** Starts a tick. */
  beginTick(): void {
    this.tick++;
  }

  /**
   * The program id of a socket's owner, or null when there is none or its hash is still pending.
   * `baseline`: this is the first tick of a first run.
   */
  programOf(row: SocketRow, baseline: boolean): number | null {
    this.current = null;
    if (row.pid === null || row.exe === null || row.exe === '') return null;
    let entry = this.processes.get(row.pid);
    if (entry && (entry.processStart !== row.processStart || entry.rawExe !== row.exe)) {
      // The pid was reused (or the process exec'd another program): a new process. The old entry
      // is kept only if its hash or sighting is still pending, under a key of its own.
      if (entry.programId === undefined || entry.sighting !== null) this.parked.push(entry);
      entry = undefined;
    }
    if (!entry) {
      if (this.processes.size + this.parked.length >= this.maxProcesses) return null;
      entry = this.track(row, baseline);
    }
    entry.lastSeenTick = this.tick;
    this.current = entry;
    return entry.programId ?? null;
  }

  /**
   * Remembers the connection the process of the last programOf() call was first seen with: the
   * one its sighting will carry. Call it right after programOf() for the same row.
   */
  attachConnection(connection: LiveConnection): void {
    if (this.current && this.current.connection === null) this.current.connection = connection;
  }

  /** Sightings completed since the last call; forgets processes not seen this tick. */
  endTick(at: number): ProgramSighting[] {
    const out: ProgramSighting[] = [];
    const report = (entry: ProcessEntry): void => {
      if (!entry.sighting || !entry.connection) return;
      const connection =
        entry.connection.programId === entry.sighting.program.id
          ? entry.connection
          : { ...entry.connection, programId: entry.sighting.program.id };
      out.push({ ...entry.sighting, connection, at });
      entry.sighting = null;
    };
    for (const [pid, entry] of this.processes) {
      report(entry);
      const pending = entry.programId === undefined;
      if (entry.lastSeenTick !== this.tick && !pending && entry.sighting === null) this.processes.delete(pid);
    }
    for (const entry of this.parked) report(entry);
    this.parked = this.parked.filter((e) => e.programId === undefined || e.sighting !== null);
    this.current = null;
    return out;
  }

  /** Every program known (for the store's reconcile after dropped ticks). */
  known(): IterableIterator<KnownProgram> {
    return this.byKey.values();
  }

  get(id: number): KnownProgram | undefined {
    return this.byId.get(id);
  }

  get processCount(): number {
    return this.processes.size + this.parked.length;
  }

  private track(row: SocketRow, baseline: boolean): ProcessEntry {
    const { exe, deleted } = cleanExePath(row.exe!);
    const entry: ProcessEntry = {
      pid: row.pid!,
      processStart: row.processStart,
      rawExe: row.exe!,
      exe,
      deleted,
      uid: row.uid,
      user: row.user,
      cmdline: row.cmdline,
      baseline,
      programId: undefined,
      sighting: null,
      connection: null,
      lastSeenTick: this.tick,
    };
    this.processes.set(entry.pid, entry);
    const stat = this.hasher.statExe(entry.pid);
    // The sampler may have dropped the kernel's " (deleted)" already; a link count of 0 still tells.
    if (stat !== null && stat.nlink === 0) entry.deleted = true;
    if (stat === null) {
      this.resolve(entry, null);
      return entry;
    }
    const hit = this.hasher.cached(stat);
    if (hit !== undefined) {
      this.resolve(entry, hit);
      return entry;
    }
    this.hasher.request(entry.pid, stat, entry.deleted ? null : exe, (sha) => {
      if (entry.programId === undefined) this.resolve(entry, sha);
    });
    return entry;
  }

  private resolve(entry: ProcessEntry, sha256: string | null): void {
    const previous = this.byExe.get(entry.exe) ?? null;
    if (sha256 === null && previous) {
      // An unreadable binary at a known path is taken as that program, not as a new one.
      entry.programId = previous.id;
      return;
    }
    const existing = this.byKey.get(programKey(entry.exe, sha256));
    if (existing) {
      entry.programId = existing.id;
      return;
    }
    const program: KnownProgram = {
      id: this.nextId++,
      exe: entry.exe,
      sha256,
      name: path.basename(entry.exe) || entry.exe,
      baseline: entry.baseline,
    };
    this.remember(program);
    entry.programId = program.id;
    entry.sighting = {
      kind: previous ? 'changed' : 'new',
      program: identity(program),
      previous: previous ? identity(previous) : null,
      baseline: entry.baseline,
      pid: entry.pid,
      uid: entry.uid,
      user: entry.user,
      cmdline: entry.cmdline,
      deleted: entry.deleted,
    };
  }

  private remember(program: KnownProgram): void {
    this.byKey.set(programKey(program.exe, program.sha256), program);
    this.byId.set(program.id, program);
    const latest = this.byExe.get(program.exe);
    if (!latest || latest.id < program.id) this.byExe.set(program.exe, program);
  }
}

function programKey(exe: string, sha256: string | null): string {
  return `${exe}\0${sha256 ?? ''}`;
}

function identity(program: KnownProgram): ProgramIdentity {
  return { id: program.id, exe: program.exe, sha256: program.sha256, name: program.name };
}
