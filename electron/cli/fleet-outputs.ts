// `--metrics HOST:PORT` and `--events FILE|-` of record and serve: parses them, and starts the
// Prometheus endpoint and the event stream beside a running core (SIGHUP reopens the event file).
import type { CoreService } from '../core/core-service';
import { attachEventStream } from '../core/event-stream/attach-event-stream';
import { openLineSink } from '../core/event-stream/line-sink';
import { attachMetrics } from '../core/metrics/attach-metrics';
import { followCore, type FollowedTick } from '../core/metrics/delta-follower';
import { parseListenAddress, type ListenAddress } from '../core/metrics/listen-address';
import { startMetricsServer } from '../core/metrics/metrics-server';
import { isLoopbackHost, isWildcardHost } from '../web/host-guard';

export const FLEET_USAGE = `  --metrics HOST:PORT  serve Prometheus metrics at http://HOST:PORT/metrics; PORT alone means
                       127.0.0.1:PORT. Another address exposes program names to whoever reaches it
  --events FILE|-      write connection and alert events as JSON lines (ECS fields) to FILE, or
                       to stdout with -; SIGHUP reopens FILE (log rotation)
`;

export const FLEET_OPTIONS = {
  metrics: { type: 'string' },
  events: { type: 'string' },
} as const;

export interface FleetOutputOptions {
  metrics: ListenAddress | null;
  events: string | null;
}

/** Checks the two flags' values; a message (for UsageError) when one is wrong. */
export function parseFleetOutputs(values: {
  metrics?: string;
  events?: string;
}): { ok: true; options: FleetOutputOptions } | { ok: false; message: string } {
  let metrics: ListenAddress | null = null;
  if (values.metrics !== undefined) {
    const parsed = parseListenAddress(values.metrics);
    if (!parsed.ok) return { ok: false, message: `--metrics: ${parsed.message}` };
    metrics = parsed.address;
  }
  if (values.events !== undefined && values.events.trim() === '') {
    return { ok: false, message: '--events: expected a file path, or - for stdout' };
  }
  return { ok: true, options: { metrics, events: values.events ?? null } };
}

export interface FleetOutputs {
  /** The metrics URL when --metrics was given. */
  metricsUrl: string | null;
  close(): Promise<void>;
}

export interface FleetDeps {
  /** Lines a person reads (stderr). */
  log: (message: string) => void;
  /** Registers the log-rotation signal; returns its removal. Default: SIGHUP on this process. */
  onHangup?: (reopen: () => void) => () => void;
}

const processHangup = (reopen: () => void): (() => void) => {
  process.on('SIGHUP', reopen);
  return () => process.off('SIGHUP', reopen);
};

/** Starts what the options ask for; throws (nothing left running) when the metrics port cannot be had. */
export async function startFleetOutputs(
  core: CoreService,
  options: FleetOutputOptions,
  deps: FleetDeps,
): Promise<FleetOutputs> {
  const closers: (() => Promise<void> | void)[] = [];
  const close = async (): Promise<void> => {
    for (const closer of closers.reverse()) await closer();
  };
  let metricsUrl: string | null = null;
  // One follower of the core's deltas for both outputs: each tick handed to each.
  const followers: ((tick: FollowedTick) => void)[] = [];
  try {
    const attached = options.metrics ? attachMetrics(core, { onError: deps.log }) : null;
    if (attached) {
      closers.push(() => attached.detach());
      followers.push(attached.onTick);
    }
    if (options.events !== null) {
      const sink = openLineSink(options.events, { onError: deps.log });
      const stream = attachEventStream(core, sink);
      const removeHangup = (deps.onHangup ?? processHangup)(() => sink.reopen());
      closers.push(() => sink.close());
      closers.push(() => {
        stream.detach();
        removeHangup();
      });
      followers.push(stream.onTick);
      attached?.metrics.watchEventStream(() => sink.stats());
    }
    if (followers.length > 0) {
      const unfollow = followCore(
        core,
        (tick) => {
          for (const follower of followers) follower(tick);
        },
        (error) => deps.log(`metrics and events: ${error instanceof Error ? error.message : String(error)}`),
      );
      closers.push(unfollow);
    }
    if (attached && options.metrics) {
      const address = options.metrics;
      const server = await startMetricsServer(attached.metrics, address, deps.log).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        const why =
          code === 'EADDRINUSE'
            ? 'the port is in use'
            : code === 'EADDRNOTAVAIL'
              ? `${address.host} is not an address of this machine`
              : code === 'EACCES'
                ? 'not allowed to listen on that port'
                : error instanceof Error
                  ? error.message
                  : String(error);
        throw new Error(`--metrics: cannot listen on ${address.host}:${address.port}: ${why}`);
      });
      closers.push(() => server.close());
      metricsUrl = server.url;
      if (!isLoopbackHost(address.host)) {
        deps.log(
          `metrics on ${isWildcardHost(address.host) ? 'every address' : address.host}: anyone who can reach ` +
            'the port reads the program names and connection counts of this machine (plain HTTP, no token)',
        );
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { metricsUrl, close };
}
