// The Live table's columns: netstat -tunape's (Proto, Recv-Q, Send-Q, Local, Foreign, State, User,
// Inode, PID/Program) plus country and AS, traffic (rates and totals), direction, executable and
// since when; names or numbers as netstat -n.
import type { LiveConnection } from '../../../../shared/model';
import { geoColumns } from '../../components/geo-columns';
import { byteColumns } from '../../components/byte-columns';
import { HostText } from '../../components/host-source-tag';
import type { Column } from '../../components/virtual-table';
import { endpointSortKey, endpointText, protoText } from '../../format/endpoint';
import { timeText, fullTimeText } from '../../format/numbers';
import type { LiveRow } from '../../store/live-table';
import type { SortKey } from '../../store/sort-rows';
import { PathText } from '../../text/path-text';
import { SafeText } from '../../text/safe-text';
import { whereText } from '../../format/where-text';
import { visibleText } from '../../text/visible-text';

export interface LiveColumnOptions {
  /** netstat -n: numbers instead of host and service names. */
  numeric: boolean;
  showExe: boolean;
  /** The system collector records: the network namespace and container or unit of each row. */
  showWhere?: boolean;
}

const directionText = { listen: 'listen', inbound: 'in', outbound: 'out' } as const;

function localText(c: LiveConnection, numeric: boolean): string {
  const service = !numeric && c.direction !== 'outbound' ? c.service : null;
  return endpointText(c.localAddress, c.localPort, null, service);
}

function remoteText(c: LiveConnection, numeric: boolean): string {
  const service = !numeric && c.direction === 'outbound' ? c.service : null;
  return endpointText(c.remoteAddress, c.remotePort, numeric ? null : c.remoteHost, service);
}

function ProgramCell({ c }: { c: LiveConnection }) {
  if (c.pid === null) {
    return (
      <span
        className="absent"
        title="The owner is not visible: another user's socket without root, or TIME_WAIT"
      >
        -{c.uid !== null ? ` (uid ${c.uid})` : ''}
      </span>
    );
  }
  return (
    <span title={c.cmdline ? visibleText(c.cmdline) : undefined}>
      <span className="pid">{c.pid}</span>/<SafeText value={c.process} placeholder="?" />
    </span>
  );
}

/** Sort keys by column, computed once per connection object. */
const sortKeys: Record<string, (c: LiveConnection) => SortKey> = {
  proto: (c) => protoText(c.proto, c.family),
  recvQ: (c) => c.recvQ,
  sendQ: (c) => c.sendQ,
  local: (c) => endpointSortKey(c.localAddress, c.localPort),
  remote: (c) => endpointSortKey(c.remoteAddress, c.remotePort),
  state: (c) => c.state,
  direction: (c) => c.direction,
  user: (c) => c.user ?? (c.uid !== null ? `uid ${c.uid}` : null),
  inode: (c) => c.inode,
  program: (c) => (c.process ? `${c.process.toLowerCase()}\u0000${String(c.pid).padStart(10, '0')}` : null),
  exe: (c) => c.exe,
  where: (c) => whereText(c),
  since: (c) => c.firstSeen,
  country: (c) => c.country ?? null,
  as: (c) => c.asn ?? null,
  sendRate: (c) => c.sendRate ?? null,
  receiveRate: (c) => c.receiveRate ?? null,
  bytesSent: (c) => c.bytesSent ?? null,
  bytesReceived: (c) => c.bytesReceived ?? null,
};

const caches = new Map<string, WeakMap<LiveConnection, SortKey>>();
export function liveSortKey(column: string): (row: LiveRow) => SortKey {
  const compute = sortKeys[column] ?? sortKeys.program!;
  let cache = caches.get(column);
  if (!cache) caches.set(column, (cache = new WeakMap()));
  const known = cache;
  return (row) => {
    let key = known.get(row.c);
    if (key === undefined) {
      key = compute(row.c);
      known.set(row.c, key);
    }
    return key;
  };
}

export function liveColumns({ numeric, showExe, showWhere }: LiveColumnOptions): Column<LiveRow>[] {
  const columns: Column<LiveRow>[] = [
    {
      id: 'proto',
      header: 'Proto',
      width: '56px',
      sortable: true,
      cell: (r) => protoText(r.c.proto, r.c.family),
    },
    {
      id: 'recvQ',
      header: 'Recv-Q',
      width: '74px',
      align: 'right',
      mono: true,
      sortable: true,
      cell: (r) => r.c.recvQ,
    },
    {
      id: 'sendQ',
      header: 'Send-Q',
      width: '74px',
      align: 'right',
      mono: true,
      sortable: true,
      cell: (r) => r.c.sendQ,
    },
    {
      id: 'local',
      header: 'Local Address',
      width: 'minmax(170px, 1.2fr)',
      mono: true,
      sortable: true,
      cell: (r) => <SafeText value={localText(r.c, numeric)} title />,
    },
    {
      id: 'remote',
      header: 'Foreign Address',
      width: 'minmax(190px, 1.5fr)',
      mono: true,
      sortable: true,
      cell: (r) => (
        <HostText
          text={remoteText(r.c, numeric)}
          host={numeric ? null : r.c.remoteHost}
          source={r.c.hostSource}
        />
      ),
    },
    ...geoColumns<LiveRow>((r) => r.c, true),
    { id: 'state', header: 'State', width: '116px', sortable: true, cell: (r) => r.c.state ?? '' },
    ...byteColumns<LiveRow>((r) => r.c, { rates: true, sortable: true }),
    {
      id: 'direction',
      header: 'Dir',
      width: '52px',
      sortable: true,
      title: 'listen, in (someone connected here) or out (this machine connected out)',
      cell: (r) => <span className={`dir dir-${r.c.direction}`}>{directionText[r.c.direction]}</span>,
    },
    {
      id: 'user',
      header: 'User',
      width: '88px',
      sortable: true,
      cell: (r) => <SafeText value={r.c.user ?? (r.c.uid !== null ? String(r.c.uid) : null)} title />,
    },
    {
      id: 'inode',
      header: 'Inode',
      width: '84px',
      align: 'right',
      mono: true,
      sortable: true,
      cell: (r) => r.c.inode || '',
    },
    {
      id: 'program',
      header: 'PID/Program name',
      width: 'minmax(160px, 1.2fr)',
      sortable: true,
      cell: (r) => <ProgramCell c={r.c} />,
    },
  ];
  if (showExe) {
    columns.push({
      id: 'exe',
      header: 'Executable',
      width: 'minmax(200px, 2fr)',
      mono: true,
      sortable: true,
      cell: (r) => <PathText value={r.c.exe} />,
    });
  }
  if (showWhere) {
    columns.push({
      id: 'where',
      header: 'Namespace · unit',
      width: 'minmax(120px, 1fr)',
      sortable: true,
      title: 'The network namespace (empty: the host) and the container or systemd unit of the owner',
      cell: (r) => <SafeText value={whereText(r.c)} title />,
    });
  }
  columns.push({
    id: 'since',
    header: 'Since',
    width: '104px',
    sortable: true,
    title: 'When netwatch first saw this socket',
    cell: (r) => <span title={fullTimeText(r.c.firstSeen)}>{timeText(r.c.firstSeen)}</span>,
  });
  return columns;
}
