// `netwatch record --events FILE`: the JSON lines, read back by JSON.parse, are the connections
// `netwatch history --json` holds for the same period (opened and closed at the same times, by
// the same program), a hostile program name survives exactly without a raw control character in
// the file, and SIGHUP after a rename (log rotation) sends the later events to a new file.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { holdConnections, netwatchSync, sleep, startRecord, waitFor } from './fleet-processes';

interface EcsLine {
  '@timestamp': string;
  event: { kind: string; action: string; start: string; end?: string };
  process?: { pid?: number; executable?: string; name?: string };
  source?: Endpoint;
  destination: Endpoint;
  netwatch: {
    connection: {
      key: string;
      direction: string;
      first_seen: number;
      closed_at: number | null;
    };
  };
}

interface Endpoint {
  ip: string;
  port: number;
}

/** This machine's end: the destination of what comes in (and of a listener), else the source. */
const local = (e: EcsLine): Endpoint =>
  e.netwatch.connection.direction === 'outbound' ? e.source! : e.destination;
/** The other end; a listener has none (port 0 never matches a test's port). */
const remote = (e: EcsLine): Endpoint =>
  e.netwatch.connection.direction === 'outbound' ? e.destination : (e.source ?? { ip: '', port: 0 });

interface HistoryRow {
  proto: string;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  direction: string;
  pid: number | null;
  exe: string | null;
  firstSeen: number;
  closedAt: number | null;
}

/** Lines of an event file: each must be one JSON object, with no raw control or bidi character. */
function readLines(file: string): (EcsLine & { event: { dataset: string }; message?: string })[] {
  const text = readFileSync(file, 'utf8');
  assert.ok(text === '' || text.endsWith('\n'), 'whole lines only');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u, line);
      return JSON.parse(line) as EcsLine & { event: { dataset: string }; message?: string };
    });
}

/** The connection events of an event file. */
function readEvents(file: string): EcsLine[] {
  return readLines(file).filter((e) => e.event.dataset === 'netwatch.connection');
}

/** Both ends; a listener by its local end alone (the stream gives it no remote end). */
const tuple = (c: {
  direction: string;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}) =>
  c.direction === 'listen'
    ? `${c.localAddress}:${c.localPort}>listen`
    : `${c.localAddress}:${c.localPort}>${c.remoteAddress}:${c.remotePort}`;

