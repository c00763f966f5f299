// Figures of exports (not a test): a 1,000,000-row history exported as CSV and JSON Lines to /tmp
// through the same path as `netwatch export --out`: rows/s, peak RSS and heap across the export
// (sampled every 100 ms) against the baseline before it, and the ticks a recorder in another
// process committed to the same database meanwhile. Run: npm run bench -- export.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportToFile } from '../../electron/core/report/export-to-file';
import type { ExportFormat } from '../../electron/core/report/export-format';
import { openStore } from '../../electron/core/store/open-store';

const ROWS = 1_000_000;
const PROGRAMS = 50;
const MB = 1024 * 1024;

function seed(file: string): void {
  openStore({ path: file }).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const start = Date.UTC(2025, 0, 1);
  const program = db.prepare(
    'INSERT INTO programs (id, exe, name, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)',
  );
  const insert = db.prepare(`
    INSERT INTO connections (id, proto, family, local_address, local_port, remote_address, remote_port, remote_host,
      direction, state, pid, program_id, process, exe, uid, user, first_seen, last_seen, closed_at)
    VALUES (?, 'tcp', 4, '10.0.0.2', ?, ?, ?, ?, 'outbound', 'TIME_WAIT', ?, ?, ?, NULL, 1000, 'bench', ?, ?, ?)`);
  db.transaction(() => {
    for (let p = 1; p <= PROGRAMS; p++) program.run(p, `/usr/bin/prog${p}`, `prog "${p}", =x`, start, start);
  })();
  for (let from = 0; from < ROWS; from += 100_000) {
    db.transaction(() => {
      for (let i = from; i < from + 100_000; i++) {
        const p = 1 + (i % PROGRAMS);
        const t = start + i * 2000;
        const remote = (i * 104_729) % 5000;
        insert.run(
          i + 1,
          1024 + (i % 60_000),
          `93.184.${remote >> 8}.${remote & 255}`,
          [443, 80, 53][i % 3],
          remote % 3 === 0 ? `host${remote}.example.net` : null,
          2000 + p,
          p,
          `prog "${p}", =x`,
          t,
          t + 4000,
          t + 5000,
        );
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

async function measure(
  db: string,
  format: ExportFormat,
  out: string,
  recorderTicks: () => number,
): Promise<void> {
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 100);
  const ticksBefore = recorderTicks();
  const t0 = performance.now();
  const result = await exportToFile({
    database: { path: db },
    format,
    filter: {},
    path: out,
    overwrite: true,
  });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const ticks = recorderTicks() - ticksBefore;
  console.log(
    `  ${format}: ${result.rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s (${Math.round(result.rows / seconds).toLocaleString('en-US')} rows/s), ` +
      `${(statSync(out).size / MB).toFixed(0)} MB; peak RSS ${(peakRss / MB).toFixed(0)} MB (baseline ${(base.rss / MB).toFixed(0)} MB, +${((peakRss - base.rss) / MB).toFixed(0)}), ` +
      `peak heap ${(peakHeap / MB).toFixed(0)} MB (baseline ${(base.heapUsed / MB).toFixed(0)} MB); ` +
      `recorder ticks committed meanwhile: ${ticks} (one per 100 ms: ${Math.round((seconds * 1000) / 100)} expected)`,
  );
}

export async function runExportBench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-export-bench-'));
  try {
    const db = path.join(dir, 'history.db');
    const t0 = performance.now();
    seed(db);
    console.log(
      `export: ${ROWS.toLocaleString('en-US')} rows seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const recorder = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'export-recorder-child.ts'), db],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    let ticks = 0;
    recorder.stdout.on('data', (chunk: Buffer) => (ticks += chunk.toString().split('\n').length - 1));
    // Bounded wait for its first tick.
    for (let i = 0; i < 100 && ticks === 0; i++) await new Promise((r) => setTimeout(r, 100));
    try {
      await measure(db, 'csv', path.join(dir, 'out.csv'), () => ticks);
      await measure(db, 'jsonl', path.join(dir, 'out.jsonl'), () => ticks);
    } finally {
      recorder.stdin.end();
      await new Promise((r) => recorder.once('exit', r));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void runExportBench();
