// The Programs table's columns: who (initial, name, path, hash, user), since when, trust, and how
// much it talks now (count and the last hour's sparkline).
import type { ProgramRecord } from '../../../../shared/model';
import { ProgramAvatar } from '../../components/program-avatar';
import { Sparkline } from '../../components/sparkline';
import { TrustBadge, trustState } from '../../components/trust-badge';
import type { Column } from '../../components/virtual-table';
import { bytesText, countText, fullTimeText, timeText } from '../../format/numbers';
import type { SortKey } from '../../store/sort-rows';
import { PathText } from '../../text/path-text';
import { SafeText } from '../../text/safe-text';

export const programSortKeys: Record<string, (p: ProgramRecord) => SortKey> = {
  name: (p) => p.name.toLowerCase(),
  exe: (p) => p.exe,
  sha256: (p) => p.sha256,
  user: (p) => p.user,
  firstSeen: (p) => p.firstSeen,
  lastSeen: (p) => p.lastSeen,
  trust: (p) => trustState(p),
  now: (p) => p.connectionsNow,
  total: (p) => p.connectionsTotal,
  today: (p) => (p.traffic ? p.traffic.today.sent + p.traffic.today.received : null),
  week: (p) => (p.traffic ? p.traffic.week.sent + p.traffic.week.received : null),
  month: (p) => (p.traffic ? p.traffic.month.sent + p.traffic.month.received : null),
};

type Period = 'today' | 'week' | 'month';

/** Sent ↑ and received ↓ in one period; a dash when nothing of the program was ever counted. */
function trafficColumn(id: Period, header: string, title: string): Column<ProgramRecord> {
  return {
    id,
    header,
    width: '150px',
    align: 'right',
    mono: true,
    sortable: true,
    title,
    cell: (p) =>
      p.traffic ? (
        <span>
          ↑ {bytesText(p.traffic[id].sent)} ↓ {bytesText(p.traffic[id].received)}
        </span>
      ) : (
        <span className="absent" title="No byte counts recorded for this program">
          –
        </span>
      ),
  };
}

/** The core labels a program's series by its name, with "(#id)" added when two share a name. */
function sparklineOf(sparklines: Map<string, number[]>, p: ProgramRecord): number[] {
  return sparklines.get(`${p.name} (#${p.id})`) ?? sparklines.get(p.name) ?? sparklines.get(`#${p.id}`) ?? [];
}

export function programColumns(sparklines: Map<string, number[]>): Column<ProgramRecord>[] {
  return [
    {
      id: 'name',
      header: 'Program',
      width: 'minmax(170px, 1fr)',
      sortable: true,
      cell: (p) => (
        <span className="with-avatar">
          <ProgramAvatar name={p.name} exe={p.exe} />
          <SafeText value={p.name} title />
        </span>
      ),
    },
    {
      id: 'exe',
      header: 'Path',
      width: 'minmax(220px, 2fr)',
      mono: true,
      sortable: true,
      cell: (p) => <PathText value={p.exe} />,
    },
    {
      id: 'sha256',
      header: 'SHA-256',
      width: '110px',
      mono: true,
      sortable: true,
      cell: (p) => <span title={p.sha256 ?? 'not hashed yet'}>{p.sha256 ? p.sha256.slice(0, 12) : '—'}</span>,
    },
    {
      id: 'user',
      header: 'User',
      width: '100px',
      sortable: true,
      cell: (p) => <SafeText value={p.user} title />,
    },
    {
      id: 'firstSeen',
      header: 'First seen',
      width: '150px',
      sortable: true,
      cell: (p) => <span title={fullTimeText(p.firstSeen)}>{timeText(p.firstSeen)}</span>,
    },
    {
      id: 'lastSeen',
      header: 'Last seen',
      width: '150px',
      sortable: true,
      cell: (p) => <span title={fullTimeText(p.lastSeen)}>{timeText(p.lastSeen)}</span>,
    },
    { id: 'trust', header: 'Trust', width: '80px', sortable: true, cell: (p) => <TrustBadge program={p} /> },
    {
      id: 'now',
      header: 'Now',
      width: '60px',
      align: 'right',
      mono: true,
      sortable: true,
      title: 'Connections open now',
      cell: (p) => countText(p.connectionsNow),
    },
    {
      id: 'spark',
      header: 'Last hour',
      width: '100px',
      title: 'Connections over the last hour',
      cell: (p) => (
        <Sparkline
          values={sparklineOf(sparklines, p)}
          label={`connections of ${p.name} over the last hour`}
        />
      ),
    },
    {
      id: 'total',
      header: 'Total',
      width: '72px',
      align: 'right',
      mono: true,
      sortable: true,
      title: 'Connections seen in all',
      cell: (p) => countText(p.connectionsTotal),
    },
    trafficColumn('today', 'Today', 'Bytes sent ↑ and received ↓ since midnight'),
    trafficColumn('week', '7 days', 'Bytes sent ↑ and received ↓ over the last 7 days'),
    trafficColumn('month', '30 days', 'Bytes sent ↑ and received ↓ over the last 30 days'),
  ];
}
