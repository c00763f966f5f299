// The core in one object: owns the loop (sample -> monitor -> store -> tick stages -> emit) every
// settings.sampleIntervalMs, and implements CoreService for the transports. Runs in whatever
// thread creates it: service-worker.ts hosts it off the main thread; tests and the CLI may call
// createService() directly.
import type { EventName, EventPayload } from '../../shared/contract';
import type { EventFeedStatus, Settings, Status } from '../../shared/model';
import type { CoreEventListener, CoreOptions, CoreService } from './core-service';
import { createContractHandlers } from './handlers/contract-handlers';
import type { Changes } from './monitor/changes';
import { toTickWrite } from './monitor/changes';
import { Monitor, type Enricher } from './monitor/monitor';
import { createResolverEnricher } from './monitor/resolver-enricher';
import type { ProgramHasherOptions } from './monitor/program-hasher';
import { createSampler } from './sampler';
import type { Sampler } from './sampler/sampler';
import type { SamplerOptions } from './sampler/seams';
import type { ServiceContext } from './service-context';
import { openStore } from './store/open-store';
import { resolveDbPath } from './store/data-paths';
import { countUnattributed } from './sampler/unattributed-sockets';
import { RetentionClock } from './store/retention-clock';
import type { Store } from './store/store';
import { TickWriter } from './store/tick-writer';
import { TickLoop } from './tick-loop';
import type { TickStage } from './tick-stage';
import { createTickStages } from './tick-stages';
import { toLiveDelta } from './live-delta';
import { watchedBy } from './collector/watched-by';

const DAY_MS = 86_400_000;
const RETENTION_EVERY_MS = 3_600_000;
const CHECKPOINT_EVERY_MS = 300_000;
const SIZE_CHECK_EVERY_MS = 5000;
/** How long after the size limit last deleted history the UI keeps saying so. */
const LIMIT_NOTICE_MS = 3_600_000;
const MIB = 1024 * 1024;
const FINAL_HASH_WAIT_MS = 3000;

export interface ServiceOptions extends CoreOptions {
  /** The sampler to use (tests: one over recorded /proc); default: createSampler(samplerOptions). */
  sampler?: Sampler;
  samplerOptions?: SamplerOptions;
  /** Host and service name lookups; default: the resolver's caches (reverse DNS, /etc/services). */
  enricher?: Enricher;
  hasherOptions?: ProgramHasherOptions;
  /** Start ticking at once (default true). Tests pass false and call tick(). */
  autoStart?: boolean;
  /** The stages run after each write; default createTickStages (tick-stages.ts). */
  stages?: (ctx: ServiceContext) => TickStage[];
  /** Messages a person should read (database set aside, write failures); default stderr. */
  onNotice?: (message: string) => void;
  /** Queue bound while writes fail (disk full). */
  maxPendingTicks?: number;
}

export interface Service extends CoreService {
  readonly context: ServiceContext;
  /** Runs one tick now (sample, diff, write, stages, emit); null when it could not sample. */
  tick(): Promise<Changes | null>;
  /** Ticks still waiting for the database (disk full). */
  readonly pendingTicks: number;
}

export async function createService(options: ServiceOptions = {}): Promise<Service> {
  const onNotice = options.onNotice ?? ((m: string) => process.stderr.write(`netwatch: ${m}\n`));
  const dbPath = options.dbPath ?? resolveDbPath({});
  const store: Store = openStore({ path: dbPath, onNotice, nativeBinding: options.nativeBinding });
  let service: Service;
  try {
    service = composeService(options, store, onNotice);
  } catch (error) {
    store.close();
    throw error;
  }
  // The start line can say whether kernel events are on, and the first ticks see what they see.
  await service.context.sampler.eventsReady?.();
  return service;
}

