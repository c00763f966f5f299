// The Live view's toolbar: netstat's switches as buttons (all/listening, TCP/UDP, IPv4/IPv6,
// -n, executable), state and direction menus, a program chip and the search box ("/" focuses it).
import { memo, useEffect, useRef } from 'react';
import { Segmented } from '../../components/segmented';
import { HOST_NETNS, type LiveFilter } from '../../store/live-filter';
import { SafeText } from '../../text/safe-text';
import { visibleText } from '../../text/visible-text';

interface LiveFilterBarProps {
  filter: LiveFilter;
  onFilter(next: LiveFilter): void;
  states: readonly string[];
  programName: string | null;
  numeric: boolean;
  onNumeric(value: boolean): void;
  showExe: boolean;
  onShowExe(value: boolean): void;
  /** The system collector records: filters on its namespace and container/unit tags. */
  showWhere: boolean;
  /** The namespaces of the rows now, sorted. */
  namespaces: readonly string[];
}

/** Memoized: the Live view re-renders every tick, its toolbar only when its props change. */
export const LiveFilterBar = memo(function LiveFilterBar(props: LiveFilterBarProps) {
  const { filter, onFilter } = props;
  const set = <K extends keyof LiveFilter>(key: K, value: LiveFilter[K]) =>
    onFilter({ ...filter, [key]: value });
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key === '/' && target?.tagName !== 'INPUT' && target?.tagName !== 'SELECT') {
        event.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="toolbar" role="toolbar" aria-label="Live filters">
      <Segmented
        label="Sockets"
        value={filter.scope}
        onChange={(v) => set('scope', v)}
        options={[
          { value: 'all', label: 'All', title: 'netstat -a' },
          { value: 'listening', label: 'Listening', title: 'netstat -l' },
          { value: 'connected', label: 'Connected' },
        ]}
      />
      <Segmented
        label="Protocol"
        value={filter.proto}
        onChange={(v) => set('proto', v)}
        options={[
          { value: 'any', label: 'Any' },
          { value: 'tcp', label: 'TCP', title: 'netstat -t' },
          { value: 'udp', label: 'UDP', title: 'netstat -u' },
        ]}
      />
      <Segmented
        label="Address family"
        value={filter.family}
        onChange={(v) => set('family', v)}
        options={[
          { value: 'any', label: 'Any' },
          { value: '4', label: 'IPv4', title: 'netstat -4' },
          { value: '6', label: 'IPv6', title: 'netstat -6' },
        ]}
      />
      <select aria-label="State" value={filter.state} onChange={(e) => set('state', e.target.value)}>
        <option value="">Any state</option>
        {props.states.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select
        aria-label="Direction"
        value={filter.direction}
        onChange={(e) => set('direction', e.target.value as LiveFilter['direction'])}
      >
        <option value="">Any direction</option>
        <option value="listen">Listening</option>
        <option value="inbound">Inbound</option>
        <option value="outbound">Outbound</option>
      </select>
      {props.showWhere ? (
        <>
          <select aria-label="Namespace" value={filter.netns} onChange={(e) => set('netns', e.target.value)}>
            <option value="">Any namespace</option>
            <option value={HOST_NETNS}>The host’s</option>
            {props.namespaces.map((ns) => (
              <option key={ns} value={ns}>
                {visibleText(ns)}
              </option>
            ))}
          </select>
          <input
            type="text"
            aria-label="Container or unit"
            placeholder="Container or unit"
            value={filter.unit}
            onChange={(e) => set('unit', e.target.value)}
          />
        </>
      ) : null}
      {filter.programId !== null ? (
        <span className="chip">
          Program: <SafeText value={props.programName ?? `#${filter.programId}`} />
          <button type="button" aria-label="Clear the program filter" onClick={() => set('programId', null)}>
            ×
          </button>
        </span>
      ) : null}
      <input
        ref={search}
        type="search"
        className="search"
        placeholder="Search address, port, program, user…  ( / )"
        aria-label="Search"
        value={filter.search}
        onChange={(e) => set('search', e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') set('search', '');
        }}
      />
      <label className="toggle" title="netstat -n: numbers instead of host and service names">
        <input type="checkbox" checked={props.numeric} onChange={(e) => props.onNumeric(e.target.checked)} />
        Numeric
      </label>
      <label className="toggle" title="Show the executable's path">
        <input type="checkbox" checked={props.showExe} onChange={(e) => props.onShowExe(e.target.checked)} />
        Executable
      </label>
    </div>
  );
});
