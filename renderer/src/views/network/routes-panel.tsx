// netstat -r: the routing table, IPv4 and IPv6, refreshed every few seconds.
import type { Route } from '../../../../shared/model';
import { useQuery } from '../../api/use-query';
import { Notice } from '../../components/notice';
import { SimpleTable } from '../../components/simple-table';
import { SafeText } from '../../text/safe-text';

const key = (r: Route) =>
  `${r.family}|${r.destination}/${r.prefixLength}|${r.gateway}|${r.iface}|${r.metric}`;

export function RoutesPanel() {
  const query = useQuery((api) => api.network.routes({}), [], { refreshMs: 5000 });
  return (
    <div className="panel">
      <h2>
        Routes <span className="muted">netstat -r</span>
      </h2>
      {query.error ? (
        <Notice kind="error" title="Could not read routes">
          {query.error}
        </Notice>
      ) : (
        <SimpleTable
          rows={query.data ?? []}
          rowKey={key}
          label="Routes"
          testId="routes-table"
          empty={query.data ? 'No routes reported.' : 'Loading…'}
          columns={[
            {
              id: 'dest',
              header: 'Destination',
              width: '',
              mono: true,
              cell: (r) => `${r.destination}${r.family === 6 || !r.genmask ? `/${r.prefixLength}` : ''}`,
            },
            { id: 'gw', header: 'Gateway', width: '', mono: true, cell: (r) => r.gateway },
            { id: 'mask', header: 'Genmask', width: '', mono: true, cell: (r) => r.genmask ?? '' },
            { id: 'flags', header: 'Flags', width: '', cell: (r) => r.flags },
            { id: 'metric', header: 'Metric', width: '', align: 'right', cell: (r) => r.metric },
            { id: 'ref', header: 'Ref', width: '', align: 'right', cell: (r) => r.ref },
            { id: 'use', header: 'Use', width: '', align: 'right', cell: (r) => r.use },
            { id: 'iface', header: 'Iface', width: '', cell: (r) => <SafeText value={r.iface} /> },
          ]}
        />
      )}
    </div>
  );
}
