// netwatch's Prometheus metrics (prom-client, text exposition): what the live connections are,
// what the loop did, and how healthy the sampler and database are. Fed one tick at a time by
// attach-metrics.ts; the per-tick work only moves counts in plain maps for what changed, and the
// series (and the status: database size, feed health) are read when Prometheus scrapes.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AlertKind, AlertRecord, LiveConnection, Status } from '../../../shared/model';
import type { FollowedTick } from './delta-follower';
import { registerProcessMetrics } from './process-metrics';
import { OTHER_PROGRAM, ProgramCounts, programLabel } from './program-ranking';

const ALERT_KINDS: readonly AlertKind[] = [
  'new-program',
  'changed-program',
  'new-listener',
  'flood-remote',
  'syn-flood',
  'traffic-volume',
];
/** Tick durations in seconds: a tick is a few ms idle and up to seconds at tens of thousands of sockets. */
const TICK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface MetricsOptions {
  /** Programs with their own label (the rest are summed as "other"); default 20. */
  topPrograms?: number;
  /** Also the Node process's own metrics (process_cpu_seconds_total, memory); default true. */
  processMetrics?: boolean;
  /** The core's status, read at each scrape (database size, sampler and feed health). */
  readStatus?: () => Promise<Status>;
  /** Told when reading the status fails (the scrape then shows the last one read). */
  onError?: (message: string) => void;
}

/** What the event stream reports about itself, when one runs beside the metrics. */
export interface EventStreamStats {
  written: number;
  dropped: number;
  reopened: number;
}

/** The kernel event feed's health, from the status of a sampler that has a feed. */
interface KernelFeed {
  on: boolean;
  dropped: number;
}

export class NetwatchMetrics {
  readonly registry = new Registry();
  private readonly topPrograms: number;
  private readonly byShape = new LabelTally<'protocol' | 'state' | 'direction'>();
  private readonly opened = new LabelTally<'protocol' | 'direction'>();
  private readonly closed = new LabelTally<'protocol' | 'direction'>();
  private readonly programs = new ProgramCounts();
  /** Programs that have their own series, chosen at the last scrape; bytes of the rest go to "other". */
  private labeled = new Set<string>();
  private readonly alerts = new Map<AlertKind, number>(ALERT_KINDS.map((kind) => [kind, 0]));
  private readonly tickSeconds: Histogram;
  private status: Status | null = null;
  private kernel: KernelFeed | null = null;
  private bytes: ProgramBytes | null = null;
  private watchingEvents = false;
  private readonly readStatus: (() => Promise<Status>) | null;
  private readonly onError: (message: string) => void;

  constructor(options: MetricsOptions = {}) {
    this.topPrograms = options.topPrograms ?? 20;
    this.readStatus = options.readStatus ?? null;
    this.onError = options.onError ?? (() => undefined);
    const registers = [this.registry];
    if (options.processMetrics !== false) registerProcessMetrics(this.registry);

    const connections: Gauge<string> = new Gauge({
      name: 'netwatch_connections',
      help: 'Sockets alive after the last tick, by protocol, state (none for stateless UDP/raw) and direction.',
      labelNames: ['protocol', 'state', 'direction'],
      registers,
      collect: () => {
        connections.reset();
        for (const { labels, count } of this.byShape.values()) connections.set(labels, count);
      },
    });
    const opened: Counter<string> = new Counter({
      name: 'netwatch_connections_opened_total',
      help: 'Connections seen for the first time (listeners included), by protocol and direction.',
      labelNames: ['protocol', 'direction'],
      registers,
      collect: () => {
        opened.reset();
        for (const { labels, count } of this.opened.values()) opened.inc(labels, count);
      },
    });
    const closed: Counter<string> = new Counter({
      name: 'netwatch_connections_closed_total',
      help: 'Connections found gone, by protocol and direction.',
      labelNames: ['protocol', 'direction'],
      registers,
      collect: () => {
        closed.reset();
        for (const { labels, count } of this.closed.values()) closed.inc(labels, count);
      },
    });
    const programConnections: Gauge<string> = new Gauge({
      name: 'netwatch_program_connections',
      help: `Live sockets per program (executable base name): the ${this.topPrograms} programs with the most, the rest summed as program="${OTHER_PROGRAM}".`,
      labelNames: ['program'],
      registers,
      collect: () => {
        programConnections.reset();
        const { top, rest } = this.programs.top(this.topPrograms);
        for (const [program, count] of top) programConnections.set({ program }, count);
        programConnections.set({ program: OTHER_PROGRAM }, rest);
        this.labeled = new Set(top.map(([program]) => program));
      },
    });
    const alerts: Counter<string> = new Counter({
      name: 'netwatch_alerts_total',
      help: 'Alerts raised, by kind.',
      labelNames: ['kind'],
      registers,
      collect: () => {
        alerts.reset();
        for (const [kind, count] of this.alerts) alerts.inc({ kind }, count);
      },
    });
    this.tickSeconds = new Histogram({
      name: 'netwatch_tick_duration_seconds',
      help: 'Time one tick took: sample the OS, diff, write the history, alert.',
      buckets: TICK_BUCKETS,
      registers,
    });
    const lastTick: Gauge<string> = new Gauge({
      name: 'netwatch_last_tick_timestamp_seconds',
      help: 'When the last tick was taken (Unix time): a stale value means the loop is stuck or paused.',
      registers,
      collect: () => {
        const at = this.status?.lastTickAt;
        if (at != null) lastTick.set(at / 1000);
      },
    });
    const sampling: Gauge<string> = new Gauge({
      name: 'netwatch_sampling',
      help: '1 while the loop samples, 0 when paused or sampling fails.',
      registers,
      collect: () => {
        if (this.status) sampling.set(this.status.sampling ? 1 : 0);
      },
    });
    const privileged: Gauge<string> = new Gauge({
      name: 'netwatch_privileged',
      help: "1 when the sampler sees every user's processes (root), 0 when other users' sockets have no owner.",
      registers,
      collect: () => {
        if (this.status) privileged.set(this.status.privileged ? 1 : 0);
      },
    });
    const unattributed: Gauge<string> = new Gauge({
      name: 'netwatch_unattributed_sockets',
      help: 'Sockets whose owning process could not be seen in the last tick.',
      registers,
      collect: () => {
        if (this.status) unattributed.set(this.status.unattributedSockets);
      },
    });
    const databaseSize: Gauge<string> = new Gauge({
      name: 'netwatch_database_size_bytes',
      help: 'Size of the history database on disk (main file and write-ahead log).',
      registers,
      collect: () => {
        if (this.status) databaseSize.set(this.status.database.sizeBytes);
      },
    });
    const databaseHealthy: Gauge<string> = new Gauge({
      name: 'netwatch_database_healthy',
      help: '1 while ticks are written, 0 while writes fail (ticks queue, bounded).',
      registers,
      collect: () => {
        if (this.status) databaseHealthy.set(this.status.database.healthy ? 1 : 0);
      },
    });
  }

