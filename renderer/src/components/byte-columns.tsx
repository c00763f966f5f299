// The traffic columns: bytes sent and received (totals since the socket opened) and, in Live,
// the rates between the last two readings. An unknown count (UDP without kernel events) is a
// dash with a reason, never 0.
import { bytesText, rateText } from '../format/numbers';
import type { Column } from './virtual-table';

export interface ByteFacts {
  bytesSent?: number | null;
  bytesReceived?: number | null;
  sendRate?: number | null;
  receiveRate?: number | null;
}

const UNKNOWN =
  'Not known: the kernel keeps no counters for listeners and TIME_WAIT; UDP and raw sockets are counted only with kernel events';

function Amount({ value, rate }: { value: number | null | undefined; rate?: boolean }) {
  if (value === null || value === undefined)
    return (
      <span className="absent" title={UNKNOWN}>
        –
      </span>
    );
  return <>{rate ? rateText(value) : bytesText(value)}</>;
}

export function byteColumns<R>(
  get: (row: R) => ByteFacts,
  options: { rates: boolean; sortable?: boolean },
): Column<R>[] {
  const sortable = options.sortable ?? false;
  const total = (id: 'bytesSent' | 'bytesReceived', header: string, title: string): Column<R> => ({
    id,
    header,
    width: '84px',
    align: 'right',
    mono: true,
    sortable,
    title,
    cell: (r) => <Amount value={get(r)[id]} />,
  });
  const rate = (id: 'sendRate' | 'receiveRate', header: string, title: string): Column<R> => ({
    id,
    header,
    width: '92px',
    align: 'right',
    mono: true,
    sortable,
    title,
    cell: (r) => <Amount value={get(r)[id]} rate />,
  });
  const columns: Column<R>[] = [];
  if (options.rates) {
    columns.push(
      rate('sendRate', 'Send', 'Bytes per second sent, over the last reading of the kernel counters'),
    );
    columns.push(rate('receiveRate', 'Receive', 'Bytes per second received, over the last reading'));
  }
  columns.push(
    total('bytesSent', 'Sent', 'Bytes sent since the socket opened (TCP: acknowledged by the peer)'),
  );
  columns.push(total('bytesReceived', 'Received', 'Bytes received since the socket opened'));
  return columns;
}
