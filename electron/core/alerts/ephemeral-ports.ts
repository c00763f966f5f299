// The ports the kernel hands out to sockets that never bound one (Linux: ip_local_port_range; the
// IANA range 49152-65535 elsewhere). An unconnected UDP socket there is a client's (a sendto()
// without bind), not a service: it raises no new-listener alert, events or not.
import fs from 'node:fs';

export interface PortRange {
  low: number;
  high: number;
}

const IANA: PortRange = { low: 49152, high: 65535 };

export function parsePortRange(text: string): PortRange | null {
  const match = /^\s*(\d{1,5})\s+(\d{1,5})\s*$/.exec(text);
  if (!match) return null;
  const low = Number(match[1]);
  const high = Number(match[2]);
  return low >= 1 && low <= high && high <= 65535 ? { low, high } : null;
}

export function ephemeralPorts(file = '/proc/sys/net/ipv4/ip_local_port_range'): PortRange {
  try {
    return parsePortRange(fs.readFileSync(file, 'latin1')) ?? IANA;
  } catch {
    return IANA;
  }
}
