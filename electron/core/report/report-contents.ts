// Everything an HTML report shows except its table (the summary and the range's alerts), read at
// one moment: from an export's snapshot, or from the core's own connection for reports.summary.
import type { HistoryFilter } from '../../../shared/contract';
import type { ReportContents } from '../../../shared/report-contents';
import { readReportAlerts } from './report-alerts';
import type { ReportSnapshot } from './report-snapshot';
import { readReportSummary } from './report-summary';

/** Alerts a report lists at most (the total is still given). */
export const REPORT_ALERTS_MAX = 500;

export function readReportContents(
  snapshot: Pick<ReportSnapshot, 'db'>,
  filter: HistoryFilter,
): ReportContents {
  const summary = readReportSummary(snapshot, filter);
  return { summary, alerts: readReportAlerts(snapshot.db, summary.from, summary.to, REPORT_ALERTS_MAX) };
}
