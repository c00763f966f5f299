// "Who is hammering this machine?": the remote addresses with the most connections right now,
// established ones apart, since the flood threshold from the settings (drawn across) counts those.
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RemoteCount } from '../../../../shared/contract';
import { useQuery } from '../../api/use-query';
import { Notice } from '../../components/notice';
import { SimpleTable } from '../../components/simple-table';
import { HostSourceTag } from '../../components/host-source-tag';
import { countText } from '../../format/numbers';
import { SafeText } from '../../text/safe-text';

export function TopRemotesPanel({ threshold }: { threshold: number | null }) {
  const query = useQuery((api) => api.network.topRemotes({ limit: 15 }), [], { refreshMs: 2000 });
  const rows = query.data ?? [];
  const data = rows.map((r) => ({
    address: r.address,
    established: r.established,
    other: r.count - r.established,
  }));
  return (
    <div className="panel">
      <h2>
        Top remote addresses{' '}
        <span className="muted">
          by connections now
          {threshold !== null ? `, flood threshold ${countText(threshold)} established` : ''}
        </span>
      </h2>
      {query.error ? (
        <Notice kind="error" title="Could not count remote addresses">
          {query.error}
        </Notice>
      ) : rows.length === 0 ? (
        <div className="chart chart-empty">
          {query.data ? 'No remote connections right now.' : 'Loading…'}
        </div>
      ) : (
        <>
          <div
            className="chart"
            style={{ height: Math.max(120, rows.length * 22 + 56) }}
            data-testid="chart-top-remotes"
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} layout="vertical" margin={{ top: 18, right: 24, bottom: 0, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="address" width={150} tick={{ fontSize: 11 }} />
                <Tooltip isAnimationActive={false} />
                <Bar
                  dataKey="established"
                  name="established"
                  stackId="c"
                  fill="#2563eb"
                  isAnimationActive={false}
                />
                <Bar
                  dataKey="other"
                  name="other states"
                  stackId="c"
                  fill="#94a3b8"
                  isAnimationActive={false}
                />
                {threshold !== null ? (
                  <ReferenceLine
                    x={threshold}
                    stroke="#dc2626"
                    strokeDasharray="6 4"
                    ifOverflow="extendDomain"
                    label={{ value: 'flood', position: 'top', fill: '#dc2626', fontSize: 11 }}
                  />
                ) : null}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <SimpleTable
            rows={rows}
            rowKey={(r: RemoteCount) => r.address}
            label="Top remote addresses"
            testId="top-remotes-table"
            columns={[
              { id: 'address', header: 'Address', width: '', mono: true, cell: (r) => r.address },
              {
                id: 'host',
                header: 'Host',
                width: '',
                // A host name may run to 253 characters without a space: it wraps, inside the panel.
                cell: (r) => (
                  <>
                    <SafeText value={r.host} placeholder="" className="host-wrap" />
                    <HostSourceTag host={r.host} source={r.hostSource} />
                  </>
                ),
              },
              {
                id: 'count',
                header: 'Connections',
                width: '',
                align: 'right',
                cell: (r) => countText(r.count),
              },
              {
                id: 'est',
                header: 'Established',
                width: '',
                align: 'right',
                cell: (r) => countText(r.established),
              },
              {
                id: 'syn',
                header: 'SYN_RECV',
                width: '',
                align: 'right',
                cell: (r) => countText(r.synRecv),
              },
            ]}
          />
        </>
      )}
    </div>
  );
}
