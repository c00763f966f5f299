// JSON Lines: one connection record per line, as JSON.stringify writes it (newlines inside values
// are escaped, so a line is always one record).
import type { ConnectionRecord } from '../../../shared/model';

export function jsonlRow(record: ConnectionRecord): string {
  return JSON.stringify(record) + '\n';
}
