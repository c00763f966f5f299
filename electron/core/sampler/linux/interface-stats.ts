// Interface counters behind `netstat -i` / `-ie`: /proc/net/dev for the counters, and where a
// /sys is at hand the MTU and ifconfig's flag letters (BMRU...) from /sys/class/net/<name>.
import fs from 'node:fs';
import path from 'node:path';
import type { InterfaceStats } from '../../../../shared/model';

/** "  eth0: 16 numbers" after two header lines; a line that does not fit is skipped. */
export function parseNetDev(text: string): InterfaceStats[] {
  const stats: InterfaceStats[] = [];
  for (const line of text.split('\n')) {
    const colon = line.lastIndexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const numbers = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    if (
      name === '' ||
      name.includes('|') ||
      numbers.length < 16 ||
      !numbers.every((n) => /^\d{1,20}$/.test(n))
    ) {
      continue;
    }
    const n = numbers.map(Number);
    stats.push({
      name,
      mtu: null,
      flags: null,
      rxBytes: n[0]!,
      rxPackets: n[1]!,
      rxErrors: n[2]!,
      rxDropped: n[3]!,
      rxOverruns: n[4]!,
      rxFrame: n[5]!,
      rxMulticast: n[7]!,
      txBytes: n[8]!,
      txPackets: n[9]!,
      txErrors: n[10]!,
      txDropped: n[11]!,
      txOverruns: n[12]!,
      txCollisions: n[13]!,
      txCarrier: n[14]!,
    });
  }
  return stats;
}

// include/uapi/linux/if.h, in the order net-tools prints their letters.
const FLAG_LETTERS: [number, string][] = [
  [0x200, 'A'], // ALLMULTI
  [0x2, 'B'], // BROADCAST
  [0x4, 'D'], // DEBUG
  [0x8, 'L'], // LOOPBACK
  [0x1000, 'M'], // MULTICAST
  [0x8000, 'd'], // DYNAMIC
  [0x100, 'P'], // PROMISC
  [0x20, 'N'], // NOTRAILERS
  [0x80, 'O'], // NOARP
  [0x10, 'P'], // POINTOPOINT
  [0x800, 's'], // SLAVE
  [0x400, 'm'], // MASTER
  [0x40, 'R'], // RUNNING
  [0x1, 'U'], // UP
];
const IFF_UP = 0x1;
const IFF_RUNNING = 0x40;

/**
 * Flag letters from the flags word of sysfs. sysfs leaves out RUNNING (the kernel derives it from
 * the carrier when asked by ioctl), so it is derived here the same way: up with an "up" or "unknown"
 * operstate (loopback reports unknown).
 */
export function flagLetters(flags: number, operstate: string | null): string {
  let word = flags;
  if (word & IFF_UP && (operstate === 'up' || operstate === 'unknown')) word |= IFF_RUNNING;
  return FLAG_LETTERS.filter(([bit]) => word & bit)
    .map(([, letter]) => letter)
    .join('');
}

function readSmall(file: string): string | null {
  try {
    return fs.readFileSync(file, 'latin1').trim();
  } catch {
    return null;
  }
}

/** mtu and flags of one interface from <sysRoot>/class/net/<name>; null what is not there. */
function readSysfsDetails(sysRoot: string, name: string): Pick<InterfaceStats, 'mtu' | 'flags'> {
  const details: Pick<InterfaceStats, 'mtu' | 'flags'> = { mtu: null, flags: null };
  // Interface names never hold '/', but this is text from a file: never let it walk a path.
  if (name.includes('/') || name === '.' || name === '..') return details;
  const dir = path.join(sysRoot, 'class', 'net', name);
  const mtu = readSmall(path.join(dir, 'mtu'));
  const flags = readSmall(path.join(dir, 'flags'));
  if (mtu !== null && /^\d{1,7}$/.test(mtu)) details.mtu = Number(mtu);
  if (flags !== null && /^0x[0-9a-fA-F]{1,8}$/.test(flags)) {
    details.flags = flagLetters(parseInt(flags, 16), readSmall(path.join(dir, 'operstate')));
  }
  return details;
}

/**
 * Fills mtu and flags from sysfs, kept per interface for maxAgeMs: they change when someone
 * reconfigures a link, not every tick, and reading three files per interface per tick is a
 * fixed cost a watcher pays all day. Interfaces that went away are forgotten.
 */
export class SysfsDetails {
  private readonly cache = new Map<string, Pick<InterfaceStats, 'mtu' | 'flags'> & { readAt: number }>();

  constructor(
    private readonly sysRoot: string,
    private readonly maxAgeMs = 5000,
  ) {}

  fill(stats: InterfaceStats[], nowMs: number): void {
    for (const entry of stats) {
      let details = this.cache.get(entry.name);
      if (details === undefined || nowMs - details.readAt >= this.maxAgeMs || nowMs < details.readAt) {
        details = { ...readSysfsDetails(this.sysRoot, entry.name), readAt: nowMs };
        this.cache.set(entry.name, details);
      }
      entry.mtu = details.mtu;
      entry.flags = details.flags;
    }
    if (this.cache.size > stats.length) {
      const names = new Set(stats.map((entry) => entry.name));
      for (const name of this.cache.keys()) if (!names.has(name)) this.cache.delete(name);
    }
  }
}
