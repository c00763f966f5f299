// Writes a core's connection and alert events to a line sink as ECS JSON lines, as one of the
// core's listeners (record, serve and the collector alike).
import os from 'node:os';
import type { AlertRecord } from '../../../shared/model';
import type { CoreService } from '../core-service';
import { followCore } from '../metrics/delta-follower';
import { alertEvent, connectionEvent } from './ecs-event';
import { jsonLine } from './json-line';
import type { LineSink } from './line-sink';

export interface AttachedEventStream {
  detach(): void;
}

export function attachEventStream(
  core: CoreService,
  sink: LineSink,
  options: { hostname?: string; onError?: (message: string) => void } = {},
): AttachedEventStream {
  const hostname = options.hostname ?? os.hostname();
  const unfollow = followCore(
    core,
    (tick) => {
      for (const c of tick.opened) sink.write(jsonLine(connectionEvent(c, hostname, null)));
      for (const c of tick.closed) sink.write(jsonLine(connectionEvent(c, hostname, tick.at)));
    },
    (error) => options.onError?.(`events: ${error instanceof Error ? error.message : String(error)}`),
  );
  const unsubscribe = core.subscribe((name, payload) => {
    if (name === 'alerts.onRaised') sink.write(jsonLine(alertEvent(payload as AlertRecord, hostname)));
  });
  return {
    detach() {
      unfollow();
      unsubscribe();
    },
  };
}
