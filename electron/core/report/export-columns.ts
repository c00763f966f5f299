// The columns of a connection export, in order: one per ConnectionRecord field, so a CSV row and a
// JSON line carry the same data. `numeric` columns hold numbers (or nothing) and are never text.
import type { ConnectionRecord } from '../../../shared/model';

export interface ExportColumn {
  key: keyof ConnectionRecord;
  numeric: boolean;
}

const numeric = (key: keyof ConnectionRecord): ExportColumn => ({ key, numeric: true });
const text = (key: keyof ConnectionRecord): ExportColumn => ({ key, numeric: false });

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  numeric('id'),
  text('proto'),
  numeric('family'),
  text('localAddress'),
  numeric('localPort'),
  text('remoteAddress'),
  numeric('remotePort'),
  text('remoteHost'),
  text('direction'),
  text('state'),
  numeric('pid'),
  numeric('programId'),
  text('process'),
  text('exe'),
  numeric('uid'),
  text('user'),
  numeric('firstSeen'),
  numeric('lastSeen'),
  numeric('closedAt'),
  text('country'),
  numeric('asn'),
  text('asOrg'),
  // Last, so a CSV read by position before the collector keeps its columns: its tags.
  text('netns'),
  text('unit'),
  // Where remoteHost came from: 'asked' (the name the program asked for) or 'reverse' (reverse DNS).
  text('hostSource'),
  // After them, for the same reason: the byte counts (empty: not known).
  numeric('bytesSent'),
  numeric('bytesReceived'),
];
