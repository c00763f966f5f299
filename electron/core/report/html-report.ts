// The self-contained HTML report of a time range: the summary, the graphs as inline SVG, the
// alerts and the connections table. Written in pieces (head, rows, tail) so the table streams.
// Every value is escaped, and the page's CSP forbids any script: it reads the same offline, in a
// mail attachment or printed.
import type { HistoryFilter } from '../../../shared/contract';
import { GEO_DATA_CREDITS } from '../../../shared/data-credits';
import type { ConnectionRecord } from '../../../shared/model';
import { escapeHtml } from './html-escape';
import type {
  FirstReachLine,
  ReportAlerts,
  ReportSummary,
  TrafficRow,
} from '../../../shared/report-contents';
import { formatBytes } from '../../../shared/byte-units';
import { barsSvg, timelineSvg } from './svg-charts';

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
/** Rows the HTML table shows at most; the full history goes to CSV or JSON Lines. */
export const HTML_TABLE_MAX_ROWS = 5000;

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1b1f24;background:#fff}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #ccd}
.meta{color:#555}dl.summary{display:grid;grid-template-columns:max-content auto;gap:.25rem 1.5rem}
dl.summary dt{color:#555}dl.summary dd{margin:0;font-weight:600}
table{border-collapse:collapse;width:100%;font-size:12px}th,td{border:1px solid #dde;padding:2px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f2f4f8;white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums}
.chart text{font-size:11px;fill:#333}.chart .bars rect{fill:#3465a4}.chart .axis{stroke:#888}
.note{color:#555;font-style:italic}.muted{color:#777;font-size:11px}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}.chart{max-width:100%}}
`;

export interface HtmlReportParts {
  head: string;
  row(record: ConnectionRecord): string;
  tail(shown: number): string;
}

export interface HtmlReportInput {
  filter: HistoryFilter;
  summary: ReportSummary;
  alerts: ReportAlerts;
  /** When the report was made (ms since the epoch). */
  createdAt: number;
  /** Formats a time for a person; UTC ISO by default, so a report reads the same anywhere. */
  formatTime?: (ms: number) => string;
}

const isoTime = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
const e = (value: string | number | null): string => (value === null ? '' : escapeHtml(String(value)));
const percent = (part: number, whole: number): string =>
  whole === 0 ? '0%' : `${((part / whole) * 100).toFixed(1)}%`;

function filterText(filter: HistoryFilter): string {
  const parts = Object.entries(filter)
    .filter(([key, value]) => value !== undefined && key !== 'from' && key !== 'to')
    .map(([key, value]) => `${key} = ${String(value)}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function trafficTable(caption: string, rows: readonly TrafficRow[]): string {
  if (rows.length === 0) return '<p class="note">No byte counts in this range.</p>';
  return (
    `<table><thead><tr><th>${e(caption)}</th><th>Sent</th><th>Received</th></tr></thead><tbody>` +
    rows
      .map(
        (r) =>
          `<tr><td>${e(r.name)}</td><td class="n">${e(formatBytes(r.sent))}</td><td class="n">${e(formatBytes(r.received))}</td></tr>`,
      )
      .join('') +
    '</tbody></table>'
  );
}

/** Where the owner runs, when not in the recorder's own namespace and unit: "nwtest · docker:web". */
const placeText = (r: Pick<ConnectionRecord, 'netns' | 'unit'>): string =>
  [r.netns, r.unit].filter((v): v is string => typeof v === 'string' && v !== '').join(' · ');

/** The name asked for as is; reverse DNS with a muted tag saying so. */
function hostCell(r: Pick<ConnectionRecord, 'remoteHost' | 'hostSource'>): string {
  if (r.remoteHost === null) return '';
  return r.hostSource === 'asked'
    ? e(r.remoteHost)
    : `${e(r.remoteHost)} <span class="muted" title="reverse DNS of the address, not the name the program asked for">reverse</span>`;
}

function countedTable(caption: string, rows: readonly { name: string; count: number }[]): string {
  if (rows.length === 0) return `<p class="note">No ${e(caption.toLowerCase())}.</p>`;
  return (
    `<table><thead><tr><th>${e(caption)}</th><th>Connections</th></tr></thead><tbody>` +
    rows.map((r) => `<tr><td>${e(r.name)}</td><td class="n">${r.count}</td></tr>`).join('') +
    '</tbody></table>'
  );
}

/** The attribution the country and AS data's licences ask for. */
function creditsParagraph(): string {
  return (
    '<p class="note" id="data-credits">Country and AS data: ' +
    GEO_DATA_CREDITS.map(
      (c) => `${e(c.what)}: ${e(c.source)}, <a href="${e(c.url)}">${e(c.url)}</a> (${e(c.licence)})`,
    ).join('; ') +
    '.</p>'
  );
}

function firstReaches(rows: readonly FirstReachLine[], time: (ms: number) => string): string {
  if (rows.length === 0)
    return '<p class="note" id="firsts-none">No known program reached a new country or network in this range.</p>';
  return (
    '<table id="firsts"><thead><tr><th>When</th><th>Program</th><th>First connection to</th><th>Executable</th></tr></thead><tbody>' +
    rows
      .map(
        (f) =>
          `<tr><td>${e(time(f.firstSeen))}</td><td>${e(f.program)}</td><td>${e(f.reached)}</td><td>${e(f.exe)}</td></tr>`,
      )
      .join('') +
    '</tbody></table>'
  );
}

function alertsSection(alerts: ReportAlerts, time: (ms: number) => string): string {
  if (!alerts.recorded || alerts.total === 0)
    return '<p class="note" id="alerts-none">No alerts recorded.</p>';
  const rows = alerts.alerts
    .map(
      (a) =>
        `<tr><td>${e(time(a.createdAt))}</td><td>${e(a.severity)}</td><td>${e(a.kind)}</td>` +
        `<td>${e(a.message)}</td><td>${e(a.process)}</td><td>${e(a.exe)}</td>` +
        `<td>${e(a.remoteAddress)}${a.remotePort === null ? '' : `:${a.remotePort}`}</td>` +
        `<td class="n">${a.count}</td><td>${a.acknowledged ? 'yes' : 'no'}</td></tr>`,
    )
    .join('');
  const more =
    alerts.total > alerts.alerts.length
      ? `<p class="note">The newest ${alerts.alerts.length} of ${alerts.total} alerts.</p>`
      : '';
  return (
    '<table><thead><tr><th>Raised</th><th>Severity</th><th>Kind</th><th>Message</th><th>Process</th>' +
    `<th>Executable</th><th>Remote</th><th>Count</th><th>Acknowledged</th></tr></thead><tbody>${rows}</tbody></table>${more}`
  );
}

export function htmlReport(input: HtmlReportInput): HtmlReportParts {
  const time = input.formatTime ?? isoTime;
  const s = input.summary;
  const title = `netwatch report, ${time(s.from)} to ${time(s.to)}`;
  const summary =
    '<dl class="summary">' +
    `<dt>Connections</dt><dd id="sum-connections">${s.connections}</dd>` +
    `<dt>Programs</dt><dd id="sum-programs">${s.programs}</dd>` +
    `<dt>New programs</dt><dd id="sum-new-programs">${s.newPrograms.length}</dd>` +
    `<dt>Alerts</dt><dd id="sum-alerts">${input.alerts.total}</dd>` +
    `<dt>Unattributed</dt><dd id="sum-unattributed">${s.unattributed} (${percent(s.unattributed, s.connections)})</dd>` +
    `<dt>Sent</dt><dd id="sum-sent">${e(formatBytes(s.traffic.sent))}</dd>` +
    `<dt>Received</dt><dd id="sum-received">${e(formatBytes(s.traffic.received))}</dd>` +
    '</dl>';
  const newPrograms =
    s.newPrograms.length === 0
      ? '<p class="note">No programs first seen in this range.</p>'
      : '<table><thead><tr><th>First seen</th><th>Name</th><th>Executable</th></tr></thead><tbody>' +
        s.newPrograms
          .map((p) => `<tr><td>${e(time(p.firstSeen))}</td><td>${e(p.name)}</td><td>${e(p.exe)}</td></tr>`)
          .join('') +
        '</tbody></table>';
  const bucket = s.bucketMs >= 86_400_000 ? `${s.bucketMs / 86_400_000} d` : `${s.bucketMs / 60_000} min`;

  const head =
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)}</title>` +
    `<style>${STYLE}</style></head><body>\n` +
    `<h1>${e(title)}</h1><p class="meta">Made ${e(time(input.createdAt))}. Filters: ${e(filterText(input.filter))}.</p>\n` +
    `<h2>Summary</h2>${summary}\n` +
    `<h2>Connections started (per ${bucket})</h2>${timelineSvg(s.timeline, time, 'Connections started over time')}\n` +
    `<h2>Traffic by program</h2>${trafficTable('Program', s.traffic.byProgram)}\n` +
    `<h2>Top talkers (remote hosts by bytes)</h2>${trafficTable('Remote host', s.traffic.topTalkers)}\n` +
    `<h2>Top programs by connections</h2>${barsSvg(s.topPrograms, 'Top programs by connections')}${countedTable('Program', s.topPrograms)}\n` +
    `<h2>Top remote hosts</h2>${countedTable('Remote host', s.topRemotes)}\n` +
    `<h2>Top ports</h2>${countedTable('Port', s.topPorts)}\n` +
    `<h2>Top countries</h2>${countedTable('Country', s.geo.topCountries)}\n` +
    `<h2>Top networks (AS)</h2>${countedTable('AS', s.geo.topAses)}\n` +
    `<h2>First connections to a country or network</h2>${firstReaches(s.geo.firstReaches, time)}\n` +
    `<h2>New programs</h2>${newPrograms}\n` +
    `<h2>Alerts</h2>${alertsSection(input.alerts, time)}\n` +
    '<h2>Connections</h2><table id="connections"><thead><tr><th>First seen</th><th>Closed</th><th>Proto</th>' +
    '<th>Local</th><th>Remote</th><th>Host</th><th>Country</th><th>AS</th><th>State</th><th>Direction</th>' +
    '<th>PID</th><th>Process</th><th>Executable</th><th>User</th><th>Namespace / unit</th><th>Sent</th><th>Received</th></tr></thead><tbody>\n';

  return {
    head,
    row: (r) =>
      `<tr><td>${e(time(r.firstSeen))}</td><td>${r.closedAt === null ? 'open' : e(time(r.closedAt))}</td>` +
      `<td>${e(r.proto)}${r.family === 6 ? '6' : ''}</td><td>${e(r.localAddress)}:${r.localPort}</td>` +
      `<td>${e(r.remoteAddress)}:${r.remotePort}</td><td>${hostCell(r)}</td><td>${e(r.country ?? null)}</td>` +
      `<td>${r.asn === null || r.asn === undefined ? '' : e(`AS${r.asn}${r.asOrg ? ` ${r.asOrg}` : ''}`)}</td><td>${e(r.state)}</td>` +
      `<td>${e(r.direction)}</td><td class="n">${e(r.pid)}</td><td>${e(r.process)}</td><td>${e(r.exe)}</td>` +
      `<td>${e(r.user)}</td><td>${e(placeText(r))}</td><td class="n">${e(formatBytes(r.bytesSent))}</td>` +
      `<td class="n">${e(formatBytes(r.bytesReceived))}</td></tr>\n`,
    tail: (shown) =>
      '</tbody></table>' +
      (shown < s.connections
        ? `<p class="note" id="table-capped">The newest ${shown} of ${s.connections} connections; export CSV or JSON Lines for all of them.</p>`
        : '') +
      creditsParagraph() +
      '\n</body></html>\n',
  };
}
