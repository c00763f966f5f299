// Which TCP tables need not be read this tick. Reading /proc/net/tcp or tcp6 walks the kernel's
// whole established hash (262,144 buckets on a 24 GB machine: about 7 ms) even when the table is
// empty, and most desktops have no IPv6 TCP socket at all. /proc/net/sockstat{,6} say how many
// sockets are in use for the price of a counter, so an empty table is skipped while it stays empty.
import path from 'node:path';
import type { Clock } from '../seams';
import { readProcText } from './proc-file-reader';

/** A TIME_WAIT remnant is not "in use": with any about, an empty table is still read this often. */
const RECHECK_MS = 10_000;

interface TableState {
  rows: number;
  readAt: number;
}

/** "TCP: inuse 3 orphan 0 tw 7 ..." -> the number after `field` on the line of `label`; null if absent. */
export function sockstatField(text: string, label: string, field: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${label}:`));
  if (line === undefined) return null;
  const words = line
    .slice(label.length + 1)
    .trim()
    .split(/\s+/);
  const at = words.indexOf(field);
  const value = at >= 0 ? Number(words[at + 1]) : NaN;
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

export class EmptySocketTables {
  private readonly tables = new Map<string, TableState>();
  private inUse = new Map<string, number | null>();
  private timeWait: number | null = null;

  constructor(
    private readonly netDir: string,
    private readonly clock: Clock,
  ) {}

  /** Reads the counters once per tick, before the tables. */
  begin(): void {
    const v4 = readProcText(path.join(this.netDir, 'sockstat')) ?? '';
    const v6 = readProcText(path.join(this.netDir, 'sockstat6')) ?? '';
    this.timeWait = sockstatField(v4, 'TCP', 'tw');
    this.inUse = new Map([
      ['tcp', sockstatField(v4, 'TCP', 'inuse')],
      ['tcp6', sockstatField(v6, 'TCP6', 'inuse')],
    ]);
  }

  /** False when the table is known empty: nothing in use, empty at its last read, no remnant due. */
  mustRead(file: string): boolean {
    const inUse = this.inUse.get(file);
    const last = this.tables.get(file);
    if (inUse === undefined || inUse === null || inUse > 0 || last === undefined || last.rows > 0)
      return true;
    if (this.timeWait === null) return true;
    return this.timeWait > 0 && this.clock.monotonic() - last.readAt >= RECHECK_MS;
  }

  /** After a read: how many rows the table had. */
  read(file: string, rows: number): void {
    this.tables.set(file, { rows, readAt: this.clock.monotonic() });
  }
}
