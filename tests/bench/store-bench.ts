// Figures of the history store (not a test): ticks persisted per second at 10,000 held connections
// with 100 and 1,000 connections/s of churn and the write time per tick; history page latency over a
// 1,000,000-row database (500 rows by program and time range), the 24-hour per-program summary, and
// database bytes per 1,000,000 connection rows. Run: npm run bench -- store (or this file directly).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toTickWrite } from '../../electron/core/monitor/changes';
import { Monitor } from '../../electron/core/monitor/monitor';
import { ProgramHasher } from '../../electron/core/monitor/program-hasher';
import { HOUR_MS, MINUTE_MS } from '../../electron/core/monitor/series-metrics';
import { openStore } from '../../electron/core/store/open-store';
import type { SocketRow } from '../../shared/model';

const DAY = 86_400_000;
const HELD = 10_000;
const PROGRAMS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function stats(samples: number[]): { p50: number; p90: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

const ms = (n: number): string => `${n.toFixed(2)} ms`;

function socketRow(i: number, remotePort: number): SocketRow {
  const pid = 1000 + (i % PROGRAMS);
  return {
    proto: 'tcp',
    family: 4,
    localAddress: '10.0.0.2',
    localPort: 1024 + (i % 64_000),
    remoteAddress: `172.16.${(i >> 8) & 255}.${i & 255}`,
    remotePort,
    state: 'ESTABLISHED',
    recvQ: 0,
    sendQ: 0,
    uid: 1000,
    user: 'bench',
    inode: 100_000 + i,
    pid,
    process: `prog${pid % PROGRAMS}`,
    exe: `/usr/bin/prog${pid % PROGRAMS}`,
    cmdline: `prog${pid % PROGRAMS} --serve`,
    processStart: 1,
  };
}

/** Write path: the real monitor and store on a file, one transaction per tick. */
function writeBench(dir: string, churnPerSecond: number, ticks: number): void {
  const file = path.join(dir, `write-${churnPerSecond}.db`);
  const store = openStore({ path: file });
  const monitor = new Monitor({ hasher: new ProgramHasher({ procRoot: path.join(dir, 'no-proc') }) });
  const held = Array.from({ length: HELD }, (_, i) => socketRow(i, 443));
  let wall = Date.UTC(2025, 0, 1);
  let mono = 0;
  let next = HELD;
  let churn: SocketRow[] = [];
  const monitorMs: number[] = [];
  const writeMs: number[] = [];
  for (let tick = 0; tick <= ticks; tick++) {
    // Each tick churnPerSecond connections open and as many close (each lives 5 ticks).
    const fresh = Array.from({ length: churnPerSecond }, () => socketRow(next++, 8443));
    churn = [...churn, ...fresh].slice(-churnPerSecond * 5);
    wall += 1000;
    mono += 1000;
    const t0 = performance.now();
    const changes = monitor.apply({
      takenAt: wall,
      monotonicMs: mono,
      sockets: [...held, ...churn],
      interfaces: [],
      privileged: true,
    });
    const t1 = performance.now();
    store.writeTick(toTickWrite(changes));
    const t2 = performance.now();
    if (tick === 0) {
      console.log(
        `  first tick (${HELD + churn.length} rows inserted): monitor ${ms(t1 - t0)}, write ${ms(t2 - t1)}`,
      );
      continue;
    }
    monitorMs.push(t1 - t0);
    writeMs.push(t2 - t1);
  }
  const w = stats(writeMs);
  const m = stats(monitorMs);
  console.log(
    `  churn ${churnPerSecond}/s, ${HELD} held: write per tick p50 ${ms(w.p50)} p90 ${ms(w.p90)} mean ${ms(w.mean)}; ` +
      `monitor diff p50 ${ms(m.p50)}; ticks/s persisted: store ${(1000 / w.mean).toFixed(0)}, monitor+store ${(1000 / (w.mean + m.mean)).toFixed(0)}`,
  );
  store.close();
}

/** A 1,000,000-row history over 30 days, built with large transactions, plus series as retention leaves them. */
function buildHistory(file: string, rows: number): { end: number; connectionBytes: number } {
  const store = openStore({ path: file });
  const end = Date.UTC(2025, 1, 1);
  const start = end - 30 * DAY;
  const db = store.db;
  const programs = db.prepare(
    `INSERT INTO programs (id, exe, sha256, name, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let p = 1; p <= PROGRAMS; p++)
      programs.run(p, `/usr/bin/prog${p}`, 'ab'.repeat(32), `prog${p}`, start, end);
  })();
  const insert = db.prepare(`
    INSERT INTO connections (id, proto, family, local_address, local_port, remote_address, remote_port, remote_host,
      direction, state, pid, program_id, process, exe, uid, user, first_seen, last_seen, closed_at)
    VALUES (?, 'tcp', 4, '10.0.0.2', ?, ?, ?, ?, ?, 'TIME_WAIT', ?, ?, ?, NULL, 1000, 'bench', ?, ?, ?)`);
  const step = (end - start) / rows;
  const batch = 100_000;
  for (let from = 0; from < rows; from += batch) {
    db.transaction(() => {
      for (let i = from; i < Math.min(rows, from + batch); i++) {
        const programId = 1 + ((i * 7919) % PROGRAMS);
        const firstSeen = Math.floor(start + i * step);
        const remote = (i * 104_729) % 2000;
        insert.run(
          i + 1,
          1024 + (i % 60_000),
          `93.184.${remote >> 8}.${remote & 255}`,
          [443, 80, 53, 22][i % 4],
          remote % 3 === 0 ? `host${remote}.example.net` : null,
          i % 10 === 0 ? 'inbound' : 'outbound',
          2000 + programId,
          programId,
          `prog${programId}`,
          firstSeen,
          firstSeen + 4000,
          firstSeen + 5000,
        );
      }
    })();
  }
  store.checkpoint();
  const connectionBytes = statSync(file).size;
  // Series as the aggregator and retention leave them: hour buckets for 30 days, and minute
  // buckets too for the last day.
  const series = db.prepare(
    `INSERT INTO series (metric, bucket, bucket_ms, key, total, weight) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const newPerHour = Math.round(rows / 30 / 24 / PROGRAMS);
  db.transaction(() => {
    for (let t = start; t < end; t += HOUR_MS) {
      for (let p = 1; p <= PROGRAMS; p++) {
        series.run('connections-by-program', t, HOUR_MS, `#${p}`, 20 * 3600, 3600);
        series.run('new-by-program', t, HOUR_MS, `#${p}`, newPerHour, 3600);
      }
    }
    for (let t = end - DAY; t < end; t += MINUTE_MS) {
      for (let p = 1; p <= PROGRAMS; p++) {
        series.run('connections-by-program', t, MINUTE_MS, `#${p}`, 20 * 60, 60);
        series.run('new-by-program', t, MINUTE_MS, `#${p}`, Math.round(newPerHour / 60), 60);
      }
    }
  })();
  store.checkpoint();
  store.close();
  return { end, connectionBytes };
}

function queryBench(file: string, end: number): void {
  const store = openStore({ path: file });
  const pageMs: number[] = [];
  const nextPageMs: number[] = [];
  let rowsSeen = 0;
  for (let q = 0; q < 300; q++) {
    const programId = 1 + ((q * 31) % PROGRAMS);
    const from = end - (1 + (q % 28)) * DAY;
    const t0 = performance.now();
    const page = store.history({ programId, from, to: from + DAY }, null, 500);
    const t1 = performance.now();
    pageMs.push(t1 - t0);
    rowsSeen += page.rows.length;
    if (page.next) {
      const t2 = performance.now();
      store.history({ programId, from, to: from + DAY }, page.next, 500);
      nextPageMs.push(performance.now() - t2);
    }
  }
  const textMs: number[] = [];
  for (let q = 0; q < 50; q++) {
    const t0 = performance.now();
    store.history({ program: `prog${1 + (q % PROGRAMS)}`, from: end - 7 * DAY }, null, 500);
    textMs.push(performance.now() - t0);
  }
  const summaryMs: number[] = [];
  for (let q = 0; q < 50; q++) {
    const to = end - q * HOUR_MS - (q % 2) * 30 * 60_000;
    const t0 = performance.now();
    store.programSummary(to - DAY, to);
    summaryMs.push(performance.now() - t0);
  }
  const rawSummary: number[] = [];
  const raw = store.db.prepare(
    'SELECT program_id, count(*) FROM connections WHERE first_seen >= ? AND first_seen < ? GROUP BY program_id',
  );
  for (let q = 0; q < 5; q++) {
    const t0 = performance.now();
    raw.all(end - DAY - q * HOUR_MS, end - q * HOUR_MS);
    rawSummary.push(performance.now() - t0);
  }
  const p = stats(pageMs);
  const n = stats(nextPageMs);
  const tx = stats(textMs);
  const s = stats(summaryMs);
  console.log(
    `  500-row page by program id + 1-day range: p50 ${ms(p.p50)} p90 ${ms(p.p90)} (avg ${(rowsSeen / 300).toFixed(0)} rows)`,
  );
  console.log(`  following page (cursor): p50 ${ms(n.p50)} p90 ${ms(n.p90)}`);
  console.log(`  500-row page by program text + 7-day range: p50 ${ms(tx.p50)} p90 ${ms(tx.p90)}`);
  console.log(`  24-hour per-program summary (series): p50 ${ms(s.p50)} p90 ${ms(s.p90)}`);
  console.log(`  (for reference, the same count from raw rows: p50 ${ms(stats(rawSummary).p50)})`);
  store.close();
}

export async function runStoreBench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-bench-store-'));
  try {
    console.log('store: write path (real monitor + store, file DB, WAL, synchronous=NORMAL)');
    writeBench(dir, 100, 60);
    writeBench(dir, 1000, 60);

    console.log('store: queries over a 1,000,000-row history');
    const file = path.join(dir, 'history.db');
    const t0 = performance.now();
    const { end, connectionBytes } = buildHistory(file, 1_000_000);
    console.log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    console.log(
      `  database bytes per 1,000,000 connection rows: ${(connectionBytes / 1e6).toFixed(1)} MB (${(connectionBytes / 1e6).toFixed(0)} bytes/row)`,
    );
    const check = new Database(file, { readonly: true });
    const t1 = performance.now();
    check.pragma('quick_check(1)');
    console.log(`  quick_check at open of this file: ${ms(performance.now() - t1)}`);
    check.close();
    queryBench(file, end);
    console.log(`  rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  } finally {
    if (process.env.KEEP_BENCH_DB) console.log(dir);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void runStoreBench();
