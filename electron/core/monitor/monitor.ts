// Turns each snapshot into Changes: connection lifecycles (snapshot-diff), the programs behind
// them (program-registry), per-minute series (series-aggregator), on a clock that never runs back.
// Its maps hold live sockets and their processes only, so memory follows the machine, not time.
import type { Flow, LiveConnection, Snapshot, SocketRow } from '../../../shared/model';
import type { KnownProgram } from '../store/store';
import type { ByteUpdate, Changes, ClosedConnection, MovedBytes, TrackedConnection } from './changes';
import { ProgramHasher, type ProgramHasherOptions } from './program-hasher';
import { ProgramRegistry } from './program-registry';
import { SeriesAggregator } from './series-aggregator';
import type { SeriesRow } from './series-metrics';
import { NO_GEO, type GeoFields } from './live-connection';
import { applyDatagramBytes, applyOpeners, flowRow, unseenFlows } from './event-merge';
import { connectionKey } from './connection-key';
import { liveConnection } from './live-connection';
import { diffSnapshot, emptyLiveSet, type DiffResult, type LiveSet } from './snapshot-diff';
import { TickClock } from './tick-clock';
import { connectionHost } from '../resolve/asked-names/connection-host';
import { ByteStepper } from './byte-step';
import { programSeriesKey } from './series-metrics';

/** Name lookups the monitor asks of the resolver (synchronous cache reads; null when unknown). */
export interface Enricher {
  hostOf(address: string): string | null;
  serviceOf(proto: SocketRow['proto'], port: number): string | null;
  /** Country and AS of a remote address (see geo-enricher); absent means no geo data. */
  geoOf?(address: string): GeoFields;
}

export const noEnrichment: Enricher = { hostOf: () => null, serviceOf: () => null };

export interface MonitorOptions {
  /** From the store: programs known, ids to continue from, first run, last tick time. */
  known?: readonly KnownProgram[];
  nextConnectionId?: number;
  nextProgramId?: number;
  firstRun?: boolean;
  lastTickAt?: number | null;
  enricher?: Enricher;
  hasher?: ProgramHasher;
  hasherOptions?: ProgramHasherOptions;
  seriesBucketMs?: number;
}

export class Monitor {
  readonly registry: ProgramRegistry;
  readonly hasher: ProgramHasher;
  private readonly clock: TickClock;
  private readonly series: SeriesAggregator;
  private readonly enricher: Enricher;
  private current: LiveSet = emptyLiveSet();
  /** Open connections per program id, kept from each tick's changes. */
  private readonly programCounts = new Map<number, number>();
  private nextConnectionId: number;
  private readonly firstRun: boolean;
  private tick = 0;
  private lastAt: number | null = null;
  private lastSnapshot: Snapshot | null = null;
  private readonly bytes = new ByteStepper();
  /** Monotonic ms of the last byte counters' reading. */
  private lastReadAt: number | null = null;
  /** Bytes moved this tick per program series key: sent, received. */
  private traffic = new Map<string, [number, number]>();
  /** The same bytes this tick, per connection (the traffic alert wants the program and the remote). */
  private moved: MovedBytes[] = [];
  /** Byte counts last handed to the store per open row (see byteUpdates). */
  private readonly bytesWritten = new Map<number, [number | null, number | null]>();

  constructor(options: MonitorOptions = {}) {
    this.hasher = options.hasher ?? new ProgramHasher(options.hasherOptions);
    this.registry = new ProgramRegistry({
      known: options.known ?? [],
      nextId: options.nextProgramId ?? 1,
      hasher: this.hasher,
    });
    this.clock = new TickClock(options.lastTickAt ?? null);
    this.series = new SeriesAggregator(options.seriesBucketMs);
    this.enricher = options.enricher ?? noEnrichment;
    this.nextConnectionId = options.nextConnectionId ?? 1;
    this.firstRun = options.firstRun ?? false;
  }