function composeService(options: ServiceOptions, store: Store, onNotice: (message: string) => void): Service {
  const start = store.startState();
  let settings: Settings = store.settings();
  const resolver = options.enricher ? null : createResolverEnricher(() => settings.resolveHostNames);
  const monitor = new Monitor({
    known: start.programs,
    nextConnectionId: start.nextConnectionId,
    nextProgramId: start.nextProgramId,
    firstRun: start.firstRun,
    lastTickAt: start.lastTickAt,
    enricher: options.enricher ?? resolver!,
    hasherOptions: options.hasherOptions,
  });
  const sampler =
    options.sampler ??
    createSampler({
      allNetNamespaces: options.collector === true,
      events: options.kernelEvents === true && process.env.NETWATCH_EVENTS !== 'off',
      ...options.samplerOptions,
      onWarning: options.samplerOptions?.onWarning ?? onNotice,
    });
  let eventsAtStart: EventFeedStatus | undefined;
  void sampler.eventsReady?.().then((events) => {
    eventsAtStart = events;
  });

  const listeners = new Set<CoreEventListener>();
  const emit = <N extends EventName>(name: N, payload: EventPayload<N>): void => {
    for (const listener of listeners) {
      try {
        listener(name, payload);
      } catch (error) {
        report(`an event listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  const reported = new Set<string>();
  const report = (message: string): void => {
    if (reported.has(message)) return;
    if (reported.size > 100) reported.clear();
    reported.add(message);
    onNotice(message);
  };

  let unreadAlerts = 0;
  let sampleError: string | null = null;
  let lastTickMs: number | null = null;
  let dbMessage: string | null = store.openNotice;
  const intervalMs = (): number => options.intervalMs ?? settings.sampleIntervalMs;

  const writer = new TickWriter(
    store,
    { live: () => monitor.tracked().values(), programs: () => monitor.registry.known() },
    {
      maxPendingTicks: options.maxPendingTicks,
      onHealth: (message) => {
        dbMessage = message;
        if (message) report(message);
        else report(`writing to the history database resumed`);
        emitStatus();
      },
    },
  );

  const status = (): Status => {
    const snapshot = monitor.latestSnapshot;
    return {
      sampling: loop.running && !loop.paused && sampleError === null,
      paused: loop.paused,
      intervalMs: intervalMs(),
      lastTickAt: monitor.lastTickAt,
      lastTickMs,
      platform: sampler.platform,
      privileged: snapshot?.privileged ?? false,
      unattributedSockets: snapshot ? countUnattributed(snapshot.sockets) : 0,
      database: {
        path: store.path,
        healthy: writer.message === null,
        message: writer.message ?? sampleError ?? dbMessage,
        sizeBytes: store.sizeBytes(),
        limitBytes: settings.maxDatabaseMb * MIB,
        limitPruning: limitPrunedAt !== null && performance.now() - limitPrunedAt < LIMIT_NOTICE_MS,
      },
      unreadAlerts,
      events: snapshot?.events ?? eventsAtStart,
      watchedBy: watchedBy({
        collector: options.collector === true,
        intervalMs: intervalMs(),
        kernelEvents: (snapshot?.events ?? eventsAtStart)?.state === 'on',
      }),
    };
  };
  const emitStatus = (): void => emit('status.onChanged', status());

  const context: ServiceContext = {
    store,
    monitor,
    sampler,
    settings: () => settings,
    updateSettings: (patch) => {
      const before = settings;
      settings = store.updateSettings(patch);
      // A shorter retention applies at the next tick rather than within the hour.
      if (settings.retentionDays !== before.retentionDays) nextRetentionAt = 0;
      if (settings.maxDatabaseMb !== before.maxDatabaseMb) {
        nextSizeCheckAt = 0;
        emitStatus();
      }
      if (settings.sampleIntervalMs !== before.sampleIntervalMs) {
        loop.reschedule();
        emitStatus();
      }
      return settings;
    },
    status,
    pause: () => {
      loop.pause();
      emitStatus();
      return status();
    },
    resume: () => {
      loop.resume();
      emitStatus();
      return status();
    },
    emit,
    notify: (message) => options.notify?.(message),
    setUnreadAlerts: (count) => {
      if (count === unreadAlerts) return;
      unreadAlerts = count;
      emitStatus();
    },
    report,
  };
  const retentionClock = new RetentionClock();
  let nextRetentionAt = 0;
  let retentionMore = false;
  let nextCheckpointAt = CHECKPOINT_EVERY_MS;
  let nextSizeCheckAt = 0;
  let trimMore = false;
  let limitPrunedAt: number | null = null;

  const tick = async (): Promise<Changes | null> => {
    const t0 = performance.now();
    let snapshot;
    try {
      snapshot = await sampler.sample();
    } catch (error) {
      const message = `sampling failed: ${error instanceof Error ? error.message : String(error)}`;
      if (sampleError !== message) {
        sampleError = message;
        report(message);
        emitStatus();
      }
      return null;
    }
    if (sampleError !== null) {
      sampleError = null;
      emitStatus();
    }
    const changes = monitor.apply(snapshot);
    const written = writer.write(toTickWrite(changes));
    for (const stage of stages) {
      try {
        await stage.evaluate(changes, context, written);
      } catch (error) {
        report(`${stage.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (written) housekeeping(changes);
    lastTickMs = Math.round((performance.now() - t0) * 10) / 10;
    emit('live.onDelta', toLiveDelta(changes, lastTickMs));
    return changes;
  };

  // Retention and checkpoints run between ticks in bounded slices, never while writes are failing.
  const housekeeping = (changes: Changes): void => {
    try {
      if (retentionMore || changes.monotonicMs >= nextRetentionAt) {
        const now = retentionClock.now(changes.at, changes.monotonicMs);
        const result = store.retention({
          cutoff: now - settings.retentionDays * DAY_MS,
          rollupBefore: now - DAY_MS,
          maxBatches: 4,
        });
        retentionMore = result.more;
        if (!result.more) nextRetentionAt = changes.monotonicMs + RETENTION_EVERY_MS;
      }
      if (trimMore || changes.monotonicMs >= nextSizeCheckAt) {
        const trim = store.trimToSize(settings.maxDatabaseMb * MIB, trimMore);
        trimMore = trim.more;
        nextSizeCheckAt = changes.monotonicMs + SIZE_CHECK_EVERY_MS;
        if (trim.deletedConnections > 0) {
          const now = performance.now();
          const shown = limitPrunedAt !== null && now - limitPrunedAt < LIMIT_NOTICE_MS;
          limitPrunedAt = now;
          if (!shown) {
            report(
              `the history database reached its size limit (${settings.maxDatabaseMb} MB): the oldest closed connections are deleted before the ${settings.retentionDays}-day retention would`,
            );
            emitStatus();
          }
        }
      }
      if (!retentionMore && changes.monotonicMs >= nextCheckpointAt) {
        store.checkpoint();
        nextCheckpointAt = changes.monotonicMs + CHECKPOINT_EVERY_MS;
      }
    } catch (error) {
      report(
        `housekeeping of the history database: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  const loop = new TickLoop(tick, intervalMs, (error) =>
    report(`tick failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  // Created once the loop exists: a stage may report its state (unread alerts) right away.
  const stages = (options.stages ?? createTickStages)(context);
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await loop.stop();
      // Programs whose binaries are still being hashed would go unrecorded: wait for them (bounded)
      // and take one last tick, which records them and attributes their connections.
      if (monitor.hasher.busy && monitor.tickCount > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          monitor.hasher.idle(),
          new Promise((r) => (timer = setTimeout(r, FINAL_HASH_WAIT_MS))),
        ]);
        clearTimeout(timer);
        await tick().catch(() => null);
      }
      for (const stage of stages) {
        try {
          await stage.close?.();
        } catch (error) {
          report(`${stage.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const at = monitor.lastTickAt;
      const series = monitor.flushSeries();
      monitor.close();
      resolver?.close();
      try {
        if (writer.drain() && at !== null) {
          store.transaction(() => {
            store.writeTick({
              tick: monitor.tickCount,
              at,
              previousAt: at,
              opened: [],
              changed: [],
              closed: [],
              programs: [],
              activePrograms: [],
              series,
            });
            store.closeOpenConnections(at);
          });
          store.checkpoint();
        } else if (writer.pendingTicks > 0) {
          report(`${writer.pendingTicks} ticks could not be written before closing`);
        }
      } catch (error) {
        report(`closing the history database: ${error instanceof Error ? error.message : String(error)}`);
      }
      sampler.close();
      store.close();
      listeners.clear();
    })());

  const service: Service = {
    context,
    handlers: createContractHandlers(context),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close,
    tick: () => loop.runOnce(),
    get pendingTicks() {
      return writer.pendingTicks;
    },
  };
  if (options.autoStart !== false) loop.start();
  return service;
}