  /** Moves the counts by one tick's changes (a changed row costs nothing unless its labels moved). */
  onTick(tick: FollowedTick): void {
    if (tick.durationMs !== undefined) this.tickSeconds.observe(tick.durationMs / 1000);
    for (const c of tick.opened) {
      this.byShape.add(shapeKey(c), shapeLabels, c, 1);
      this.opened.add(flowKey(c), flowLabels, c, 1);
      this.programs.add(programLabel(c), 1);
    }
    for (const { now, before } of tick.changed) {
      if (now.state !== before.state || now.direction !== before.direction || now.proto !== before.proto) {
        this.byShape.add(shapeKey(before), shapeLabels, before, -1);
        this.byShape.add(shapeKey(now), shapeLabels, now, 1);
      }
      if (now.exe !== before.exe || now.process !== before.process) {
        this.programs.add(programLabel(before), -1);
        this.programs.add(programLabel(now), 1);
      }
    }
    for (const c of tick.closed) {
      this.byShape.add(shapeKey(c), shapeLabels, c, -1);
      this.closed.add(flowKey(c), flowLabels, c, 1);
      this.programs.add(programLabel(c), -1);
    }
    this.countBytes(tick);
  }

  onAlert(alert: AlertRecord): void {
    this.alerts.set(alert.kind, (this.alerts.get(alert.kind) ?? 0) + 1);
  }

  /** The core's status: what the gauges of health show until the next one. */
  onStatus(status: Status): void {
    this.status = status;
    const feed = status.events;
    if (!feed) return;
    if (!this.kernel) this.registerKernelFeed();
    this.kernel = { on: feed.state === 'on', dropped: feed.drops };
  }

  /** Exposes the event stream's own counts (written, dropped, reopened). */
  watchEventStream(stats: () => EventStreamStats): void {
    if (this.watchingEvents) return;
    this.watchingEvents = true;
    const registers = [this.registry];
    const counter = (name: string, help: string, field: keyof EventStreamStats): void => {
      const metric: Counter<string> = new Counter({
        name,
        help,
        registers,
        collect: () => {
          metric.reset();
          metric.inc(stats()[field]);
        },
      });
    };
    counter('netwatch_events_written_total', 'Event stream lines handed to its file or pipe.', 'written');
    counter(
      'netwatch_events_dropped_total',
      'Event stream lines dropped because the reader lagged (the buffer was full) or no reader was there.',
      'dropped',
    );
    counter(
      'netwatch_events_reopened_total',
      'Times the event file was reopened (SIGHUP, log rotation).',
      'reopened',
    );
  }

