// The HTML report and the export columns say where a host name came from: the name asked for as
// is, reverse DNS with a "reverse" tag; CSV and JSON Lines carry hostSource.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXPORT_COLUMNS } from '../../../../electron/core/report/export-columns';
import { htmlReport } from '../../../../electron/core/report/html-report';
import type { ConnectionRecord } from '../../../../shared/model';

function record(
  id: number,
  remoteHost: string | null,
  hostSource: ConnectionRecord['hostSource'],
): ConnectionRecord {
  return {
    id,
    proto: 'tcp',
    family: 4,
    localAddress: '10.0.0.2',
    localPort: 40000 + id,
    remoteAddress: '192.0.2.7',
    remotePort: 443,
    remoteHost,
    hostSource,
    direction: 'outbound',
    state: 'ESTABLISHED',
    pid: 1,
    programId: 1,
    process: 'curl',
    exe: '/usr/bin/curl',
    uid: 0,
    user: 'root',
    firstSeen: 0,
    lastSeen: null,
    closedAt: null,
  };
}

test('report rows: the asked host plain, reverse DNS tagged, none empty', () => {
  const parts = htmlReport({
    filter: {},
    createdAt: 0,
    alerts: { recorded: true, alerts: [], total: 0 },
    summary: {
      from: 0,
      to: 1,
      connections: 3,
      programs: 1,
      newPrograms: [],
      topRemotes: [],
      topPorts: [],
      topPrograms: [],
      unattributed: 0,
      timeline: [],
      bucketMs: 60_000,
      geo: { topCountries: [], topAses: [], firstReaches: [] },
      traffic: { sent: null, received: null, byProgram: [], topTalkers: [] },
    },
  });
  const cell = (r: ConnectionRecord): string => /:443<\/td><td>(.*?)<\/td>/.exec(parts.row(r))?.[1] ?? '';
  assert.equal(cell(record(1, 'telemetry.vendor.example', 'asked')), 'telemetry.vendor.example');
  assert.match(
    cell(record(2, 'a23.akamai.example', 'reverse')),
    /^a23\.akamai\.example <span class="muted" title="[^"]+">reverse<\/span>$/,
  );
  assert.equal(cell(record(3, null, null)), '');
  assert.ok(EXPORT_COLUMNS.some((c) => c.key === 'hostSource' && !c.numeric));
  assert.deepEqual(
    EXPORT_COLUMNS.slice(-3).map((c) => c.key),
    ['hostSource', 'bytesSent', 'bytesReceived'],
    'appended after the older columns, which keep their positions',
  );
});
