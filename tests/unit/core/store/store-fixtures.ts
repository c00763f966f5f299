// Builds what the store writes (TickWrite) by hand, for store tests that need exact rows.
import type {
  ClosedConnection,
  TickWrite,
  TrackedConnection,
} from '../../../../electron/core/monitor/changes';
import type { LiveConnection } from '../../../../shared/model';
import { socket } from '../monitor/snapshot-builder';

export function tracked(rowId: number, overrides: Partial<LiveConnection> = {}): TrackedConnection {
  const base = socket({ localPort: 30000 + (rowId % 30000), inode: rowId });
  return {
    rowId,
    connection: {
      ...base,
      key: `key-${rowId}`,
      direction: 'outbound',
      firstSeen: 1_000_000,
      remoteHost: null,
      service: null,
      programId: null,
      ...overrides,
    },
  };
}

export function closed(t: TrackedConnection, closedAt: number): ClosedConnection {
  return { ...t, closedAt };
}

export function tickWrite(at: number, parts: Partial<TickWrite> = {}): TickWrite {
  return {
    tick: 1,
    at,
    previousAt: at - 1000,
    opened: [],
    changed: [],
    closed: [],
    programs: [],
    activePrograms: [],
    series: [],
    ...parts,
  };
}
