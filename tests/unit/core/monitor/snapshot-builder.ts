// Builds SocketRows and Snapshots by hand for monitor and store tests: the shapes the sampler
// produces (shared/model.ts), with defaults that a test overrides field by field.
import type { InterfaceStats, Snapshot, SocketRow } from '../../../../shared/model';

export function socket(overrides: Partial<SocketRow> = {}): SocketRow {
  return {
    proto: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: 40000,
    remoteAddress: '127.0.0.1',
    remotePort: 5000,
    state: 'ESTABLISHED',
    recvQ: 0,
    sendQ: 0,
    uid: 1000,
    user: 'alice',
    inode: 1000,
    pid: null,
    process: null,
    exe: null,
    cmdline: null,
    processStart: null,
    ...overrides,
  };
}

export function listener(port: number, overrides: Partial<SocketRow> = {}): SocketRow {
  return socket({
    localAddress: '0.0.0.0',
    localPort: port,
    remoteAddress: '0.0.0.0',
    remotePort: 0,
    state: 'LISTEN',
    inode: 500 + port,
    ...overrides,
  });
}

export function iface(
  name: string,
  rxBytes: number,
  txBytes: number,
  rxPackets = 0,
  txPackets = 0,
): InterfaceStats {
  return {
    name,
    mtu: 1500,
    flags: null,
    rxBytes,
    rxPackets,
    rxErrors: 0,
    rxDropped: 0,
    rxOverruns: 0,
    rxFrame: 0,
    rxMulticast: 0,
    txBytes,
    txPackets,
    txErrors: 0,
    txDropped: 0,
    txOverruns: 0,
    txCarrier: 0,
    txCollisions: 0,
  };
}

/** A sequence of snapshots one second apart on both clocks, unless a test moves them. */
export class SnapshotClock {
  constructor(
    public wall = Date.UTC(2025, 0, 15, 12, 0, 0),
    public monotonic = 10_000,
  ) {}

  next(sockets: SocketRow[], interfaces: InterfaceStats[] = [], stepMs = 1000): Snapshot {
    this.wall += stepMs;
    this.monotonic += stepMs;
    return { takenAt: this.wall, monotonicMs: this.monotonic, sockets, interfaces, privileged: true };
  }
}
