import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { LiveDelta } from '../../../shared/contract';
import { startCore } from '../../../electron/core/service-host';

function tempDb(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-worker-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'netwatch.db');
}

test('the core runs in a worker thread: calls, events, pause/resume and a clean close', async (t) => {
  const dbPath = tempDb(t);
  const notices: string[] = [];
  const core = await startCore({ dbPath, intervalMs: 250, onNotice: (m) => notices.push(m) });
  let closed = false;
  t.after(async () => {
    if (!closed) await core.close();
  });
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  t.after(() => server.close());
  const port = (server.address() as net.AddressInfo).port;

  // Deltas arrive on their own, from the worker's loop; wait (bounded) for our listener.
  const seen = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 15_000);
    const stop = core.subscribe((name, payload) => {
      if (name === 'live.onDelta' && (payload as LiveDelta).opened.some((c) => c.localPort === port)) {
        clearTimeout(timer);
        stop();
        resolve(true);
      }
    });
  });
  assert.ok(seen, 'the listener arrived as a delta');

  const status = await core.handlers.status.get({});
  assert.equal(status.sampling, true);
  assert.equal(status.database.path, dbPath);
  const page = await core.handlers.history.query({ filter: { port } });
  assert.equal(page.rows[0]?.direction, 'listen');
  await assert.rejects(core.handlers.settings.set({ sampleIntervalMs: 5 }), /sampleIntervalMs|>=|250/);
  await assert.rejects(
    core.handlers.reports.export({ format: 'csv', filter: {}, exportId: 'test-export-csv' }),
    /not by the core/,
  );
  assert.equal((await core.handlers.status.pause({})).paused, true);
  assert.equal((await core.handlers.status.resume({})).paused, false);

  await core.close();
  closed = true;
  await assert.rejects(core.handlers.status.get({}), /stopped/);
  const db = new Database(dbPath, { readonly: true });
  try {
    assert.equal(
      db.prepare('SELECT count(*) FROM connections WHERE closed_at IS NULL').pluck().get(),
      0,
      'closed cleanly',
    );
    assert.ok(Number(db.prepare('SELECT count(*) FROM connections').pluck().get()) > 0);
  } finally {
    db.close();
  }
});

test('a database the core must refuse fails the start with its message', async (t) => {
  const dbPath = tempDb(t);
  const db = new Database(dbPath);
  db.pragma('user_version = 999');
  db.close();
  await assert.rejects(startCore({ dbPath }), /newer netwatch \(schema 999/);
});
