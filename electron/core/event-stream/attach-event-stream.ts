// Writes a core's connection and alert events to a line sink as ECS JSON lines, as one of the
// core's listeners (record, serve and the collector alike): a tick's lines in one write.
import os from 'node:os';
import type { AlertRecord, LiveConnection } from '../../../shared/model';
import type { CoreService } from '../core-service';
import type { FollowedTick } from '../metrics/delta-follower';
import { alertLine, connectionLine, lineContext } from './ecs-event';
import type { LineSink } from './line-sink';

export interface AttachedEventStream {
  onTick(tick: FollowedTick): void;
  detach(): void;
}

export function attachEventStream(
  core: CoreService,
  sink: LineSink,
  options: { hostname?: string } = {},
): AttachedEventStream {
  const hostname = options.hostname ?? os.hostname();
  const ctx = lineContext(hostname);
  // The last row of each connection that showed its owner: a socket often shows its process a
  // tick after it opens, and loses it at the end (TIME_WAIT, LAST_ACK), and the closing event
  // names the program as history does. References to the deltas' rows, never copies.
  const owned = new Map<string, LiveConnection>();
  const unsubscribe = core.subscribe((name, payload) => {
    if (name === 'alerts.onRaised') sink.write(alertLine(payload as AlertRecord, hostname));
  });
  return {
    onTick(tick) {
      const lines: string[] = [];
      for (const c of tick.opened) {
        if (c.pid !== null) owned.set(c.key, c);
        lines.push(connectionLine(c, ctx, null));
      }
      for (const { now } of tick.changed) if (now.pid !== null) owned.set(now.key, now);
      for (const c of tick.closed) {
        const owner = c.pid === null ? owned.get(c.key) : undefined;
        owned.delete(c.key);
        lines.push(connectionLine(c, ctx, tick.at, owner));
      }
      // One flat string, one write: the file stream encodes it once.
      if (lines.length > 0) sink.writeLines(lines.join(''), lines.length);
    },
    detach: unsubscribe,
  };
}
