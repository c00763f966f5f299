// kill -9 of the collector while it records: the database stays whole (integrity_check), every
// row committed before the kill is still there, and a client says it is disconnected, reconnects
// by itself when the collector is back, and reads history through it again.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import net from 'node:net';
import { describe, it } from 'node:test';
import { collectorAsCore } from '../../../electron/core/collector/collector-as-core';
import { connectContractClient } from '../../../electron/transport/unix-socket-client';
import { restartCollector, startCollector, tempDir } from './collector-harness';

const waitFor = async (what: string, check: () => boolean | Promise<boolean>, ms = 30_000) => {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 100)))
    if (await check()) return;
  throw new Error(`timed out waiting for ${what}`);
};

describe('collector restart', { skip: process.getuid?.() === 0 ? false : 'needs root' }, () => {
  it('survives kill -9: integrity holds, committed rows kept, the client reconnects', async (t) => {
    const dir = tempDir(t, 'netwatch-restart-');
    const collector = startCollector(t, { dir, group: 'root' });
    await collector.ready();
    const notices: string[] = [];
    const core = collectorAsCore(await connectContractClient(collector.socket, { retryMs: 200 }), (m) =>
      notices.push(m),
    );
    t.after(() => core.close());
    const states: boolean[] = [];
    core.onReconnected(() => states.push(true));

    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    t.after(() => server.close());
    const port = (server.address() as net.AddressInfo).port;
    const seen = async () =>
      (await core.handlers.history.query({ filter: { port }, cursor: null, limit: 10 })).rows.length > 0;
    await waitFor('the listener in history', seen);

    // What is committed now, read beside the collector; then kill it without warning.
    const before = new Database(collector.db, { readonly: true });
    const { n, maxId } = before.prepare('SELECT count(*) AS n, max(id) AS maxId FROM connections').get() as {
      n: number;
      maxId: number;
    };
    before.close();
    await collector.stop('SIGKILL');

    await waitFor('the client to notice', () => notices.some((m) => m.includes('went away')));
    const down = await core.handlers.status.get({});
    assert.equal(down.watchedBy?.connected, false);
    assert.match(down.watchedBy?.text ?? '', /disconnected/);
    await assert.rejects(core.handlers.history.query({ filter: {}, cursor: null, limit: 1 }), /disconnected/);

    const db = new Database(collector.db, { readonly: true });
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();

    restartCollector(collector);
    await collector.ready();
    await waitFor('the client to reconnect', () => states.length > 0);
    const up = await core.handlers.status.get({});
    assert.equal(up.watchedBy?.connected, true);
    assert.match(up.watchedBy?.text ?? '', /^System collector: all users/);
    assert.ok(await seen(), 'history through the client again, the listener in it');

    const after = new Database(collector.db, { readonly: true });
    const kept = after.prepare('SELECT count(*) AS n FROM connections WHERE id <= ?').get(maxId) as {
      n: number;
    };
    assert.equal(after.pragma('integrity_check', { simple: true }), 'ok');
    after.close();
    assert.equal(kept.n, n, 'every row committed before the kill is still there');
  });
});
