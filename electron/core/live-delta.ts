// The live.onDelta event of one tick: opened and changed connections whole, closed ones by key.
import type { LiveDelta } from '../../shared/contract';
import type { Changes } from './monitor/changes';

export function toLiveDelta(changes: Changes): LiveDelta {
  return {
    tick: changes.tick,
    at: changes.at,
    opened: changes.opened.map((t) => t.connection),
    changed: changes.changed.map((t) => t.connection),
    closed: changes.closed.map((t) => t.connection.key),
  };
}
