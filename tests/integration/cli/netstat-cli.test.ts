// The `netwatch` command as a user runs it (the CLI entry under tsx, so it is always today's
// source, no build needed): exit codes, usage errors, a listener this test opened in the -tunap
// table and in --json, -r/-s/-i --json, and interval mode ended by Ctrl-C and by `| head`.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const entry = ['--import', 'tsx', path.join(root, 'electron/cli/main.ts')];

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function netwatch(args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...entry, ...args],
      { cwd: root, timeout: 30_000, maxBuffer: 1 << 26 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

const JSON_FIELDS = [
  'proto',
  'family',
  'localAddress',
  'localPort',
  'remoteAddress',
  'remotePort',
  'state',
  'recvQ',
  'sendQ',
  'uid',
  'user',
  'inode',
  'pid',
  'process',
  'exe',
  'cmdline',
  'processStart',
  'country',
  'asn',
  'asOrg',
  'bytesSent',
  'bytesReceived',
];

describe('netwatch CLI', () => {
  let server: net.Server;
  let port: number;

  before(async () => {
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  after(() => server.close());

  it('-tunap lists the listener this test opened, with its PID/Program name', async () => {
    const { code, stdout, stderr } = await netwatch(['-tunap']);
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
    const lines = stdout.split('\n');
    assert.equal(lines[0], 'Active Internet connections (servers and established)');
    assert.match(lines[1]!, /^Proto Recv-Q Send-Q Local Address +Foreign Address +State +PID\/Program name$/);
    const mine = new RegExp(
      `^tcp +\\d+ +\\d+ 127\\.0\\.0\\.1:${port} +0\\.0\\.0\\.0:\\* +LISTEN +${process.pid}/node$`,
      'm',
    );
    assert.match(stdout, mine);
  });

  it('--json prints one array of objects with exactly the documented fields', async () => {
    const { code, stdout } = await netwatch(['-tlnp', '--json']);
    assert.equal(code, 0);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    assert.ok(Array.isArray(rows) && rows.length > 0);
    for (const row of rows) assert.deepEqual(Object.keys(row), JSON_FIELDS);
    const mine = rows.find((r) => r.localPort === port)!;
    assert.deepEqual(
      {
        ...mine,
        inode: typeof mine.inode,
        uid: typeof mine.uid,
        processStart: typeof mine.processStart,
        cmdline: typeof mine.cmdline,
      },
      {
        proto: 'tcp',
        family: 4,
        localAddress: '127.0.0.1',
        localPort: port,
        remoteAddress: '0.0.0.0',
        remotePort: 0,
        state: 'LISTEN',
        recvQ: 0,
        sendQ: 0,
        uid: 'number',
        user: 'root',
        inode: 'number',
        pid: process.pid,
        process: 'node',
        exe: fs.realpathSync(process.execPath),
        cmdline: 'string',
        processStart: 'number',
        // a listener has no one on the other end: no country, no AS
        country: null,
        asn: null,
        asOrg: null,
        // a listener moves no bytes: the kernel's counters are not read for it
        bytesSent: null,
        bytesReceived: null,
      },
    );
  });

  it('shows names without -n: localhost from the hosts file', async () => {
    const { code, stdout } = await netwatch(['-tl']);
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`localhost:${port} `));
  });

  it('-r, -s and -i print their tables as JSON too', async () => {
    const routes = JSON.parse((await netwatch(['-rn', '--json'])).stdout) as {
      family: number;
      iface: string;
    }[];
    assert.ok(
      routes.length > 0 && routes.every((r) => (r.family === 4 || r.family === 6) && r.iface.length > 0),
    );
    const stats = JSON.parse((await netwatch(['-s', '--json'])).stdout) as Record<
      string,
      Record<string, number>
    >;
    assert.equal(typeof stats.Tcp?.ActiveOpens, 'number');
    const interfaces = JSON.parse((await netwatch(['-i', '--json'])).stdout) as {
      name: string;
      rxBytes: number;
    }[];
    assert.ok(interfaces.some((i) => i.name === 'lo' && i.rxBytes >= 0));
  });

  it('answers a bad flag, a bad interval and an unknown command with one line, a hint and exit 2', async () => {
    for (const [args, message] of [
      [['-tq'], 'netwatch: unknown option -q'],
      [['-tn', 'soon'], "netwatch: bad interval 'soon': expected seconds, e.g. 2 or 0.5"],
      [['-tn', '0'], "netwatch: bad interval '0': between 0.1 and 86400 seconds"],
      [['frobnicate'], "netwatch: unknown command 'frobnicate'"],
    ] as const) {
      const { code, stdout, stderr } = await netwatch([...args]);
      assert.equal(code, 2, args.join(' '));
      assert.equal(stdout, '');
      assert.equal(stderr, `${message}\nTry 'netwatch --help' for more information.\n`);
    }
  });

  it('--help exits 0 and names the switches', async () => {
    const { code, stdout } = await netwatch(['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: netwatch/);
    assert.match(stdout, /-o, --pid/);
    assert.match(stdout, /-b, --exe/);
  });

  it('repeats every interval and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [...entry, '-tn', '0.2'], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while ((stdout.match(/^Active Internet connections/gm) ?? []).length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(timer);
    assert.equal(code, 0);
    assert.equal(stderr, '');
    assert.ok((stdout.match(/^Active Internet connections/gm) ?? []).length >= 2);
  });

  it('stops quietly when its reader goes away (| head)', async () => {
    const command = `'${process.execPath}' ${entry.map((a) => `'${a}'`).join(' ')} -tan 0.1 | head -n 3`;
    const result = await new Promise<Result & { ms: number }>((resolve) => {
      const started = Date.now();
      execFile(
        'bash',
        ['-c', `set -o pipefail; ${command}`],
        { cwd: root, timeout: 30_000 },
        (error, stdout, stderr) =>
          resolve({
            code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
            stdout,
            stderr,
            ms: Date.now() - started,
          }),
      );
    });
    assert.equal(result.stdout.split('\n').length, 4, 'three lines and the final newline');
    assert.equal(result.stderr, '', 'no EPIPE stack trace');
    assert.equal(result.code, 0, 'netwatch itself exits 0 (pipefail)');
  });
});
