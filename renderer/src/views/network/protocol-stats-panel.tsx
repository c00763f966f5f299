// netstat -s: protocol counters by group, with how much each moved since the previous refresh so
// a counter that is climbing (retransmits, resets, SYN cookies) stands out.
import { useMemo, useRef, useState } from 'react';
import type { ProtocolStats } from '../../../../shared/model';
import { useQuery } from '../../api/use-query';
import { Notice } from '../../components/notice';
import { countText } from '../../format/numbers';
import { SafeText } from '../../text/safe-text';

export function ProtocolStatsPanel() {
  const query = useQuery((api) => api.network.protocolStats({}), [], { refreshMs: 3000 });
  const [search, setSearch] = useState('');
  const previous = useRef<ProtocolStats | null>(null);
  const current = useRef<ProtocolStats | null>(null);
  if (query.data && query.data !== current.current) {
    previous.current = current.current;
    current.current = query.data;
  }
  const groups = useMemo(() => {
    const term = search.trim().toLowerCase();
    return Object.entries(query.data ?? {})
      .map(
        ([group, counters]) =>
          [
            group,
            Object.entries(counters).filter(
              ([name]) => !term || `${group} ${name}`.toLowerCase().includes(term),
            ),
          ] as const,
      )
      .filter(([, counters]) => counters.length > 0);
  }, [query.data, search]);

  return (
    <div className="panel">
      <h2>
        Protocol statistics <span className="muted">netstat -s, every 3 s</span>
        <input
          type="search"
          className="search inline-search"
          placeholder="Filter counters"
          aria-label="Filter counters"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </h2>
      {query.error ? (
        <Notice kind="error" title="Could not read protocol statistics">
          {query.error}
        </Notice>
      ) : !query.data ? (
        <div className="muted">Loading…</div>
      ) : (
        <div className="stat-groups">
          {groups.map(([group, counters]) => (
            <table key={group} className="kv stat-group" aria-label={group}>
              <thead>
                <tr>
                  <th>
                    <SafeText value={group} />
                  </th>
                  <th className="num">Value</th>
                  <th className="num">Δ</th>
                </tr>
              </thead>
              <tbody>
                {counters.map(([name, value]) => {
                  const before = previous.current?.[group]?.[name];
                  const delta = before === undefined ? 0 : value - before;
                  return (
                    <tr key={name}>
                      <td>
                        <SafeText value={name} />
                      </td>
                      <td className="num">{countText(value)}</td>
                      <td className={`num ${delta > 0 ? 'delta-up' : 'muted'}`}>
                        {delta ? `+${countText(delta)}` : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ))}
        </div>
      )}
    </div>
  );
}
