// The name a socket's program asked for, by the identity the sampler knows it by (pid and start
// time in ms since the epoch), for the Linux sampler to put on its rows, openers and flows.
import type { Flow, SocketOpener } from '../../../../shared/model';
import { CLOCK_TICKS_PER_SECOND } from '../../sampler/linux/process-stat';
import type { AskedNameIndex } from './asked-name-index';

/** A flow's open time (wall ms) and the lookup's (monotonic) come from two clocks: this much slack. */
const CLOCK_SLACK_MS = 50;

function unnamed(address: string): boolean {
  return address === '*' || address === '0.0.0.0' || address === '::' || address === '';
}

export class AskedHostLookup {
  /** monotonic ms = wall ms - offset (the index holds bpftrace's nsecs: CLOCK_MONOTONIC). */
  private readonly offsetMs = Date.now() - Number(process.hrtime.bigint()) / 1e6;

  constructor(
    private readonly index: AskedNameIndex,
    private readonly bootTimeSeconds: number,
  ) {}

  /** null when the process asked for no name that answered with `address` (before `atWallMs`). */
  hostOf(pid: number | null, processStart: number | null, address: string, atWallMs?: number): string | null {
    if (pid === null || processStart === null || this.index.size === 0 || unnamed(address)) return null;
    const ticks = Math.round(((processStart - this.bootTimeSeconds * 1000) * CLOCK_TICKS_PER_SECOND) / 1000);
    const at = atWallMs === undefined ? undefined : atWallMs - this.offsetMs + CLOCK_SLACK_MS;
    return this.index.nameFor(pid, ticks, address, at);
  }

  /** Sets askedHost on the flows and openers of one drain (objects the feed made for it). */
  annotate(flows: Flow[], openers: SocketOpener[]): void {
    for (const f of flows) {
      const o = f.owner;
      if (o !== null) f.askedHost = this.hostOf(o.pid, o.processStart, f.remoteAddress, f.openedAt);
    }
    for (const o of openers) o.askedHost = this.hostOf(o.owner.pid, o.owner.processStart, o.remoteAddress);
  }
}
