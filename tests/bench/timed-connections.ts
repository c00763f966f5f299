// Child of the events benchmark: opens <perSecond> loopback TCP connections a second for
// <seconds>, holds each <lifetimeMs>, then prints {"clients": [ports]}: the client ports its own
// server saw, the oracle of what a sampler should have caught, all owned by this process.
//   timed-connections <lifetimeMs> <perSecond> <seconds>
import net from 'node:net';

const [lifetimeMs, perSecond, seconds] = process.argv.slice(2).map(Number);
if (!(lifetimeMs! >= 0 && perSecond! >= 1 && seconds! > 0 && seconds! <= 120)) {
  process.stderr.write('usage: timed-connections <lifetimeMs> <perSecond> <seconds>\n');
  process.exit(2);
}
const clients: number[] = [];
const server = net.createServer((s) => {
  clients.push(s.remotePort!);
  s.on('error', () => undefined);
});
server.listen({ host: '127.0.0.1', port: 0, backlog: 1024 }, () => {
  const { port } = server.address() as net.AddressInfo;
  const timer = setInterval(() => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.on('error', () => undefined);
    s.once('connect', () => setTimeout(() => s.destroy(), lifetimeMs));
  }, 1000 / perSecond!);
  setTimeout(() => {
    clearInterval(timer);
    setTimeout(() => {
      process.stdout.write(`${JSON.stringify({ port, clients })}\n`);
      process.exit(0);
    }, lifetimeMs! + 1500);
  }, seconds! * 1000);
});
