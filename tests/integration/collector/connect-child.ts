// A process that connects once over TCP to HOST PORT and prints, as one JSON line, what it knows
// of its end (pid, local address and port): the oracle for a connection the collector records.
// Holds the connection until stdin closes.
import net from 'node:net';

const [host, port] = [process.argv[2]!, Number(process.argv[3])];
setTimeout(() => process.exit(0), 120_000).unref();
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
const socket = net.connect(port, host, () => {
  process.stdout.write(
    `${JSON.stringify({ pid: process.pid, localAddress: socket.localAddress, localPort: socket.localPort, uid: process.getuid?.() })}\n`,
  );
});
socket.on('error', (error) => {
  process.stderr.write(`connect-child: ${error.message}\n`);
  process.exit(1);
});
