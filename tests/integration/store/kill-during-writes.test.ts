import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../../electron/core/store/open-store';
import { ROWS_PER_TICK, T0 } from './write-ticks-child';
import { tempDir } from './temp-dir';

const child = path.join(__dirname, 'write-ticks-child.ts');

/** Starts the writer, waits until it reported `ticks` commits, kills it with SIGKILL mid-write. */
function writeThenKill(file: string, ticks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let last = 0;
    let seen = 0;
    let buffer = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        last = Number(line);
        if (++seen === ticks) proc.kill('SIGKILL');
      }
    });
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the writer ended without being killed (${signal})`));
      else resolve(last);
    });
  });
}

test('kill -9 during writes: integrity_check passes and at most the tick in flight is lost', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'netwatch.db');
  for (let round = 0; round < 3; round++) {
    const lastReported = await writeThenKill(file, 40);
    const db = new Database(file, { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      const perTick = db
        .prepare(
          'SELECT first_seen AS at, count(*) AS n FROM connections GROUP BY first_seen ORDER BY first_seen',
        )
        .all() as { at: number; n: number }[];
      const maxTick = (perTick.at(-1)!.at - T0) / 1000;
      // Every tick reported committed is there, whole; the one after it is whole or absent.
      assert.ok(
        maxTick === lastReported || maxTick === lastReported + 1,
        `round ${round}: ${maxTick} vs ${lastReported}`,
      );
      for (const { at, n } of perTick) assert.equal(n, ROWS_PER_TICK, `tick ${(at - T0) / 1000} is whole`);
      assert.equal(perTick.length, maxTick, 'no tick missing');
    } finally {
      db.close();
    }
  }
  // Opening for writing closes what the killed run left open, at its last tick.
  const store = openStore({ path: file });
  try {
    const lastTick = store.startState().lastTickAt!;
    const open = store.db.prepare('SELECT count(*) FROM connections WHERE closed_at IS NULL').pluck().get();
    assert.equal(open, 0);
    const recovered = store.db
      .prepare('SELECT count(*) FROM connections WHERE first_seen = ? AND closed_at = ?')
      .pluck()
      .get(lastTick, lastTick);
    assert.equal(recovered, ROWS_PER_TICK, "the last tick's connections were closed at that tick");
  } finally {
    store.close();
  }
});
