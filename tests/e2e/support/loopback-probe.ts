// Child process of the end-to-end tests: a program that opens loopback sockets and reports the
// addresses Node gives them (the tests' oracle), then closes them when told.
//   loopback-probe <connections> [ignored args...]
// stdout, one JSON line: {"pid", "listen": {port}, "v6": {port}|null, "udp": {port},
//   "clients": [{"localPort", "remotePort"}], "accepted": [{"localPort", "remotePort"}]}
// stdin "close\n": closes every socket, prints {"closed":true}; stdin end or 120 s: exits.
import dgram from 'node:dgram';
import net from 'node:net';
import readline from 'node:readline';

const count = Math.max(1, Math.min(50, Number(process.argv[2] ?? 3) || 3));
const sockets: net.Socket[] = [];
const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
setTimeout(() => process.exit(0), 120_000).unref();

function listen(server: net.Server, host: string): Promise<number | null> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(null));
    server.listen({ host, port: 0 }, () => resolve((server.address() as net.AddressInfo).port));
  });
}

async function main(): Promise<void> {
  const accepted: net.Socket[] = [];
  const server = net.createServer((s) => {
    s.on('error', () => undefined);
    accepted.push(s);
  });
  const port = await listen(server, '127.0.0.1');
  if (port === null) throw new Error('cannot listen on 127.0.0.1');
  const server6 = net.createServer((s) => s.destroy());
  const port6 = await listen(server6, '::1');
  const udp = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => udp.bind({ address: '127.0.0.1', port: 0 }, () => resolve()));

  for (let i = 0; i < count; i++) {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    sockets.push(socket);
  }
  while (accepted.length < count) await new Promise((r) => setTimeout(r, 10));

  say({
    pid: process.pid,
    listen: { port },
    v6: port6 === null ? null : { port: port6 },
    udp: { port: udp.address().port },
    clients: sockets.map((s) => ({ localPort: s.localPort, remotePort: s.remotePort })),
    accepted: accepted.map((s) => ({ localPort: s.localPort, remotePort: s.remotePort })),
  });

  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() !== 'close') return;
    for (const s of [...sockets, ...accepted]) s.destroy();
    server.close();
    server6.close();
    udp.close();
    say({ closed: true });
  });
  lines.on('close', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`loopback-probe: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
