// Every network namespace on the machine, one process inside each: the collector reads
// /proc/<pid>/net/* of that process to see sockets that /proc/net (its own namespace) does not
// list. Namespaces are told apart by the inode of /proc/<pid>/ns/net; one named with `ip netns`
// (a bind mount under /run/netns) carries that name. Needs privileges to see others' processes.
import { readdirSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { readProcText } from './proc-file-reader';
import { cgroupUnit } from './cgroup-unit';

export interface NetNamespace {
  inode: number;
  /** A process inside it, whose /proc/<pid>/net lists the namespace's sockets. */
  pid: number;
  /** The `ip netns` name, else "net:[inode]". */
  tag: string;
  /** The container or unit of that process, when its cgroup names one. */
  unit: string | null;
}

export interface NetNamespaceOptions {
  procRoot: string;
  /** Where `ip netns` keeps its names (default /run/netns). */
  netnsDir?: string;
}

function nsInode(procRoot: string, pid: string): number | null {
  try {
    const m = readlinkSync(path.join(procRoot, pid, 'ns', 'net')).match(/^net:\[(\d+)\]$/);
    return m ? Number(m[1]) : null;
  } catch {
    return null; // gone, or another user's process without privileges
  }
}

function namesByInode(dir: string): Map<number, string> {
  const names = new Map<number, string>();
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return names;
  }
  for (const name of entries) {
    try {
      names.set(statSync(path.join(dir, name)).ino, name);
    } catch {
      // A name left by a namespace that is gone: skip it.
    }
  }
  return names;
}

/** The container or unit a process runs in, from its cgroup. */
export function unitOfPid(procRoot: string, pid: number): string | null {
  const text = readProcText(path.join(procRoot, String(pid), 'cgroup'));
  return text === null ? null : cgroupUnit(text);
}

/** Every namespace but the reader's own, one live process in each (the lowest pid). */
export function otherNetNamespaces(options: NetNamespaceOptions): NetNamespace[] {
  const { procRoot } = options;
  const own = nsInode(procRoot, 'self');
  if (own === null) return [];
  const found = new Map<number, number>();
  for (const entry of readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    const inode = nsInode(procRoot, entry);
    if (inode === null || inode === own) continue;
    const pid = Number(entry);
    const seen = found.get(inode);
    if (seen === undefined || pid < seen) found.set(inode, pid);
  }
  if (found.size === 0) return [];
  const names = namesByInode(options.netnsDir ?? '/run/netns');
  return [...found].map(([inode, pid]) => ({
    inode,
    pid,
    tag: names.get(inode) ?? `net:[${inode}]`,
    unit: unitOfPid(procRoot, pid),
  }));
}

/**
 * What the Linux sampler asks each tick: the other namespaces' sockets appended to its rows, and
 * per row the namespace tag and the container or unit (the owner's cgroup, else the namespace's).
 */
export class NamespaceTagger {
  private ranges: { start: number; end: number; ns: NetNamespace }[] = [];
  private units = new Map<number, { start: number | null; unit: string | null }>();
  private seen = new Set<number>();

  constructor(
    private readonly procRoot: string,
    /** Appends the rows of one /proc/<pid>/net directory; the sampler's own reader. */
    private readonly readNetDir: (dir: string) => void,
    private readonly rowCount: () => number,
  ) {}

  appendOthers(): void {
    this.ranges = [];
    for (const ns of otherNetNamespaces({ procRoot: this.procRoot })) {
      const start = this.rowCount();
      this.readNetDir(path.join(this.procRoot, String(ns.pid), 'net'));
      this.ranges.push({ start, end: this.rowCount(), ns });
    }
    // Units of processes not seen last tick are forgotten: the cache follows the process table.
    for (const pid of this.units.keys()) if (!this.seen.has(pid)) this.units.delete(pid);
    this.seen = new Set();
  }

  private namespaceAt(index: number): NetNamespace | null {
    for (const r of this.ranges) if (index >= r.start && index < r.end) return r.ns;
    return null;
  }

  netnsAt(index: number): string | null {
    return this.namespaceAt(index)?.tag ?? null;
  }

  unitAt(index: number, pid: number | null, processStart: number | null): string | null {
    if (pid === null) return this.namespaceAt(index)?.unit ?? null;
    this.seen.add(pid);
    const cached = this.units.get(pid);
    if (cached && cached.start === processStart) return cached.unit;
    const unit = unitOfPid(this.procRoot, pid);
    this.units.set(pid, { start: processStart, unit });
    return unit;
  }
}
