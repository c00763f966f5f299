// Child process of the UI benchmark: loopback TCP connections that keep opening and closing, so
// every sampling tick has a delta. Holds about <pool> connections, replacing <perSecond> a second,
// until its parent goes away (stdin closes) or <ttlSeconds> pass. Loopback only; never runs forever.
//   loopback-churn <pool> <perSecond> <ttlSeconds>     prints {"ready": pool}
import net from 'node:net';

const [pool, perSecond, ttlSeconds] = process.argv.slice(2).map(Number);
if (!(pool! >= 1 && perSecond! >= 1 && ttlSeconds! > 0)) {
  process.stderr.write('usage: loopback-churn <pool> <perSecond> <ttlSeconds>\n');
  process.exit(2);
}
const stop = (): void => process.exit(0);
setTimeout(stop, ttlSeconds! * 1000).unref();
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();

const open: net.Socket[] = [];
const server = net.createServer((s) => s.on('error', () => undefined));
server.listen({ host: '127.0.0.1', port: 0, backlog: 1024 }, () => {
  const { port } = server.address() as net.AddressInfo;
  const connect = (): void => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.on('error', () => undefined);
    open.push(s);
  };
  for (let i = 0; i < pool!; i++) connect();
  process.stdout.write(`${JSON.stringify({ ready: pool })}\n`);
  // Ten steps a second: close the oldest, open as many new.
  const step = Math.max(1, Math.round(perSecond! / 10));
  setInterval(() => {
    for (let i = 0; i < step; i++) {
      open.shift()?.destroy();
      connect();
    }
  }, 100);
});
