// Writes a core's connection and alert events to a line sink as ECS JSON lines, as one of the
// core's listeners (record, serve and the collector alike).
import os from 'node:os';
import type { AlertRecord, LiveConnection } from '../../../shared/model';
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
  // The last row of each connection that showed its owner: a socket often shows its process a
  // tick after it opens, and loses it at the end (TIME_WAIT, LAST_ACK), and the closing event
  // names the program as history does. References to the deltas' rows, never copies.
  const owned = new Map<string, LiveConnection>();
  const unfollow = followCore(
    core,
    (tick) => {
      for (const c of tick.opened) {
        if (c.pid !== null) owned.set(c.key, c);
        sink.write(jsonLine(connectionEvent(c, hostname, null)));
      }
      for (const { now } of tick.changed) if (now.pid !== null) owned.set(now.key, now);
      for (const c of tick.closed) {
        const owner = c.pid === null ? owned.get(c.key) : undefined;
        owned.delete(c.key);
        sink.write(jsonLine(connectionEvent(c, hostname, tick.at, owner)));
      }
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