  /** The exposition text, as Prometheus scrapes it (the status read first). */
  async text(): Promise<string> {
    if (this.readStatus) {
      try {
        this.onStatus(await this.readStatus());
      } catch (error) {
        this.onError(
          `metrics: reading the status: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  // Byte counters appear only once connections carry byte counts (traffic counting); until then
  // the metric is absent rather than a misleading zero.
  private countBytes(tick: FollowedTick): void {
    for (const c of tick.opened) this.addBytes(c, null);
    for (const { now, before } of tick.changed) this.addBytes(now, before);
  }

  private addBytes(now: LiveConnection, before: LiveConnection | null): void {
    const sent = bytesMoved(now, before, 'bytesSent');
    const received = bytesMoved(now, before, 'bytesReceived');
    if (sent === 0 && received === 0) return;
    this.bytes ??= new ProgramBytes(this.registry, () => this.labeled);
    const label = programLabel(now);
    this.bytes.add(this.labeled.has(label) ? label : OTHER_PROGRAM, sent, received);
  }

  private registerKernelFeed(): void {
    const registers = [this.registry];
    const feedOn: Gauge<string> = new Gauge({
      name: 'netwatch_kernel_events_enabled',
      help: '1 while the kernel event feed (bpftrace on tracepoints) runs, 0 when polling alone fills the snapshots.',
      registers,
      collect: () => {
        if (this.kernel) feedOn.set(this.kernel.on ? 1 : 0);
      },
    });
    const feedDropped: Counter<string> = new Counter({
      name: 'netwatch_kernel_events_dropped_total',
      help: 'Kernel events dropped because the feed was flooded (its queue is bounded).',
      registers,
      collect: () => {
        if (!this.kernel) return;
        feedDropped.reset();
        feedDropped.inc(this.kernel.dropped);
      },
    });
  }
}

/** Bytes per program: the labeled programs' series and "other"; only programs still labeled keep one. */
class ProgramBytes {
  private readonly totals = new Map<string, { sent: number; received: number }>();

  constructor(registry: Registry, labeled: () => ReadonlySet<string>) {
    const registers = [registry];
    const prune = (): void => {
      const keep = labeled();
      for (const program of this.totals.keys()) {
        if (program !== OTHER_PROGRAM && !keep.has(program)) this.totals.delete(program);
      }
    };
    for (const [name, field, help] of [
      ['netwatch_program_sent_bytes_total', 'sent', 'Bytes sent per program'],
      ['netwatch_program_received_bytes_total', 'received', 'Bytes received per program'],
    ] as const) {
      const metric: Counter<string> = new Counter({
        name,
        help: `${help} (socket counters), for the programs with their own connection series; the rest counted as program="${OTHER_PROGRAM}".`,
        labelNames: ['program'],
        registers,
        collect: () => {
          prune();
          metric.reset();
          for (const [program, total] of this.totals) metric.inc({ program }, total[field]);
        },
      });
    }
  }

  add(program: string, sent: number, received: number): void {
    const total = this.totals.get(program) ?? { sent: 0, received: 0 };
    total.sent += sent;
    total.received += received;
    this.totals.set(program, total);
  }
}

function bytesMoved(
  now: LiveConnection,
  before: LiveConnection | null,
  field: 'bytesSent' | 'bytesReceived',
): number {
  const value = byteCount(now, field);
  if (value === null) return 0;
  const previous = before ? byteCount(before, field) : null;
  // A counter that went down is a new socket behind the same key: its bytes count from zero.
  return previous === null || value < previous ? value : value - previous;
}

/** A socket's byte counter, when the connection carries one (traffic counting); else null. */
function byteCount(connection: LiveConnection, field: 'bytesSent' | 'bytesReceived'): number | null {
  const value: unknown = Reflect.get(connection, field);
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** Counts by label set, keyed by a string built from the same fields; a count down to 0 is removed. */
class LabelTally<L extends string> {
  private readonly entries = new Map<string, { labels: Record<L, string>; count: number }>();

  add(key: string, labels: (c: LiveConnection) => Record<L, string>, c: LiveConnection, by: number): void {
    const entry = this.entries.get(key);
    if (entry) {
      entry.count += by;
      if (entry.count <= 0) this.entries.delete(key);
    } else if (by > 0) {
      this.entries.set(key, { labels: labels(c), count: by });
    }
  }

  values(): IterableIterator<{ labels: Record<L, string>; count: number }> {
    return this.entries.values();
  }
}

const SEP = '\u0000';

function shapeKey(c: LiveConnection): string {
  return `${c.proto}${SEP}${c.state ?? 'none'}${SEP}${c.direction}`;
}

function shapeLabels(c: LiveConnection): Record<'protocol' | 'state' | 'direction', string> {
  return { protocol: c.proto, state: c.state ?? 'none', direction: c.direction };
}

function flowKey(c: LiveConnection): string {
  return `${c.proto}${SEP}${c.direction}`;
}

function flowLabels(c: LiveConnection): Record<'protocol' | 'direction', string> {
  return { protocol: c.proto, direction: c.direction };
}
