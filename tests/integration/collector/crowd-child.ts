// Listens on 127.0.0.1 and opens COUNT connections to itself from FROM (another loopback address),
// then prints its listening port and the clients' ports as one JSON line: the oracle for what a
// `netwatch remotes` or an export through the collector must list. Holds them until stdin closes.
import net from 'node:net';

const [from, count] = [process.argv[2]!, Number(process.argv[3])];
setTimeout(() => process.exit(0), 120_000).unref();
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
const server = net
  .createServer(() => {})
  .listen(0, '127.0.0.1', async () => {
    const port = (server.address() as net.AddressInfo).port;
    const clients = await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<net.Socket>((resolve, reject) => {
            const s = net.connect({ port, host: '127.0.0.1', localAddress: from }, () => resolve(s));
            s.on('error', reject);
          }),
      ),
    );
    process.stdout.write(`${JSON.stringify({ port, clientPorts: clients.map((c) => c.localPort) })}\n`);
  });
