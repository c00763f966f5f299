// Feeds NetwatchMetrics from a running core as one of its listeners: each tick's delta, the status
// after it (tick duration, database size), and every alert raised. Works the same on the core in
// this thread (record), in the worker (serve) and in the collector.
import type { AlertRecord, Status } from '../../../shared/model';
import type { CoreService } from '../core-service';
import { followCore } from './delta-follower';
import { NetwatchMetrics, type MetricsOptions } from './netwatch-metrics';

export interface AttachedMetrics {
  readonly metrics: NetwatchMetrics;
  detach(): void;
}

export function attachMetrics(
  core: CoreService,
  options: MetricsOptions & { onError?: (message: string) => void } = {},
): AttachedMetrics {
  const metrics = new NetwatchMetrics(options);
  const fail = (error: unknown): void =>
    options.onError?.(`metrics: ${error instanceof Error ? error.message : String(error)}`);
  const readStatus = (tickAt: number | null): void => {
    core.handlers.status.get({}).then((status) => metrics.onStatus(status, tickAt), fail);
  };
  const unfollow = followCore(
    core,
    (tick) => {
      metrics.onTick(tick);
      readStatus(tick.at);
    },
    fail,
  );
  const unsubscribe = core.subscribe((name, payload) => {
    if (name === 'alerts.onRaised') metrics.onAlert(payload as AlertRecord);
    else if (name === 'status.onChanged') metrics.onStatus(payload as Status, null);
  });
  readStatus(null);
  return {
    metrics,
    detach() {
      unfollow();
      unsubscribe();
    },
  };
}