test(
  'the event stream matches history; SIGHUP reopens the file after a rename',
  { timeout: 180_000 },
  async (t) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-events-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const accepted: net.Socket[] = [];
    const server = net.createServer((s) => accepted.push(s)).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    t.after(() => server.close());
    const port = (server.address() as net.AddressInfo).port;
    const db = path.join(dir, 'h.db');
    const events = path.join(dir, 'events.jsonl');
    const record = await startRecord(['--db', db, '--interval', '250', '--events', events]);
    t.after(() => record.stop());
    // The first tick is done (this test's listener is in the stream): programs started from now
    // on are new, not learned as the first run's baseline.
    await waitFor('the first tick', 120_000, () =>
      readEvents(events).some((e) => local(e).port === port) ? true : null,
    );

    const hostile = `nwev${process.pid}-"q\\b\n\u001b]0;x\u0007\u202eevil\u0085`;
    // This side closes first: the programs' own sockets then end for good (no TIME_WAIT remnant).
    const closeRound = async (
      holder: Awaited<ReturnType<typeof holdConnections>>,
      file: string,
    ): Promise<void> => {
      // Held until recorded (a loaded machine's tick can take longer than a fixed wait).
      await waitFor('the connections in the event file', 120_000, () => {
        const seen = readEvents(file).filter(
          (e) => e.event.action === 'connection-opened' && holder.ports.includes(local(e).port),
        );
        return seen.length === holder.ports.length ? true : null;
      });
      for (const s of accepted) if (holder.ports.includes(s.remotePort ?? -1)) s.destroy();
      await sleep(300);
      await holder.closeAll();
      await holder.stop();
    };
    const first = await holdConnections(hostile, port, 4);
    const firstExe = realpathSync(first.exe);
    // The new program raises its alert, streamed with the hostile name exactly.
    await waitFor('the new-program alert', 120_000, () =>
      readLines(events).some(
        (e) =>
          e.event.kind === 'alert' && e.event.action === 'new-program' && e.process?.executable === firstExe,
      )
        ? true
        : null,
    );

    await closeRound(first, events);
    await waitFor('the first round in the event file', 120_000, () => {
      const closed = readEvents(events).filter(
        (e) => e.event.action === 'connection-closed' && first.ports.includes(local(e).port),
      );
      return closed.length === 4 ? true : null;
    });

    renameSync(events, `${events}.1`);
    record.child.kill('SIGHUP');
    await waitFor('the new file', 10_000, () => {
      try {
        readFileSync(events);
        return true;
      } catch {
        return null;
      }
    });
    const second = await holdConnections(`nwev${process.pid}-second`, port, 3);

    await closeRound(second, events);
    await waitFor('the second round in the new file', 120_000, () => {
      const closed = readEvents(events).filter(
        (e) => e.event.action === 'connection-closed' && second.ports.includes(local(e).port),
      );
      return closed.length === 3 ? true : null;
    });
    server.close();
    await sleep(600);
    assert.equal(await record.stop(), 0, record.stderr());
    assert.doesNotMatch(record.stderr(), /events:/, 'no event was dropped or failed');

    const rotated = readEvents(`${events}.1`);
    const fresh = readEvents(events);
    // The rotation split the stream: nothing of the second round went to the old file.
    assert.ok(!rotated.some((e) => remote(e).port === port && second.ports.includes(local(e).port)));
    assert.ok(fresh.some((e) => second.ports.includes(local(e).port)));
    const ours = [...rotated, ...fresh].filter((e) => local(e).port === port || remote(e).port === port);

    const history = netwatchSync(['history', '--db', db, '--port', String(port), '--all', '--json']);
    assert.equal(history.status, 0, history.stderr);
    const rows = JSON.parse(history.stdout) as HistoryRow[];
    // Listener + 7 outbound from the programs + 7 inbound accepted by this test.
    assert.equal(rows.length, 15, history.stdout);
    const shutdownAt = Math.max(...rows.map((r) => r.closedAt ?? 0));

    const opened = new Map(
      ours.filter((e) => e.event.action === 'connection-opened').map((e) => [e.netwatch.connection.key, e]),
    );
    const closed = new Map(
      ours.filter((e) => e.event.action === 'connection-closed').map((e) => [e.netwatch.connection.key, e]),
    );
    const describe = (e: EcsLine) =>
      tuple({
        direction: e.netwatch.connection.direction,
        localAddress: local(e).ip,
        localPort: local(e).port,
        remoteAddress: remote(e).ip,
        remotePort: remote(e).port,
      });
    assert.equal(opened.size, rows.length);
    for (const row of rows) {
      const open = [...opened.values()].find(
        (e) => describe(e) === tuple(row) && e.netwatch.connection.first_seen === row.firstSeen,
      );
      assert.ok(open, `no opened event for ${tuple(row)} at ${row.firstSeen}`);
      assert.equal(open.event.start, new Date(row.firstSeen).toISOString());
      assert.equal(open.netwatch.connection.direction, row.direction);
      // A socket may show its owner a tick after it opened: then the opened event has none yet.
      if (open.process?.pid !== undefined) assert.equal(open.process.pid, row.pid);
      if (open.process?.executable !== undefined) assert.equal(open.process.executable, row.exe);
      const end = closed.get(open.netwatch.connection.key);
      if (end) {
        assert.equal(end.process?.pid ?? null, row.pid, 'the closing event names the owner as history does');
        assert.equal(end.process?.executable ?? null, row.exe);
      }
      if (row.closedAt !== null && row.closedAt < shutdownAt) {
        assert.ok(end, `no closed event for ${tuple(row)}`);
      }
      // Still open when recording stopped (this side's TIME_WAIT remnants): history closes them at
      // the last tick and the stream says nothing; one that closed in that tick has its event.
      if (end) {
        assert.equal(end.netwatch.connection.closed_at, row.closedAt);
        assert.equal(end['@timestamp'], new Date(row.closedAt ?? 0).toISOString());
      } else {
        assert.equal(row.closedAt, shutdownAt, `${tuple(row)} closed before the end without an event`);
      }
    }
    // The programs' own connections, by the ports their sockets reported, and the hostile name exactly.
    const byPort = (ports: number[]) =>
      [...opened.values()].filter(
        (e) => e.netwatch.connection.direction === 'outbound' && ports.includes(local(e).port),
      );
    assert.equal(byPort(first.ports).length, 4);
    for (const e of byPort(first.ports)) assert.equal(e.process?.executable, firstExe);
    assert.equal(byPort(second.ports).length, 3);
  },
);
