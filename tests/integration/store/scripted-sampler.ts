// A Sampler that returns snapshots a test scripts tick by tick (its clocks included), to drive the
// real service through faults the OS will not produce on demand: a full disk, clock jumps.
import type { Sampler } from '../../../electron/core/sampler/sampler';
import type { Snapshot, SocketRow } from '../../../shared/model';
import { socket } from '../../unit/core/monitor/snapshot-builder';

export class ScriptedSampler implements Sampler {
  readonly platform = 'scripted';
  wall = Date.UTC(2025, 3, 1, 9, 0, 0);
  monotonic = 1_000;
  sockets: SocketRow[] = [];

  async sample(): Promise<Snapshot> {
    return {
      takenAt: this.wall,
      monotonicMs: this.monotonic,
      sockets: [...this.sockets],
      interfaces: [],
      privileged: true,
    };
  }

  /** Moves both clocks forward by one interval (the usual tick). */
  step(ms = 1000): void {
    this.wall += ms;
    this.monotonic += ms;
  }

  routes = async () => [];
  protocolStats = async () => ({});
  interfaces = async () => [];
  close(): void {}
}

/** `n` outbound connections with ids from `from`: a rolling window of churn. */
export function connections(from: number, n: number): SocketRow[] {
  return Array.from({ length: n }, (_, i) =>
    socket({
      localPort: 1024 + ((from + i) % 60000),
      remotePort: 443,
      remoteAddress: '10.1.2.3',
      inode: from + i + 1,
    }),
  );
}
