// Keeps a LiveTable in step with the core: a snapshot whenever the link (re)opens, the deltas that
// arrived meanwhile applied on top, every later delta as it comes. Fading rows leave with the deltas;
// a timer takes them only when deltas stop coming (paused, or a long sampling interval).
import type { LiveDelta, NetwatchApi } from '../../../shared/contract';
import type { ConnectionSource } from '../api/connection-state';
import { errorText } from '../api/use-query';
import { perfProbe } from '../perf/perf-probe';
import { LiveTable } from './live-table';

export interface LiveSyncState {
  loading: boolean;
  error: string | null;
}

/** Deltas held while a snapshot is in flight; past this the snapshot is simply re-asked. */
const MAX_BUFFERED = 120;
const RETRY_MS = 2000;
/**
 * How long after a closed row is due the timer takes it if no delta did: at one delta a second the
 * next one always comes first, so the page renders once per tick rather than again in between.
 */
const PRUNE_GRACE_MS = 1000;

export class LiveSync {
  readonly table = new LiveTable();
  private state: LiveSyncState = { loading: true, error: null };
  private stateListeners = new Set<() => void>();
  private buffered: LiveDelta[] | null = null;
  private generation = -1;
  private request = 0;
  private pruneTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stops: (() => void)[] = [];

  constructor(
    private readonly api: NetwatchApi,
    private readonly connection: ConnectionSource,
  ) {}

  start(): void {
    this.stops.push(this.api.live.onDelta((delta) => this.onDelta(delta)));
    this.stops.push(this.connection.subscribe(() => this.onConnection()));
    this.onConnection();
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    if (this.pruneTimer) clearTimeout(this.pruneTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.pruneTimer = null;
  }

  getState = (): LiveSyncState => this.state;
  subscribeState = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  private setState(next: LiveSyncState): void {
    if (next.loading === this.state.loading && next.error === this.state.error) return;
    this.state = next;
    for (const listener of [...this.stateListeners]) listener();
  }

  private onConnection(): void {
    const info = this.connection.get();
    if (info.state !== 'open' || info.generation === this.generation) return;
    this.generation = info.generation;
    void this.resync();
  }

  /** Asks for a snapshot; deltas meanwhile are buffered and applied on top of it. */
  private async resync(): Promise<void> {
    const request = ++this.request;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.buffered = [];
    this.setState({ loading: true, error: this.state.error });
    try {
      const snapshot = await this.api.live.snapshot({});
      if (request !== this.request) return;
      this.table.load(snapshot);
      const now = performance.now();
      for (const delta of this.buffered ?? []) this.table.apply(delta, now);
      this.buffered = null;
      this.schedulePrune();
      this.setState({ loading: false, error: null });
    } catch (error) {
      if (request !== this.request) return;
      this.buffered = null;
      this.setState({ loading: false, error: `Could not load live connections: ${errorText(error)}` });
      this.retryTimer = setTimeout(() => void this.resync(), RETRY_MS);
    }
  }

  private onDelta(delta: LiveDelta): void {
    if (this.buffered) {
      if (this.buffered.length < MAX_BUFFERED) this.buffered.push(delta);
      else void this.resync();
      return;
    }
    if (!this.table.loaded) return;
    perfProbe.deltaArrived(delta.tick);
    this.table.apply(delta, performance.now());
    this.schedulePrune();
  }

  /** (Re)arms the fallback timer for the oldest fading row; each delta pushes it further. */
  private schedulePrune(): void {
    if (this.pruneTimer) clearTimeout(this.pruneTimer);
    this.pruneTimer = null;
    const due = this.table.fadeDueAt();
    if (due === null) return;
    this.pruneTimer = setTimeout(
      () => {
        this.pruneTimer = null;
        this.table.prune(performance.now());
        this.schedulePrune();
      },
      Math.max(0, due + PRUNE_GRACE_MS - performance.now()),
    );
  }
}
