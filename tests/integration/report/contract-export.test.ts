// An export made through the contract (how a client of the system collector exports: rows paged
// out of history.query, the report's summary from reports.summary) holds exactly what the same
// export made from a snapshot of the database holds: CSV, JSON Lines and the HTML report, hostile
// names included, the report's table capped at the same row.
import assert from 'node:assert/strict';
import path from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import type { HistoryFilter } from '../../../shared/contract';
import { openReadingSource } from '../../../electron/cli/reading-api';
import { exportToStream } from '../../../electron/core/report/contract-export';
import type { ExportFormat } from '../../../electron/core/report/export-format';
import { runExport } from '../../../electron/core/report/export-runner';
import { HTML_TABLE_MAX_ROWS } from '../../../electron/core/report/html-report';
import { openReportSnapshot } from '../../../electron/core/report/report-snapshot';
import { tempDir } from '../store/temp-dir';
import { seedHistory, STEP_MS, T0 } from './history-fixture';

const ROWS = HTML_TABLE_MAX_ROWS + 300;
const NOW = Date.UTC(2025, 5, 1);

function collector(): { out: Writable; text: () => string } {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { out, text: () => text };
}

async function fromSnapshot(db: string, format: ExportFormat, filter: HistoryFilter): Promise<string> {
  const snapshot = openReportSnapshot({ path: db });
  const sink = collector();
  try {
    await runExport({ snapshot, format, filter, out: sink.out, now: () => NOW });
  } finally {
    snapshot.close();
  }
  return sink.text();
}

test('through the contract: the same CSV, JSON Lines and HTML report as from the database', async (t) => {
  const dir = tempDir(t, 'netwatch-contract-export-');
  const db = path.join(dir, 'history.db');
  seedHistory(db, ROWS);
  // The contract as the CLI answers it from a database of its own (the collector's handlers read
  // the same store the same way).
  const source = await openReadingSource({ err: () => {}, env: { NETWATCH_NO_COLLECTOR: '1' } }, db);
  t.after(() => source.close());

  const filters: HistoryFilter[] = [
    {},
    { proto: 'udp' },
    { from: T0 + 100 * STEP_MS, to: T0 + 900 * STEP_MS },
  ];
  for (const filter of filters) {
    for (const format of ['csv', 'jsonl', 'html'] as const) {
      const sink = collector();
      let progress = 0;
      const { rows } = await exportToStream(
        { handlers: source.api, format, filter, now: () => NOW, onProgress: (n) => (progress = n) },
        sink.out,
      );
      const expected = await fromSnapshot(db, format, filter);
      assert.ok(sink.text() === expected, `${format} ${JSON.stringify(filter)}: the same bytes`);
      assert.equal(progress, rows);
      if (format === 'html' && Object.keys(filter).length === 0) {
        assert.equal(rows, HTML_TABLE_MAX_ROWS, 'the table stops where a local report stops');
        assert.match(sink.text(), /id="table-capped">The newest 5000 of 5300 connections/);
      }
      if (format === 'jsonl') assert.equal(sink.text().trimEnd().split('\n').length, rows);
    }
  }
});
