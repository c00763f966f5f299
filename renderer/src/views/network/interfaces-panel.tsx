// netstat -i, live: each interface's counters, and its current rates worked out from the change
// between two refreshes.
import { useRef } from 'react';
import type { InterfaceStats } from '../../../../shared/model';
import { useQuery } from '../../api/use-query';
import { Notice } from '../../components/notice';
import { SimpleTable } from '../../components/simple-table';
import { countText, rateText } from '../../format/numbers';
import { SafeText } from '../../text/safe-text';

interface Rates {
  rx: number;
  tx: number;
}

export function InterfacesPanel() {
  const query = useQuery((api) => api.network.interfaces({}), [], { refreshMs: 2000 });
  const previous = useRef<{ at: number; stats: Map<string, InterfaceStats> } | null>(null);
  const rates = useRef(new Map<string, Rates>());
  const seen = useRef<InterfaceStats[] | undefined>(undefined);

  if (query.data && query.data !== seen.current) {
    seen.current = query.data;
    const now = performance.now();
    const before = previous.current;
    const next = new Map<string, Rates>();
    if (before) {
      const seconds = (now - before.at) / 1000;
      for (const s of query.data) {
        const old = before.stats.get(s.name);
        // A counter that went down was reset (interface recreated): no rate rather than a negative one.
        if (old && seconds > 0 && s.rxBytes >= old.rxBytes && s.txBytes >= old.txBytes) {
          next.set(s.name, {
            rx: (s.rxBytes - old.rxBytes) / seconds,
            tx: (s.txBytes - old.txBytes) / seconds,
          });
        }
      }
    }
    rates.current = next;
    previous.current = { at: now, stats: new Map(query.data.map((s) => [s.name, s])) };
  }

  return (
    <div className="panel">
      <h2>
        Interfaces <span className="muted">netstat -i, every 2 s</span>
      </h2>
      {query.error ? (
        <Notice kind="error" title="Could not read interfaces">
          {query.error}
        </Notice>
      ) : (
        <SimpleTable
          rows={query.data ?? []}
          rowKey={(s) => s.name}
          label="Interfaces"
          testId="interfaces-table"
          empty={query.data ? 'No interfaces reported.' : 'Loading…'}
          columns={[
            { id: 'name', header: 'Iface', width: '', cell: (s) => <SafeText value={s.name} /> },
            { id: 'mtu', header: 'MTU', width: '', align: 'right', cell: (s) => s.mtu ?? '' },
            {
              id: 'rxRate',
              header: 'RX/s',
              width: '',
              align: 'right',
              cell: (s) => (rates.current.has(s.name) ? rateText(rates.current.get(s.name)!.rx) : '…'),
            },
            {
              id: 'txRate',
              header: 'TX/s',
              width: '',
              align: 'right',
              cell: (s) => (rates.current.has(s.name) ? rateText(rates.current.get(s.name)!.tx) : '…'),
            },
            { id: 'rxOk', header: 'RX-OK', width: '', align: 'right', cell: (s) => countText(s.rxPackets) },
            { id: 'rxErr', header: 'RX-ERR', width: '', align: 'right', cell: (s) => countText(s.rxErrors) },
            { id: 'rxDrp', header: 'RX-DRP', width: '', align: 'right', cell: (s) => countText(s.rxDropped) },
            {
              id: 'rxOvr',
              header: 'RX-OVR',
              width: '',
              align: 'right',
              cell: (s) => countText(s.rxOverruns),
            },
            { id: 'txOk', header: 'TX-OK', width: '', align: 'right', cell: (s) => countText(s.txPackets) },
            { id: 'txErr', header: 'TX-ERR', width: '', align: 'right', cell: (s) => countText(s.txErrors) },
            { id: 'txDrp', header: 'TX-DRP', width: '', align: 'right', cell: (s) => countText(s.txDropped) },
            {
              id: 'txOvr',
              header: 'TX-OVR',
              width: '',
              align: 'right',
              cell: (s) => countText(s.txOverruns),
            },
            {
              id: 'flags',
              header: 'Flg',
              width: '',
              cell: (s) => <SafeText value={s.flags} placeholder="" />,
            },
          ]}
        />
      )}
    </div>
  );
}
