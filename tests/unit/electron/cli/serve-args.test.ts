import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServeArgs } from '../../../../electron/cli/commands/serve';

const NO_FLEET = { metrics: null, events: null };

test('defaults: 127.0.0.1, a free port, the default database', () => {
  assert.deepEqual(parseServeArgs([]), {
    ok: true,
    options: { host: '127.0.0.1', port: 0, dbPath: undefined, fleet: NO_FLEET },
  });
});

test('--host, --port and --db as given; IPv6 may come in brackets', () => {
  assert.deepEqual(parseServeArgs(['--host', '0.0.0.0', '--port', '8080', '--db', '/tmp/x.db']), {
    ok: true,
    options: { host: '0.0.0.0', port: 8080, dbPath: '/tmp/x.db', fleet: NO_FLEET },
  });
  assert.deepEqual(parseServeArgs(['--host=[::1]', '--port=0']), {
    ok: true,
    options: { host: '::1', port: 0, dbPath: undefined, fleet: NO_FLEET },
  });
});

test('bad flags get a clear message, not a crash', () => {
  const cases: [string[], RegExp][] = [
    [['--port', '70000'], /--port: expected a number from 0 to 65535/],
    [['--port', '-1'], /--port/],
    [['--port', '80a'], /--port/],
    [['--host', 'a b'], /--host: not a host/],
    [['--host', 'x/../y'], /--host/],
    [['--db', ''], /--db/],
    [['--metrics', 'example.com:9464'], /--metrics: the host must be an IP address/],
    [['--metrics', '99999'], /--metrics: port out of range/],
    [['--events', ''], /--events: expected a file path, or - for stdout/],
    [['--open-hint'], /Unknown option '--open-hint'/],
    [['stray'], /positional|Unexpected argument/i],
  ];
  for (const [argv, message] of cases) {
    const parsed = parseServeArgs(argv);
    assert.equal(parsed.ok, false, argv.join(' '));
    if (!parsed.ok) {
      assert.equal(parsed.help, false);
      assert.match(parsed.message, message);
    }
  }
  const help = parseServeArgs(['-h']);
  assert.ok(!help.ok && help.help && /usage: netwatch serve/.test(help.message));
});

test('--metrics and --events for a fleet: loopback unless a host is written out', () => {
  assert.deepEqual(parseServeArgs(['--metrics', '9464', '--events', '-']), {
    ok: true,
    options: {
      host: '127.0.0.1',
      port: 0,
      dbPath: undefined,
      fleet: { metrics: { host: '127.0.0.1', port: 9464 }, events: '-' },
    },
  });
});
