// The History table's columns: when a connection lived, its endpoints, country and AS, last
// state, direction and who owned it.
import type { ConnectionRecord } from '../../../../shared/model';
import { geoColumns } from '../../components/geo-columns';
import { HostText } from '../../components/host-source-tag';
import { byteColumns } from '../../components/byte-columns';
import type { Column } from '../../components/virtual-table';
import { endpointText, protoText } from '../../format/endpoint';
import { durationText, fullTimeText, timeText } from '../../format/numbers';
import { SafeText } from '../../text/safe-text';
import { whereText } from '../../format/where-text';

const dirText = { listen: 'listen', inbound: 'in', outbound: 'out' } as const;

export function historyColumns(options: { showWhere?: boolean } = {}): Column<ConnectionRecord>[] {
  return [
    {
      id: 'opened',
      header: 'Opened',
      width: '150px',
      cell: (r) => <span title={fullTimeText(r.firstSeen)}>{timeText(r.firstSeen)}</span>,
    },
    {
      id: 'duration',
      header: 'Lasted',
      width: '84px',
      align: 'right',
      title: 'From the first sample that saw it to the first that missed it',
      cell: (r) =>
        r.closedAt === null && r.lastSeen === null ? (
          <span className="dir-listen">open</span>
        ) : (
          durationText((r.closedAt ?? r.lastSeen ?? r.firstSeen) - r.firstSeen)
        ),
    },
    { id: 'proto', header: 'Proto', width: '56px', cell: (r) => protoText(r.proto, r.family) },
    {
      id: 'local',
      header: 'Local Address',
      width: 'minmax(170px, 1fr)',
      mono: true,
      cell: (r) => <SafeText value={endpointText(r.localAddress, r.localPort)} title />,
    },
    {
      id: 'remote',
      header: 'Foreign Address',
      width: 'minmax(190px, 1.4fr)',
      mono: true,
      cell: (r) => <SafeText value={endpointText(r.remoteAddress, r.remotePort)} title />,
    },
    {
      id: 'host',
      header: 'Host',
      width: 'minmax(120px, 1fr)',
      cell: (r) => <HostText text={r.remoteHost} host={r.remoteHost} source={r.hostSource} placeholder="" />,
    },
    ...geoColumns<ConnectionRecord>((r) => r),
    { id: 'state', header: 'Last state', width: '110px', cell: (r) => r.state ?? '' },
    ...byteColumns<ConnectionRecord>((r) => r, { rates: false }),
    {
      id: 'direction',
      header: 'Dir',
      width: '52px',
      cell: (r) => <span className={`dir dir-${r.direction}`}>{dirText[r.direction]}</span>,
    },
    {
      id: 'program',
      header: 'PID/Program name',
      width: 'minmax(160px, 1.2fr)',
      cell: (r) =>
        r.pid === null ? (
          r.process ? (
            <SafeText value={r.process} />
          ) : (
            <span
              className="absent"
              title="No owner was visible: another user's socket without root, or TIME_WAIT"
            >
              -
            </span>
          )
        ) : (
          <span>
            <span className="pid">{r.pid}</span>/<SafeText value={r.process} placeholder="?" />
          </span>
        ),
    },
    {
      id: 'user',
      header: 'User',
      width: '90px',
      cell: (r) => <SafeText value={r.user ?? (r.uid !== null ? String(r.uid) : null)} />,
    },
    ...(options.showWhere
      ? [
          {
            id: 'where',
            header: 'Namespace · unit',
            width: 'minmax(120px, 1fr)',
            cell: (r: ConnectionRecord) => <SafeText value={whereText(r)} />,
          },
        ]
      : []),
  ];
}
