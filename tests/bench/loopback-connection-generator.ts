// Child process of the benchmark: one end of N loopback TCP connections, held open until told to
// stop, its parent goes away (stdin closes) or its time is up. Loopback only; never runs forever.
//   server <count> <ttlSeconds>          listens on 127.0.0.1, prints {"port"}, then {"ready"} at N
//   client <count> <ttlSeconds> <port>   opens N connections to 127.0.0.1:<port>, prints {"ready"}
import net from 'node:net';

const [role, countText, ttlText, portText] = process.argv.slice(2);
const count = Number(countText);
const ttlSeconds = Number(ttlText);
if (!(role === 'server' || role === 'client') || !Number.isInteger(count) || count < 1 || !(ttlSeconds > 0)) {
  process.stderr.write('usage: loopback-connection-generator server|client <count> <ttlSeconds> [port]\n');
  process.exit(2);
}

const held: net.Socket[] = [];
const say = (message: object): void => void process.stdout.write(JSON.stringify(message) + '\n');
// Closed with a reset, not a FIN: no 20,000 TIME_WAIT entries left behind to skew the next run.
const stop = (): void => {
  let open = held.length;
  if (open === 0) process.exit(0);
  for (const socket of held) {
    socket.once('close', () => --open === 0 && process.exit(0));
    socket.resetAndDestroy();
  }
  setTimeout(() => process.exit(0), 3000).unref();
};
setTimeout(stop, ttlSeconds * 1000).unref();
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);

if (role === 'server') {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    held.push(socket);
    if (held.length === count) say({ ready: held.length });
  });
  server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    say({ port: address.port });
  });
} else {
  const port = Number(portText);
  // A few hundred connects in flight at a time: enough to be quick, few enough not to overflow the backlog.
  let started = 0;
  let open = 0;
  const next = (): void => {
    while (started < count && started - open < 256) {
      started++;
      const socket = net.connect({ host: '127.0.0.1', port }, () => {
        open++;
        if (open === count) say({ ready: open });
        else next();
      });
      socket.on('error', (error) => {
        process.stderr.write(`connect failed: ${error.message}\n`);
        process.exit(1);
      });
      held.push(socket);
    }
  };
  next();
}
