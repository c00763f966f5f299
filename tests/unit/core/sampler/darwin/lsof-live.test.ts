// The lsof field parser against a real lsof: the sockets this test opens on loopback must come back
// with the addresses and ports Node itself reports for them. Linux's lsof prints the same -F format
// as macOS's; where no lsof is installed (Windows), the runner must say so clearly instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { CommandFailedError, runChecked } from '../../../../../electron/core/sampler/checked-command';
import { LSOF_ARGS } from '../../../../../electron/core/sampler/darwin/darwin-sampler';
import { parseLsofFields } from '../../../../../electron/core/sampler/darwin/lsof-field-parser';
import { createExecFileRunner } from '../../../../../electron/core/sampler/exec-file-runner';

test("a real lsof sees this process's loopback sockets as Node reports them", async () => {
  const run = createExecFileRunner({ defaultTimeoutMs: 20_000 });
  const server = net.createServer((socket) => socket.on('error', () => undefined));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  await once(client, 'connect');
  const udp = dgram.createSocket('udp6');
  udp.bind(0, '::1');
  await once(udp, 'listening');
  try {
    // Only this process (-a -p): the backend's own arguments otherwise.
    const args = [...LSOF_ARGS, '-a', '-p', String(process.pid)];
    let text: string;
    try {
      text = await runChecked(run, 'lsof', args, {
        okCodes: [1],
        okCodesNeedQuietStderr: true,
        timeoutMs: 20_000,
      });
    } catch (error) {
      assert.ok(error instanceof CommandFailedError, String(error));
      assert.match(error.message, /^lsof .* failed: lsof was not found \(is it installed and on PATH\?\)$/);
      return;
    }
    const sockets = parseLsofFields(text).sockets;
    assert.ok(sockets.every((s) => s.process.pid === process.pid));
    assert.ok(sockets.every((s) => s.process.uid === process.getuid?.()));
    const listen = server.address() as net.AddressInfo;
    const key = (s: (typeof sockets)[number]): string =>
      `${s.proto} ${s.local.address}:${s.local.port} ${s.remote ? `${s.remote.address}:${s.remote.port}` : '-'} ${s.state ?? ''}`;
    const seen = new Set(sockets.map(key));
    const expected = [
      `tcp ${listen.address}:${listen.port} - LISTEN`,
      `tcp ${client.localAddress}:${client.localPort} ${client.remoteAddress}:${client.remotePort} ESTABLISHED`,
      `udp ${udp.address().address}:${udp.address().port} - `,
    ];
    for (const line of expected) assert.ok(seen.has(line), `${line} not in:\n${[...seen].join('\n')}`);
    assert.ok(sockets.some((s) => s.process.command === 'node' || s.process.command?.startsWith('node')));
  } finally {
    client.destroy();
    udp.close();
    server.close();
  }
});
