// reports.*: the core cannot choose where an export goes, so each face answers reports.export
// itself: the app after its save dialog (electron/app/save-export.ts), `netwatch serve` with a
// download link (electron/web/export-downloads.ts), the CLI with --out or stdout. All of them
// stream through electron/core/report. A face that did not reaches this answer. reports.summary
// gives a client of the system collector, which cannot open the collector's database, what the
// HTML report shows besides its rows (those it pages through history.query).
import type { ContractHandlers } from '../../../shared/contract';
import { readReportContents } from '../report/report-contents';
import type { ServiceContext } from '../service-context';

export function createReportsHandlers(ctx: ServiceContext): ContractHandlers['reports'] {
  return {
    export: async () => {
      throw new Error('exports are made by the app, `netwatch serve` or `netwatch export`, not by the core');
    },
    // Read on the core's own connection, synchronously: no tick commits between its queries.
    summary: async ({ filter }) => readReportContents(ctx.store, filter),
  };
}
