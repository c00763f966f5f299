// JSON Lines: one connection record per line, as JSON.stringify writes it (newlines inside values
// are escaped, so a line is always one record). Bidi controls are written as JSON's \uNNNN
// escapes: the same value to a parser, and a viewer of the file never applies them.
import type { ConnectionRecord } from '../../../shared/model';
import { showBidiControls } from './bidi-controls';

export function jsonlRow(record: ConnectionRecord): string {
  return showBidiControls(JSON.stringify(record)) + '\n';
}
