// The report's traffic: bytes by program and by remote host from the connections' counts, past
// 32 bits, honouring the filter; rows without counts (UDP without kernel events) are left out,
// and a range with none says unknown rather than 0.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import path from 'node:path';
import { test } from 'node:test';
import { readReportTraffic } from '../../../electron/core/report/report-traffic';
import { openReportSnapshot } from '../../../electron/core/report/report-snapshot';
import { openStore } from '../../../electron/core/store/open-store';
import { tempDir } from '../store/temp-dir';

const T = Date.UTC(2025, 0, 1);
const GiB = 2 ** 30;

test('traffic by program and top talkers, from the rows the filter keeps', (t) => {
  const file = path.join(tempDir(t, 'netwatch-report-traffic-'), 'history.db');
  openStore({ path: file }).close();
  const db = new Database(file);
  const program = db.prepare(
    'INSERT INTO programs (id, exe, name, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)',
  );
  program.run(1, '/usr/bin/rsync', 'rsync', T, T);
  program.run(2, '/usr/bin/curl', 'curl', T, T);
  const insert =
    db.prepare(`INSERT INTO connections (id, proto, family, local_address, local_port, remote_address,
    remote_port, remote_host, direction, program_id, first_seen, bytes_sent, bytes_received)
    VALUES (?, ?, 4, '10.0.0.2', 40000, ?, ?, ?, 'outbound', ?, ?, ?, ?)`);
  insert.run(1, 'tcp', '203.0.113.5', 22, 'backup.example', 1, T, 5 * GiB, 2_000);
  insert.run(2, 'tcp', '203.0.113.5', 22, null, 1, T + 1, 1 * GiB, 1_000);
  insert.run(3, 'tcp', '198.51.100.7', 443, '<b>cdn</b>', 2, T + 2, 500, 3 * GiB);
  insert.run(4, 'udp', '198.51.100.53', 53, null, 2, T + 3, null, null);
  db.close();

  const snapshot = openReportSnapshot({ path: file });
  t.after(() => snapshot.close());
  const all = readReportTraffic(snapshot, {});
  assert.equal(all.sent, 6 * GiB + 500);
  assert.equal(all.received, 3 * GiB + 3_000);
  assert.deepEqual(all.byProgram, [
    { name: 'rsync', sent: 6 * GiB, received: 3_000 },
    { name: 'curl', sent: 500, received: 3 * GiB },
  ]);
  assert.deepEqual(
    all.topTalkers.map((r) => r.name),
    ['203.0.113.5 (backup.example)', '198.51.100.7 (<b>cdn</b>)'],
  );
  const udpOnly = readReportTraffic(snapshot, { proto: 'udp' });
  assert.equal(udpOnly.sent, null, 'no counts: unknown, not 0');
  assert.deepEqual(udpOnly.byProgram, []);
});
