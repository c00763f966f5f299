// Graphs: traffic by program (stacked, with the programs active in the range), connections over
// time by program and by state, new connections per minute, and interface throughput, from the
// last hour to the last 30 days; hover for values.
import type { ReactNode } from 'react';
import { useSessionState } from '../../app/session-state';
import { Notice } from '../../components/notice';
import { Segmented } from '../../components/segmented';
import { SeriesChart } from '../../components/series-chart';
import { bytesText, countText, rateText } from '../../format/numbers';
import type { SeriesPoint } from '../../../../shared/model';
import type { QueryResult } from '../../api/use-query';
import { rangeOf, ranges, useProgramLabels, useSeries, type RangeId } from './use-series';

const count = (v: number) => countText(Math.round(v * 10) / 10);

/** The programs that moved bytes in the range, most first, with what they moved. */
function ActivePrograms(props: {
  sent: SeriesPoint[] | undefined;
  received: SeriesPoint[] | undefined;
  labelOf: (key: string) => string;
}) {
  const totals = new Map<string, [number, number]>();
  const add = (points: SeriesPoint[] | undefined, i: 0 | 1) => {
    for (const p of points ?? [])
      for (const [key, v] of Object.entries(p.values)) {
        const t = totals.get(key) ?? [0, 0];
        t[i] += v;
        totals.set(key, t);
      }
  };
  add(props.sent, 0);
  add(props.received, 1);
  const rows = [...totals].sort((a, b) => b[1][0] + b[1][1] - (a[1][0] + a[1][1])).slice(0, 12);
  if (rows.length === 0) return null;
  return (
    <ul className="active-programs" data-testid="active-programs" aria-label="Programs active in this range">
      {rows.map(([key, [sent, received]]) => (
        <li key={key}>
          <span className="name">{props.labelOf(key)}</span>{' '}
          <span className="muted">
            ↑ {bytesText(sent)} ↓ {bytesText(received)}
          </span>
        </li>
      ))}
    </ul>
  );
}

function ChartPanel(props: {
  title: string;
  note: string;
  query: QueryResult<SeriesPoint[]>;
  children(points: SeriesPoint[]): ReactNode;
}) {
  const { data, error } = props.query;
  return (
    <div className="panel">
      <h2>
        {props.title} <span className="muted">{props.note}</span>
      </h2>
      {error ? (
        <Notice kind="error" title="Could not load this graph">
          {error}
        </Notice>
      ) : !data ? (
        <div className="chart muted">Loading…</div>
      ) : data.length === 0 ? (
        <div className="chart chart-empty">
          No data in this range yet: netwatch records a point a minute while it runs.
        </div>
      ) : (
        props.children(data)
      )}
    </div>
  );
}

export function GraphsView() {
  const [range, setRange] = useSessionState<RangeId>('graphs.range', '1h');
  const r = rangeOf(range);
  const labelOf = useProgramLabels();
  const byProgram = useSeries('connections-by-program', range, 12);
  const byState = useSeries('connections-by-state', range);
  const opened = useSeries('new-by-program', range, 12);
  const bytes = useSeries('interface-bytes', range);
  const sent = useSeries('traffic-sent-by-program', range, 12);
  const received = useSeries('traffic-received-by-program', range, 12);
  const perMinute = 60_000 / r.bucketMs;
  // Traffic buckets hold the bytes moved in them: shown per second.
  const perSecond = 1000 / r.bucketMs;

  return (
    <section className="view" aria-label="Graphs">
      <div className="toolbar">
        <Segmented<RangeId>
          label="Range"
          value={range}
          onChange={setRange}
          options={ranges.map((x) => ({ value: x.id, label: x.label }))}
        />
        <span className="muted">
          One point per{' '}
          {r.bucketMs >= 3_600_000 ? `${r.bucketMs / 3_600_000} h` : `${r.bucketMs / 60_000} min`}
        </span>
      </div>
      <div className="view-scroll">
        <div className="grid-2">
          <ChartPanel title="Traffic sent by program" note="bytes per second, stacked" query={sent}>
            {(points) => (
              <SeriesChart
                points={points}
                kind="area"
                labelOf={labelOf}
                scale={perSecond}
                rangeMs={r.ms}
                format={rateText}
                testId="chart-traffic-sent"
              />
            )}
          </ChartPanel>
          <ChartPanel title="Traffic received by program" note="bytes per second, stacked" query={received}>
            {(points) => (
              <SeriesChart
                points={points}
                kind="area"
                labelOf={labelOf}
                scale={perSecond}
                rangeMs={r.ms}
                format={rateText}
                testId="chart-traffic-received"
              />
            )}
          </ChartPanel>
        </div>
        <div className="panel">
          <h2>
            Programs active in this range <span className="muted">bytes sent ↑ and received ↓ (TCP)</span>
          </h2>
          <ActivePrograms sent={sent.data} received={received.data} labelOf={labelOf} />
        </div>
        <div className="grid-2">
          <ChartPanel
            title="Connections by program"
            note="open connections, average per point"
            query={byProgram}
          >
            {(points) => (
              <SeriesChart
                points={points}
                kind="area"
                labelOf={labelOf}
                rangeMs={r.ms}
                format={count}
                testId="chart-by-program"
              />
            )}
          </ChartPanel>
          <ChartPanel title="Connections by state" note="average per point" query={byState}>
            {(points) => (
              <SeriesChart
                points={points}
                kind="area"
                rangeMs={r.ms}
                format={count}
                testId="chart-by-state"
              />
            )}
          </ChartPanel>
          <ChartPanel title="New connections" note="per minute, by program" query={opened}>
            {(points) => (
              <SeriesChart
                points={points}
                kind="bar"
                labelOf={labelOf}
                scale={perMinute}
                rangeMs={r.ms}
                format={count}
                testId="chart-new"
              />
            )}
          </ChartPanel>
          <ChartPanel title="Interface throughput" note="bytes per second" query={bytes}>
            {(points) => (
              <SeriesChart
                points={points}
                kind="line"
                rangeMs={r.ms}
                format={rateText}
                testId="chart-throughput"
              />
            )}
          </ChartPanel>
        </div>
      </div>
    </section>
  );
}
