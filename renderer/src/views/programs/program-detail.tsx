// One program opened: what it is (path, hash, user, command line, trust), what it has open now
// (from the live table), the remote hosts it talked to and its recent connections (from history).
import { useMemo, useState } from 'react';
import type { ConnectionRecord, FirstReach } from '../../../../shared/model';
import { useApi } from '../../api/api-context';
import { errorText, useQuery } from '../../api/use-query';
import { navigate } from '../../app/route';
import { Notice } from '../../components/notice';
import { ProgramAvatar } from '../../components/program-avatar';
import { byteColumns } from '../../components/byte-columns';
import { geoColumns } from '../../components/geo-columns';
import { HostText } from '../../components/host-source-tag';
import { SimpleTable } from '../../components/simple-table';
import { TrustBadge } from '../../components/trust-badge';
import { endpointText, protoText } from '../../format/endpoint';
import { firstReachText } from '../../format/geo-text';
import { countText, fullTimeText, timeText } from '../../format/numbers';
import { useLiveSync, useLiveVersion } from '../../store/live-provider';
import type { LiveRow } from '../../store/live-table';
import { SafeText } from '../../text/safe-text';

const MAX_LIVE_SHOWN = 200;

export function ProgramDetail({ id, onChanged }: { id: number; onChanged(): void }) {
  const api = useApi();
  const query = useQuery((a) => a.programs.get({ id }), [id], { refreshMs: 10_000 });
  const sync = useLiveSync();
  const version = useLiveVersion();
  const [actionError, setActionError] = useState<string | null>(null);
  const live = useMemo(
    () => sync.table.list().filter((r) => r.c.programId === id && r.closedAt === null),
    // The table's rows change with `version`.
    [sync, id, version],
  );

  if (query.error)
    return (
      <Notice kind="error" title="Could not load this program">
        {query.error}
      </Notice>
    );
  if (!query.data)
    return query.loading ? (
      <Notice kind="loading" title="Loading…" />
    ) : (
      <Notice title="No such program">It may have been removed by retention.</Notice>
    );
  const { program, recent, remotes, firsts = [] } = query.data;

  const trust = async () => {
    setActionError(null);
    try {
      await api.rules.add({
        kind: 'trust-program',
        value: program.exe,
        note: `trusted from the Programs view`,
      });
      query.reload();
      onChanged();
    } catch (e) {
      setActionError(errorText(e));
    }
  };

  return (
    <>
      <div className="panel" data-testid="program-detail">
        <h2>
          <ProgramAvatar name={program.name} exe={program.exe} />
          <SafeText value={program.name} />
          <TrustBadge program={program} />
        </h2>
        <dl className="facts">
          <dt>Path</dt>
          <dd className="mono">
            <SafeText value={program.exe} />
          </dd>
          <dt>SHA-256</dt>
          <dd className="mono">{program.sha256 ?? 'not hashed yet'}</dd>
          <dt>User</dt>
          <dd>
            <SafeText value={program.user} />
          </dd>
          <dt>Command line</dt>
          <dd className="mono">
            <SafeText value={program.cmdline} />
          </dd>
          <dt>First seen</dt>
          <dd title={fullTimeText(program.firstSeen)}>{timeText(program.firstSeen)}</dd>
          <dt>Last seen</dt>
          <dd title={fullTimeText(program.lastSeen)}>{timeText(program.lastSeen)}</dd>
          <dt>Connections</dt>
          <dd>
            {countText(program.connectionsNow)} now, {countText(program.connectionsTotal)} in all
          </dd>
        </dl>
        <div className="button-row">
          {!program.trusted ? (
            <button type="button" className="button" onClick={() => void trust()}>
              Trust this program
            </button>
          ) : null}
          <button
            type="button"
            className="button"
            onClick={() => navigate('live', null, { program: String(id) })}
          >
            Live connections
          </button>
          <button
            type="button"
            className="button"
            onClick={() => navigate('history', null, { program: String(id) })}
          >
            History
          </button>
        </div>
        {actionError ? <div className="form-error">{actionError}</div> : null}
      </div>
      <div className="panel">
        <h2>
          Open now <span className="muted">{countText(live.length)}</span>
        </h2>
        <SimpleTable
          rows={live.slice(0, MAX_LIVE_SHOWN)}
          rowKey={(r: LiveRow) => r.c.key}
          label="Open connections of this program"
          empty="Nothing open right now."
          columns={[
            { id: 'proto', header: 'Proto', width: '', cell: (r) => protoText(r.c.proto, r.c.family) },
            {
              id: 'local',
              header: 'Local',
              width: '',
              mono: true,
              cell: (r) => endpointText(r.c.localAddress, r.c.localPort),
            },
            {
              id: 'remote',
              header: 'Remote',
              width: '',
              mono: true,
              cell: (r) => (
                <HostText
                  text={endpointText(r.c.remoteAddress, r.c.remotePort, r.c.remoteHost)}
                  host={r.c.remoteHost}
                  source={r.c.hostSource}
                />
              ),
            },
            ...geoColumns<LiveRow>((r) => r.c),
            { id: 'state', header: 'State', width: '', cell: (r) => r.c.state ?? '' },
          ]}
        />
      </div>
      <div className="panel">
        <h2>
          Remote hosts <span className="muted">top talkers first</span>
        </h2>
        <SimpleTable
          rows={remotes}
          rowKey={(r) => r.address}
          label="Remote hosts of this program"
          empty="No remote hosts recorded."
          columns={[
            { id: 'address', header: 'Address', width: '', mono: true, cell: (r) => r.address },
            {
              id: 'host',
              header: 'Host name',
              width: '',
              cell: (r) => <HostText text={r.host} host={r.host} source={r.hostSource} />,
            },
            ...geoColumns<(typeof remotes)[number]>((r) => r),
            ...byteColumns<(typeof remotes)[number]>((r) => r, { rates: false }),
            {
              id: 'count',
              header: 'Connections',
              width: '',
              align: 'right',
              cell: (r) => countText(r.count),
            },
          ]}
        />
      </div>
      <div className="panel">
        <h2>Recent connections</h2>
        <SimpleTable
          rows={recent}
          rowKey={(r: ConnectionRecord) => String(r.id)}
          label="Recent connections of this program"
          empty="No connections in history yet."
          columns={[
            {
              id: 'when',
              header: 'Opened',
              width: '',
              cell: (r) => <span title={fullTimeText(r.firstSeen)}>{timeText(r.firstSeen)}</span>,
            },
            { id: 'proto', header: 'Proto', width: '', cell: (r) => protoText(r.proto, r.family) },
            {
              id: 'remote',
              header: 'Remote',
              width: '',
              mono: true,
              cell: (r) => (
                <HostText
                  text={endpointText(r.remoteAddress, r.remotePort, r.remoteHost)}
                  host={r.remoteHost}
                  source={r.hostSource}
                />
              ),
            },
            ...geoColumns<ConnectionRecord>((r) => r),
            { id: 'state', header: 'Last state', width: '', cell: (r) => r.state ?? '' },
          ]}
        />
      </div>
      <div className="panel">
        <h2>First connections to a country or network</h2>
        <SimpleTable
          rows={firsts}
          rowKey={(r: FirstReach) => `${r.kind}:${r.country ?? r.asn ?? ''}`}
          label="First connections of this program to each country and AS"
          empty="No public addresses reached yet."
          columns={[
            {
              id: 'when',
              header: 'First',
              width: '',
              cell: (r) => <span title={fullTimeText(r.firstSeen)}>{timeText(r.firstSeen)}</span>,
            },
            {
              id: 'what',
              header: 'Reached',
              width: '',
              cell: (r) => <SafeText value={firstReachText(r)} />,
            },
          ]}
        />
      </div>
    </>
  );
}
