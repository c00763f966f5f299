// Bytes through the whole core: a bulk loopback transfer by a program the test starts, sampled by
// the real sampler, shown live, written to the history row at close and to the program's traffic
// series; every count within 10% of what the program itself wrote and read.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { LiveDelta } from '../../../shared/contract';
import { createService } from '../../../electron/core/service';
import { near, startTransfer, type TransferEnd } from '../sampler/bulk-transfer';

const MiB = 2 ** 20;

test('a bulk transfer: live totals, history bytes at close, per-program traffic series', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-traffic-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const dbPath = path.join(dir, 'netwatch.db');
  const service = await createService({ dbPath, autoStart: false, onNotice: () => undefined });
  const deltas: LiveDelta[] = [];
  service.subscribe((name, payload) => {
    if (name === 'live.onDelta') deltas.push(payload as LiveDelta);
  });
  await service.tick();

  const transfer = startTransfer(t, ['pair', String(32 * MiB), String(4 * MiB)]);
  const ends = (await transfer.next(60_000)) as TransferEnd[];
  const client = ends.find((e) => e.role === 'client')!;
  const server = ends.find((e) => e.role === 'server')!;
  await service.tick();
  const seen = deltas.flatMap((d) => [...d.opened, ...d.changed]);
  const live = seen
    .filter(
      (c) => c.proto === 'tcp' && c.localPort === client.localPort && c.remotePort === client.remotePort,
    )
    .at(-1);
  assert.ok(live, 'the client end is live');
  assert.ok(near(live.bytesSent, client.written), `live sent ${live.bytesSent} vs ${client.written}`);
  assert.ok(near(live.bytesReceived, client.read), `live received ${live.bytesReceived} vs ${client.read}`);

  transfer.child.stdin!.end();
  await new Promise((resolve) => transfer.child.once('exit', resolve));
  await service.tick();
  const rows = (await service.handlers.history.query({ filter: { port: server.localPort } })).rows;
  // The end that closed first lingers in TIME_WAIT (no counters there): its row keeps the last totals.
  const rowOf = (end: TransferEnd) =>
    rows.find((r) => r.localPort === end.localPort && r.remotePort === end.remotePort);
  assert.ok(
    rows.some((r) => r.closedAt !== null && r.remotePort !== 0),
    'one end closed',
  );
  for (const end of [client, server]) {
    const row = rowOf(end);
    assert.ok(row, `${end.role}: history row`);
    assert.ok(
      near(row.bytesSent, end.written),
      `${end.role}: history sent ${row.bytesSent} vs ${end.written}`,
    );
    assert.ok(near(row.bytesReceived, end.read), `${end.role}: history received ${row.bytesReceived}`);
  }
  await service.close();

  // Both ends are node: the program's minute of traffic holds both directions of both ends. Other
  // node programs on the machine (tests run side by side) add to it; it never holds less.
  const db = new Database(dbPath, { readonly: true });
  t.after(() => db.close());
  const sum = (metric: string): number =>
    db
      .prepare<[string], { total: number }>(
        'SELECT coalesce(sum(total), 0) AS total FROM series WHERE metric = ? AND bucket_ms = 60000',
      )
      .get(metric)!.total;
  const wrote = client.written + server.written;
  const atLeast = (total: number, expected: number): boolean => total >= expected * 0.9;
  assert.ok(
    atLeast(sum('traffic-sent-by-program'), wrote),
    `series sent ${sum('traffic-sent-by-program')} vs ${wrote}`,
  );
  assert.ok(atLeast(sum('traffic-received-by-program'), client.read + server.read));
});
