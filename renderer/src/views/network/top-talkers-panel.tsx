// Top talkers: the remote addresses moving the most bytes now (rates over the last reading of the
// kernel's counters), with the totals of their open connections.
import { useQuery } from '../../api/use-query';
import { byteColumns } from '../../components/byte-columns';
import { Notice } from '../../components/notice';
import { SimpleTable } from '../../components/simple-table';
import { countText } from '../../format/numbers';
import { SafeText } from '../../text/safe-text';

export function TopTalkersPanel() {
  const query = useQuery((api) => api.network.topTalkers({ limit: 15 }), [], { refreshMs: 2000 });
  const rows = query.data ?? [];
  return (
    <div className="panel" data-testid="top-talkers">
      <h2>
        Top talkers <span className="muted">remote addresses by traffic now (TCP)</span>
      </h2>
      {query.error ? (
        <Notice kind="error" title="Could not read the traffic">
          {query.error}
        </Notice>
      ) : (
        <SimpleTable
          rows={rows}
          rowKey={(r) => r.address}
          label="Top talkers"
          empty="No connection with byte counts now."
          columns={[
            { id: 'address', header: 'Remote', width: '', mono: true, cell: (r) => r.address },
            { id: 'host', header: 'Host name', width: '', cell: (r) => <SafeText value={r.host} title /> },
            ...byteColumns<(typeof rows)[number]>((r) => r, { rates: true }),
            {
              id: 'connections',
              header: 'Conns',
              width: '',
              align: 'right',
              cell: (r) => countText(r.connections),
            },
          ]}
        />
      )}
    </div>
  );
}
