// The status line that says what records: the system collector (every user, every namespace) or
// this user's own core (its own sockets, polling), with how to get the collector.
import type { Status } from '../../../shared/model';

export const INSTALL_HINT = 'for all users: sudo netwatch collector install';

export interface WatchedByInput {
  collector: boolean;
  intervalMs: number;
  /** The sampler's kernel event feed is on. */
  kernelEvents: boolean;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

export function watchedBy(input: WatchedByInput): NonNullable<Status['watchedBy']> {
  const how = input.kernelEvents ? 'kernel events on' : `polling every ${seconds(input.intervalMs)}`;
  return input.collector
    ? { collector: true, connected: true, text: `System collector: all users, ${how}` }
    : { collector: false, connected: true, text: `This user only, ${how} (${INSTALL_HINT})` };
}

/** What a client of the collector shows while the collector is away. */
export function disconnectedFrom(status: Status): Status {
  return {
    ...status,
    sampling: false,
    watchedBy: {
      collector: true,
      connected: false,
      text: 'System collector: disconnected, reconnecting…',
    },
  };
}
