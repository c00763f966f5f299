// The live.onDelta event of one tick: opened and changed connections whole, closed ones by key.
import type { LiveDelta } from '../../shared/contract';
import type { Changes } from './monitor/changes';

export function toLiveDelta(changes: Changes, durationMs: number): LiveDelta {
  // A flow that came and went between two samples is history, not a row of the live table.
  const flows = new Set(changes.flows.map((t) => t.rowId));
  const live = flows.size === 0 ? () => true : (t: { rowId: number }) => !flows.has(t.rowId);
  return {
    tick: changes.tick,
    at: changes.at,
    durationMs,
    opened: changes.opened.filter(live).map((t) => t.connection),
    changed: changes.changed.map((t) => t.connection),
    closed: changes.closed.filter(live).map((t) => t.connection.key),
  };
}