  apply(polled: Snapshot): Changes {
    this.tick++;
    const merged = applyDatagramBytes(applyOpeners(polled.sockets, polled.openers), polled.datagramBytes);
    const snapshot = merged === polled.sockets ? polled : { ...polled, sockets: merged };
    const { at, elapsedMs } = this.clock.next(snapshot.takenAt, snapshot.monotonicMs);
    const baseline = this.firstRun && this.tick === 1;
    const registry = this.registry;
    registry.beginTick();
    this.startByteReading(snapshot.bytesReadAtMs ?? null);
    const diff = diffSnapshot(this.current, snapshot.sockets, at, {
      programOf: (row) => registry.programOf(row, baseline),
      seen: (connection) => registry.attachConnection(connection),
      hostOf: (address) => this.enricher.hostOf(address),
      serviceOf: (proto, port) => this.enricher.serviceOf(proto, port),
      geoOf: (address) => this.enricher.geoOf?.(address) ?? NO_GEO,
      nextRowId: () => this.nextConnectionId++,
      bytes: this.bytes,
      moved: (c, sent, received) => this.addTraffic(c, sent, received),
    });
    const flows = this.flowConnections(snapshot, diff, at, baseline);
    if (snapshot.flows) this.finalCounts(snapshot.flows, diff);
    this.current = diff;
    const programs = registry.endTick(at);

    const opened = diff.opened.map((t) => t.connection);
    const closed = diff.closed.map((t) => t.connection);
    for (const c of closed) this.countProgram(c.programId, -1);
    for (const c of diff.changed) {
      this.countProgram(c.previous.programId, -1);
      this.countProgram(c.connection.programId, 1);
    }
    for (const c of opened) this.countProgram(c.programId, 1);
    // Flows opened and closed between two samples: history rows, never live ones.
    for (const f of flows) {
      diff.opened.push(f);
      diff.closed.push(f);
      opened.push(f.connection);
      closed.push(f.connection);
    }
    const series = this.series.add({
      at,
      monotonicMs: snapshot.monotonicMs,
      opened,
      closed,
      changed: diff.changed,
      interfaces: snapshot.interfaces,
      traffic: this.traffic,
    });
    this.traffic = new Map();
    const moved = this.moved;
    this.moved = [];
    for (const c of diff.closed) this.bytesWritten.delete(c.rowId);
    const bytes = series.length > 0 ? this.byteUpdates(diff.live) : [];
    const previousAt = this.lastAt;
    this.lastAt = at;
    this.lastSnapshot = snapshot;
    return {
      tick: this.tick,
      at,
      previousAt,
      monotonicMs: snapshot.monotonicMs,
      elapsedMs,
      snapshot,
      live: diff.live,
      opened: diff.opened,
      changed: diff.changed,
      closed: diff.closed,
      listenersOpened: diff.opened.filter((t) => t.connection.direction === 'listen'),
      listenersClosed: diff.closed.filter((t) => t.connection.direction === 'listen'),
      programs,
      activePrograms: [...this.programCounts.keys()],
      series,
      firstRun: baseline,
      flows,
      bytes,
      moved,
    };
  }

  /** Open rows whose counts moved since they were last written: history stays a minute behind at most. */
  private byteUpdates(live: ReadonlyMap<string, TrackedConnection>): ByteUpdate[] {
    const out: ByteUpdate[] = [];
    for (const { rowId, connection: c } of live.values()) {
      const sent = c.bytesSent ?? null;
      const received = c.bytesReceived ?? null;
      if (sent === null && received === null) continue;
      const last = this.bytesWritten.get(rowId);
      if (last && last[0] === sent && last[1] === received) continue;
      this.bytesWritten.set(rowId, [sent, received]);
      out.push({ rowId, bytesSent: sent, bytesReceived: received });
    }
    return out;
  }

  /** The event feed's flows that no polled socket stands for, as closed connections with program ids. */
  private flowConnections(
    snapshot: Snapshot,
    diff: DiffResult,
    at: number,
    baseline: boolean,
  ): ClosedConnection[] {
    if (!snapshot.flows || snapshot.flows.length === 0) return [];
    const previous = this.current.live;
    let listeners: Map<string, SocketRow> | null = null;
    const listenerOf = (proto: string, port: number): SocketRow | undefined => {
      if (listeners === null) {
        listeners = new Map();
        for (const { connection: c } of diff.live.values())
          if (c.direction === 'listen') listeners.set(`${c.proto}:${c.localPort}`, c);
      }
      return listeners.get(`${proto}:${port}`);
    };
    const out: ClosedConnection[] = [];
    // The diff updates the live set in place: what closed this tick is no longer in `previous`,
    // yet a poll saw it, so its flow is no new row.
    let closedNow: Set<string> | null = null;
    const closedThisTick = (k: string): boolean => {
      closedNow ??= new Set(diff.closed.map((c) => c.connection.key));
      return closedNow.has(k);
    };
    for (const { row, flow, key } of unseenFlows(
      snapshot.flows,
      (k) => diff.live.has(k) || previous.has(k) || closedThisTick(k),
      listenerOf,
    )) {
      const programId = this.registry.programOf(row, baseline);
      const rowId = this.nextConnectionId++;
      const connection = liveConnection(row, {
        key: `${key} @${rowId}`,
        direction: flow.direction,
        firstSeen: Math.min(flow.openedAt, at),
        host: connectionHost(row.askedHost, row.askedHost ? null : this.enricher.hostOf(row.remoteAddress)),
        service: this.enricher.serviceOf(
          row.proto,
          flow.direction === 'outbound' ? row.remotePort : row.localPort,
        ),
        programId,
        geo: this.enricher.geoOf?.(row.remoteAddress) ?? NO_GEO,
        // The feed's counts are final (taken at close): totals without a rate.
        bytes: {
          bytesSent: row.bytesSent ?? null,
          bytesReceived: row.bytesReceived ?? null,
          sendRate: null,
          receiveRate: null,
        },
      });
      this.registry.attachConnection(connection);
      this.addTraffic(connection, connection.bytesSent ?? 0, connection.bytesReceived ?? 0);
      out.push({ rowId, connection, closedAt: Math.min(flow.closedAt ?? at, at) });
    }
    return out;
  }

