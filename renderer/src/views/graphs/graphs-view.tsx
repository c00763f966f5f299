// Graphs: connections over time by program and by state, new connections per minute, and interface
// throughput, from the last hour to the last 30 days; hover for values.
import type { ReactNode } from 'react';
import { useSessionState } from '../../app/session-state';
import { Notice } from '../../components/notice';
import { Segmented } from '../../components/segmented';
import { SeriesChart } from '../../components/series-chart';
import { countText, rateText } from '../../format/numbers';
import type { SeriesPoint } from '../../../../shared/model';
import type { QueryResult } from '../../api/use-query';
import { rangeOf, ranges, useProgramLabels, useSeries, type RangeId } from './use-series';

const count = (v: number) => countText(Math.round(v * 10) / 10);

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
  const perMinute = 60_000 / r.bucketMs;

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
