// The event stream's sink on a real FIFO: a reader that opened it and never reads, and no reader at
// all, neither block the writer nor grow its memory; the lines it could not hand on are counted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openLineSink } from '../../../electron/core/event-stream/line-sink';

const LINE = `${JSON.stringify({ pad: 'x'.repeat(990) })}\n`;

/** Reads a non-blocking FIFO until it stays empty for 400 ms. */
async function drain(reader: number): Promise<string> {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(1 << 16);
  for (let idle = 0; idle < 20;) {
    let n = 0;
    try {
      n = fs.readSync(reader, buffer);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
    if (n > 0) {
      chunks.push(Buffer.from(buffer.subarray(0, n)));
      idle = 0;
    } else {
      idle++;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return Buffer.concat(chunks).toString();
}

function fifo(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netwatch-sink-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'events.fifo');
  execFileSync('mkfifo', [file]);
  return file;
}

test('a reader that never reads: the buffer stays bounded, drops are counted, whole lines arrive', async (t) => {
  const file = fifo(t);
  const reader = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  t.after(() => fs.closeSync(reader));
  const bound = 256 * 1024;
  const sink = openLineSink(file, { maxBufferedBytes: bound });
  const rssBefore = process.memoryUsage().rss;
  const total = 100_000; // ~100 MB offered
  for (let i = 0; i < total; i++) {
    sink.write(LINE);
    // Give libuv its turns, as the loop's ticks would.
    if (i % 1000 === 0) await new Promise((r) => setImmediate(r));
  }
  const stats = sink.stats();
  const grown = process.memoryUsage().rss - rssBefore;
  assert.equal(stats.written + stats.dropped, total);
  assert.ok(stats.dropped > total * 0.9, `dropped ${stats.dropped}`);
  // What got through fits in the pipe (64 KiB on Linux, at most 1 MiB) plus the bound.
  assert.ok(stats.written * LINE.length <= (1 << 20) + bound + LINE.length, `written ${stats.written}`);
  assert.ok(grown < 40 * 1024 * 1024, `rss grew ${grown} bytes`);

  // Now read: what arrives is whole JSON lines, in order, nothing torn.
  const text = await drain(reader);
  const lines = text.split('\n').filter((l) => l !== '');
  assert.ok(lines.length > 0);
  for (const line of lines) assert.deepEqual(JSON.parse(line), JSON.parse(LINE));
  await sink.close(500);
});

test('no reader yet: lines are dropped and counted at once; a reader that comes gets the later lines', async (t) => {
  const file = fifo(t);
  let now = 0;
  const errors: string[] = [];
  const sink = openLineSink(file, { retryMs: 1000, now: () => now, onError: (m) => errors.push(m) });
  for (let i = 0; i < 10; i++) sink.write(LINE);
  assert.deepEqual(sink.stats(), { written: 0, dropped: 10, reopened: 0 });
  assert.match(errors.join('\n'), /nobody reads/);

  const reader = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  t.after(() => fs.closeSync(reader));
  now = 1500; // past the retry interval: the sink looks again
  sink.write(LINE);
  assert.equal(sink.stats().written, 1);
  await new Promise((r) => setTimeout(r, 100));
  const buffer = Buffer.alloc(4096);
  const n = fs.readSync(reader, buffer);
  assert.equal(buffer.subarray(0, n).toString(), LINE);
  await sink.close(500);
});

test('a tick written in one batch to a stalled reader: cut at a line end, the rest counted as dropped', async (t) => {
  const file = fifo(t);
  const reader = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  t.after(() => fs.closeSync(reader));
  const bound = 64 * 1024;
  const sink = openLineSink(file, { maxBufferedBytes: bound });
  const perTick = 300; // ~300 KB a tick, more than the bound
  const ticks = 50;
  for (let i = 0; i < ticks; i++) {
    sink.writeLines(LINE.repeat(perTick), perTick);
    await new Promise((r) => setImmediate(r));
  }
  const stats = sink.stats();
  assert.equal(stats.written + stats.dropped, perTick * ticks);
  assert.ok(stats.written > 0 && stats.written < perTick * 2, `written ${stats.written}`);

  const text = await drain(reader);
  assert.ok(text.endsWith('\n'), 'no torn line');
  const lines = text.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, stats.written);
  for (const line of lines) assert.deepEqual(JSON.parse(line), JSON.parse(LINE));
  await sink.close(500);
});
