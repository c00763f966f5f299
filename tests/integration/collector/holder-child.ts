// A process that holds one TCP listener on loopback and prints, as one JSON line, what it knows of
// itself (pid, executable, port): the oracle for who owns the socket. Exits when stdin closes.
import net from 'node:net';
import { realpathSync } from 'node:fs';

const host = process.argv[2] ?? '127.0.0.1';
setTimeout(() => process.exit(0), 120_000).unref();
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
const server = net.createServer().listen(0, host, () => {
  const { port } = server.address() as net.AddressInfo;
  process.stdout.write(
    `${JSON.stringify({ pid: process.pid, exe: realpathSync(process.execPath), port, uid: process.getuid?.() })}\n`,
  );
});
