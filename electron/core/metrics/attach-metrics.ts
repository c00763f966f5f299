// Feeds NetwatchMetrics from a running core as one of its listeners: each followed tick (the
// caller hands them on), every alert raised, and the status read at each scrape. Works the same on
// the core in this thread (record), in the worker (serve) and in the collector.
import type { AlertRecord } from '../../../shared/model';
import type { CoreService } from '../core-service';
import type { FollowedTick } from './delta-follower';
import { NetwatchMetrics, type MetricsOptions } from './netwatch-metrics';

export interface AttachedMetrics {
  readonly metrics: NetwatchMetrics;
  onTick(tick: FollowedTick): void;
  detach(): void;
}

export function attachMetrics(
  core: CoreService,
  options: Omit<MetricsOptions, 'readStatus'> = {},
): AttachedMetrics {
  const metrics = new NetwatchMetrics({ ...options, readStatus: () => core.handlers.status.get({}) });
  const unsubscribe = core.subscribe((name, payload) => {
    if (name === 'alerts.onRaised') metrics.onAlert(payload as AlertRecord);
  });
  return {
    metrics,
    onTick: (tick) => metrics.onTick(tick),
    detach: unsubscribe,
  };
}
