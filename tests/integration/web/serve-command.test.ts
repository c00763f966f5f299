// `netwatch serve` in-process: prints the URL with its token, serves, and on Ctrl+C closes the
// server and the core; refusals (bad flags, a port in use) are one clear message and an exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServe, type ServeDeps } from '../../../electron/cli/commands/serve';
import { UsageError } from '../../../electron/cli/cli-command';
import type { CoreOptions } from '../../../electron/core/core-service';
import { createPlainCore, type PlainCore } from './plain-core';
import { get } from './socket-client';

function deps(overrides: Partial<ServeDeps> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  const cores: PlainCore[] = [];
  const started: CoreOptions[] = [];
  const d: ServeDeps = {
    async startCore(options) {
      started.push(options);
      const core = createPlainCore();
      cores.push(core);
      return core;
    },
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    signal: stop.signal,
    env: { NETWATCH_DB: '/tmp/from-env.db' },
    rendererDir: null,
    ...overrides,
  };
  return { d, out, err, stop, cores, started };
}

test('prints the token URL, serves it, and Ctrl+C closes server and core with exit 0', async () => {
  const { d, out, stop, cores, started } = deps();
  const running = await startServe(['--db', '/tmp/netwatch-serve-test.db'], d);
  assert.ok(typeof running !== 'number');
  assert.deepEqual(
    started.map((o) => o.dbPath),
    ['/tmp/netwatch-serve-test.db'],
  );
  const url = new URL(
    out.find((l) => l.startsWith('netwatch is serving at '))!.slice('netwatch is serving at '.length),
  );
  assert.equal(url.hostname, '127.0.0.1');
  assert.ok(url.searchParams.get('token')!.length >= 40);
  const page = await get(Number(url.port), `${url.pathname}${url.search}`, { Host: url.host });
  assert.equal(page.status, 503, 'not built here: the page says so, behind the token');
  stop.abort();
  assert.equal(await running.done, 0);
  assert.equal(cores[0]!.closed, true);
  await assert.rejects(get(Number(url.port), '/', { Host: url.host }), /ECONNREFUSED/);
});

test('a port in use is one clear line and exit 1, and the core is closed again', async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as net.AddressInfo).port;
  const { d, err, cores } = deps();
  assert.equal(await startServe(['--port', String(port)], d), 1);
  assert.match(
    err.join('\n'),
    new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: port ${port} is in use`),
  );
  assert.equal(cores[0]!.closed, true);
  blocker.close();
});

test('bad flags are a usage error, the core never started; --help prints usage, exit 0', async () => {
  const { d, out, started } = deps();
  await assert.rejects(
    startServe(['--port', 'lots'], d),
    (e: unknown) =>
      e instanceof UsageError &&
      /^serve: --port/.test(e.message) &&
      e.helpCommand === 'netwatch serve --help',
  );
  assert.equal(await startServe(['--help'], d), 0);
  assert.match(out.join('\n'), /--host HOST/);
  assert.equal(started.length, 0);
});

test('a core that cannot start is reported, not thrown', async () => {
  const { d, err } = deps({
    startCore: async () => {
      throw new Error('database is newer than this netwatch');
    },
  });
  assert.equal(await startServe([], d), 1);
  assert.match(err.join('\n'), /could not start: database is newer/);
});

test('a host other than loopback is served only when asked, with a warning', async () => {
  const { d, err, out, stop, started } = deps();
  const running = await startServe(['--host', '0.0.0.0'], d);
  assert.ok(typeof running !== 'number');
  assert.match(err.join('\n'), /every address: anyone who can reach it/);
  assert.match(out[0]!, /^netwatch is serving at http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  assert.equal(started[0]!.dbPath, '/tmp/from-env.db', 'NETWATCH_DB when no --db');
  stop.abort();
  assert.equal(await running.done, 0);
});
