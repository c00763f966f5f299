// Exports in the headless mode, end to end over the real core and a real SQLite file: reports.export
// answers with a same-origin link; the link needs the token, streams the export as an attachment
// once, and is gone afterwards; progress arrives as reports.onProgress events.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { CoreService } from '../../../electron/core/core-service';
import { startCore } from '../../../electron/core/service-host';
import { startWebServer, type WebServer } from '../../../electron/web/web-server';
import type { ConnectionRecord } from '../../../shared/model';
import { seedHistory, STEP_MS } from '../report/history-fixture';
import { readCsv } from '../report/rfc4180-reader';
import { openSocket, type TestSocket } from './socket-client';

const dir = mkdtempSync(path.join(tmpdir(), 'netwatch-download-'));
const ROWS = 25_000;
// Recent enough that the core's retention (30 days) keeps them all.
const START = Date.now() - (ROWS + 10) * STEP_MS;
/** The seeded rows only: the core records this machine's sockets into the same file meanwhile. */
const SEEDED = { to: START + (ROWS - 1) * STEP_MS };
let core: CoreService;
let server: WebServer;
let client: TestSocket;

before(async () => {
  const db = path.join(dir, 'history.db');
  seedHistory(db, ROWS, START);
  core = await startCore({ dbPath: db, intervalMs: 250, onNotice: () => {} });
  server = await startWebServer({ core, rendererDir: null });
  client = await openSocket(server.port, server.token);
});

after(async () => {
  client?.ws.close();
  await server?.close();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function askLink(id: number, format: string, filter: object = {}): Promise<string> {
  const answer = await client.call(id, 'reports.export', { format, filter, exportId: `link-${id}-abcdef` });
  assert.equal(answer.ok, true, JSON.stringify(answer));
  const value = answer.value as { status: string; url: string };
  assert.equal(value.status, 'download');
  assert.match(value.url, /^\/export\/[A-Za-z0-9_-]{32}\?token=/);
  return value.url;
}

const base = () => `http://127.0.0.1:${server.port}`;

test('the link streams the JSON Lines export once, as an attachment, with progress events', async () => {
  const url = await askLink(1, 'jsonl', { ...SEEDED, proto: 'udp' });
  const expected = (await core.handlers.history.query({ filter: { ...SEEDED, proto: 'udp' }, limit: 1 }))
    .rows[0]!;

  const response = await fetch(base() + url);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/jsonl/);
  assert.match(
    response.headers.get('content-disposition') ?? '',
    /^attachment; filename="netwatch-.*\.jsonl"$/,
  );
  const lines = (await response.text()).trimEnd().split('\n');
  const rows = lines.map((line) => JSON.parse(line) as ConnectionRecord);
  assert.equal(rows.length, Math.ceil(ROWS / 3));
  assert.ok(rows.every((r) => r.proto === 'udp'));
  assert.deepEqual(rows[0], expected);

  const done = await client.next(
    (f) => f.type === 'event' && f.name === 'reports.onProgress' && (f.payload as { done: boolean }).done,
  );
  assert.deepEqual(done.payload, { exportId: 'link-1-abcdef', rows: rows.length, done: true, error: null });

  const again = await fetch(base() + url);
  assert.equal(again.status, 404, 'a link works once');
  await again.text();
});

test('the link needs the token, and a wrong one is refused without spending it', async () => {
  const url = await askLink(2, 'csv', SEEDED);
  const bare = url.replace(/\?token=.*$/, '');
  const none = await fetch(base() + bare);
  assert.equal(none.status, 401);
  await none.text();
  const wrong = await fetch(`${base()}${bare}?token=wrong`);
  assert.equal(wrong.status, 403);
  await wrong.text();
  const head = await fetch(base() + url, { method: 'HEAD' });
  assert.equal(head.status, 405);
  const right = await fetch(base() + url);
  assert.equal(right.status, 200);
  assert.match(right.headers.get('content-type') ?? '', /^text\/csv/);
  const text = await right.text();
  assert.equal(readCsv(text).length, ROWS + 1, 'the header and every row');
});

test('an unknown or made-up link is a 404, and another Host is refused', async () => {
  const made = await fetch(`${base()}/export/${'A'.repeat(32)}?token=${server.token}`);
  assert.equal(made.status, 404);
  await made.text();
  const url = await askLink(3, 'html');
  const rebinding = await new Promise<number>((resolve, reject) => {
    import('node:http')
      .then(({ request }) => {
        const req = request(base() + url, { headers: { Host: 'evil.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      })
      .catch(reject);
  });
  assert.equal(rebinding, 403);
  const html = await fetch(base() + url);
  assert.equal(html.status, 200);
  assert.match(html.headers.get('content-security-policy') ?? '', /sandbox/);
  assert.match(await html.text(), /<\/html>\n$/);
});