  /**
   * A TCP connection the poll saw that closed since: the feed's close line has its final counts
   * (what it moved after the last reading too). They replace the last reading where larger.
   */
  private finalCounts(flows: readonly Flow[], diff: DiffResult): void {
    let closed: Map<string, number> | null = null;
    for (const flow of flows) {
      if (flow.proto !== 'tcp' || flow.closedAt === null || flow.bytesSent === null) continue;
      const key = connectionKey(flowRow(flow, undefined));
      const live = diff.live.get(key);
      if (live) {
        const updated = this.withFinal(live, flow);
        if (updated) {
          diff.live.set(key, updated);
          diff.changed.push({
            ...updated,
            previous: live.connection,
            previousState: live.connection.state,
            previousProgramId: live.connection.programId,
            // Written now: the history row keeps the final counts (its TIME_WAIT reports none).
            persistent: true,
          });
        }
        continue;
      }
      closed ??= new Map(diff.closed.map((c, i) => [c.connection.key, i]));
      const i = closed.get(key);
      if (i === undefined) continue;
      const updated = this.withFinal(diff.closed[i]!, flow);
      if (updated) diff.closed[i] = { ...updated, closedAt: diff.closed[i]!.closedAt };
    }
  }

  private withFinal(t: TrackedConnection, flow: Flow): TrackedConnection | null {
    const c = t.connection;
    const sent = Math.max(c.bytesSent ?? 0, flow.bytesSent ?? 0);
    const received = Math.max(c.bytesReceived ?? 0, flow.bytesReceived ?? 0);
    if (sent === c.bytesSent && received === c.bytesReceived) return null;
    this.addTraffic(c, sent - (c.bytesSent ?? 0), received - (c.bytesReceived ?? 0));
    const connection = liveConnection(c, {
      key: c.key,
      direction: c.direction,
      firstSeen: c.firstSeen,
      host: c.remoteHost === null ? null : { host: c.remoteHost, source: c.hostSource ?? 'reverse' },
      service: c.service,
      programId: c.programId,
      geo: { country: c.country ?? null, asn: c.asn ?? null, asOrg: c.asOrg ?? null },
      bytes: { bytesSent: sent, bytesReceived: received, sendRate: null, receiveRate: null },
    });
    return { rowId: t.rowId, connection };
  }

  /** Sets the stepper for this snapshot's reading of the byte counters (see byte-step.ts). */
  private startByteReading(readAt: number | null): void {
    const fresh = readAt !== null && readAt !== this.lastReadAt;
    this.bytes.intervalMs = fresh && this.lastReadAt !== null ? readAt - this.lastReadAt : null;
    this.bytes.countInitial = fresh && this.lastReadAt !== null;
    if (readAt !== null) this.lastReadAt = readAt;
  }

  private addTraffic(c: LiveConnection, sent: number, received: number): void {
    if (sent <= 0 && received <= 0) return;
    this.moved.push({ connection: c, sent, received });
    const key = programSeriesKey(c.programId, c.process);
    const cell = this.traffic.get(key);
    if (cell) {
      cell[0] += sent;
      cell[1] += received;
    } else this.traffic.set(key, [sent, received]);
  }

  /** The connections alive after the last tick. */
  liveConnections(): LiveConnection[] {
    return Array.from(this.current.live.values(), (t) => t.connection);
  }

  tracked(): ReadonlyMap<string, TrackedConnection> {
    return this.current.live;
  }

  get tickCount(): number {
    return this.tick;
  }

  get lastTickAt(): number | null {
    return this.lastAt;
  }

  get latestSnapshot(): Snapshot | null {
    return this.lastSnapshot;
  }

  /** Open connections per program id, for "connections now" in the program list. */
  openByProgram(): Map<number, number> {
    return new Map(this.programCounts);
  }

  private countProgram(programId: number | null, delta: number): void {
    if (programId === null) return;
    const n = (this.programCounts.get(programId) ?? 0) + delta;
    if (n > 0) this.programCounts.set(programId, n);
    else this.programCounts.delete(programId);
  }

  /** The series bucket in progress, for the last write at shutdown. */
  flushSeries(): SeriesRow[] {
    return this.series.flush();
  }

  close(): void {
    this.hasher.close();
  }
}
