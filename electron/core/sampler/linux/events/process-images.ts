// What the feed knows of each process an event names: executable, command line, parent, read
// while the process lives and cached per identity (pid + start time). An exec event starts a new
// image of the same identity; events before it keep the image they happened under.
import path from 'node:path';
import type { FlowOwner } from '../../../../../shared/model';
import { readLinkOrNull, readProcBytes, readProcText } from '../proc-file-reader';
import { parseCmdline, readExe, readProcStat } from '../process-info';
import { CLOCK_TICKS_PER_SECOND, startTimeMs } from '../process-stat';
import type { EventTask } from './event-line-parser';

interface Image {
  /** ktime (ns) of the exec that started it; 0 for an image read from /proc before any exec seen. */
  sinceNs: number;
  startNs: number;
  exe: string | null;
  cmdline: string | null;
}

const NS_PER_TICK = 1e9 / CLOCK_TICKS_PER_SECOND;
const MAX_PROCESSES = 65_536;
/** Images kept per pid: the current one and the one before the last exec (events can arrive late). */
const IMAGES_PER_PID = 3;

export class ProcessImages {
  private readonly byPid = new Map<number, Image[]>();
  private exited: number[] = [];
  private leaving: number[] = [];

  constructor(
    private readonly procRoot: string,
    private readonly bootTimeSeconds: number,
  ) {}

  /** ms since the epoch of a start_boottime, rounded as /proc/<pid>/stat's ticks are. */
  startMs(startNs: number): number {
    return startTimeMs(Math.floor(startNs / NS_PER_TICK), this.bootTimeSeconds);
  }

  exec(ns: number, pid: number, startNs: number, exePath: string): void {
    const exe = completeExe(exePath, readExe(this.procRoot, pid));
    const images = (this.byPid.get(pid) ?? []).filter((i) => i.startNs === startNs);
    images.push({ sinceNs: ns, startNs, exe, cmdline: this.cmdline(pid) });
    images.sort((a, b) => a.sinceNs - b.sinceNs);
    this.set(pid, images.slice(-IMAGES_PER_PID));
  }

  /** Forgotten at the second sweep after its exit: its last events may still be on their way. */
  exit(pid: number): void {
    this.exited.push(pid);
  }

  sweep(): void {
    for (const pid of this.leaving) this.byPid.delete(pid);
    this.leaving = this.exited;
    this.exited = [];
  }

  owner(ns: number, t: EventTask): FlowOwner {
    const image = this.imageAt(ns, t.pid, t.startNs);
    const parent = this.parentOf(t.ppid);
    return {
      pid: t.pid,
      processStart: this.startMs(t.startNs),
      process: t.comm,
      exe: image?.exe ?? null,
      cmdline: image?.cmdline ?? null,
      uid: t.uid,
      parentPid: t.ppid === 0 ? null : t.ppid,
      parentProcess: parent.comm,
      parentExe: parent.exe,
    };
  }

  private imageAt(ns: number, pid: number, startNs: number): Image | null {
    const images = this.byPid.get(pid)?.filter((i) => i.startNs === startNs) ?? [];
    for (let i = images.length - 1; i >= 0; i--) if (images[i]!.sinceNs <= ns) return images[i]!;
    if (images.length > 0) return null; // before the first exec seen: that image was never read
    // A process from before the feed: read it now, if it is still the same one.
    const stat = readProcStat(this.procRoot, pid);
    if (stat === null || stat.startTicks !== Math.floor(startNs / NS_PER_TICK)) return null;
    const image = { sinceNs: 0, startNs, exe: readExe(this.procRoot, pid), cmdline: this.cmdline(pid) };
    this.set(pid, [image]);
    return image;
  }

  private parentOf(ppid: number): { comm: string | null; exe: string | null } {
    if (ppid === 0) return { comm: null, exe: null };
    const latest = this.byPid.get(ppid)?.at(-1);
    const comm = readProcText(path.join(this.procRoot, String(ppid), 'comm'))?.trimEnd() ?? null;
    return { comm, exe: latest?.exe ?? readLinkOrNull(path.join(this.procRoot, String(ppid), 'exe')) };
  }

  private cmdline(pid: number): string | null {
    const raw = readProcBytes(path.join(this.procRoot, String(pid), 'cmdline'));
    return raw === null ? null : parseCmdline(raw);
  }

  private set(pid: number, images: Image[]): void {
    if (!this.byPid.has(pid) && this.byPid.size >= MAX_PROCESSES) {
      const oldest = this.byPid.keys().next().value;
      if (oldest !== undefined) this.byPid.delete(oldest);
    }
    this.byPid.set(pid, images);
  }
}

/**
 * The executable of an exec event. bpftrace prints the path as the process gave it, cut at its
 * string limit (BPFTRACE_STRLEN) or at a newline in the name (the rest comes as a line of its own,
 * refused by the parser); /proc/<pid>/exe holds the whole path while the process runs that image.
 * The link wins when it continues what bpftrace printed (or when the path was relative to the
 * process's cwd); otherwise (a symlink resolved, the process gone) the printed path stays.
 */
export function completeExe(printed: string, link: string | null): string | null {
  if (!path.isAbsolute(printed)) return link;
  return link !== null && link.startsWith(printed) ? link : printed;
}
