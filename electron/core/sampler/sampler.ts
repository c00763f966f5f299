// The one interface every OS backend implements: a snapshot of sockets and interface counters
// every tick, and on demand the routing table and protocol counters (netstat -r, -s).
import type { EventFeedStatus, InterfaceStats, ProtocolStats, Route, Snapshot } from '../../../shared/model';

export interface Sampler {
  /** process.platform this backend serves, or 'unsupported'. */
  readonly platform: string;
  /** Sockets with their owners plus interface counters. Never rejects for a vanished process. */
  sample(): Promise<Snapshot>;
  routes(): Promise<Route[]>;
  protocolStats(): Promise<ProtocolStats>;
  interfaces(): Promise<InterfaceStats[]>;
  /** Releases long-lived resources (a shell, file handles). */
  close(): void;
  /** Linux with events asked for: the feed's state once it is on or has said why not. */
  eventsReady?: () => Promise<EventFeedStatus>;
}

/** Thrown by every method of the sampler of a platform netwatch cannot watch. */
export class UnsupportedPlatformError extends Error {
  constructor(readonly platform: string) {
    super(`netwatch cannot sample sockets on ${platform}: supported are Linux, macOS and Windows`);
    this.name = 'UnsupportedPlatformError';
  }
}
