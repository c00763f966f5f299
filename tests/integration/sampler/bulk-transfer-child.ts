// A test's own TCP traffic with its own byte counts, the oracle of the byte counter tests:
//   pair SEND REPLY               both ends on loopback in this process
//   serve HOST SEND REPLY         a server (run inside a network namespace); prints {"port"}
//   connect HOST PORT SEND REPLY  a client of it
// The client sends SEND bytes, the server answers REPLY once all arrived; each end then prints
// what it wrote and read as one JSON line and holds the connection until stdin closes.
import net from 'node:net';

const CHUNK = Buffer.alloc(1 << 20, 0x5a);

/** Writes n bytes, respecting backpressure. */
function pour(socket: net.Socket, n: number, done: () => void): void {
  let left = n;
  const more = (): void => {
    while (left > 0) {
      const piece = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
      left -= piece.length;
      if (!socket.write(piece)) {
        socket.once('drain', more);
        return;
      }
    }
    done();
  };
  more();
}

/** Counts what arrives; calls back once `n` bytes did. */
function drink(socket: net.Socket, n: number, done: () => void): () => number {
  let got = 0;
  let told = n === 0;
  if (told) setImmediate(done);
  socket.on('data', (d: Buffer) => {
    got += d.length;
    if (!told && got >= n) {
      told = true;
      done();
    }
  });
  return () => got;
}

function holdUntilStdinCloses(...sockets: net.Socket[]): void {
  process.stdin.resume();
  process.stdin.on('end', () => {
    for (const s of sockets) s.destroy();
    process.exit(0);
  });
}

function serve(
  host: string,
  send: number,
  reply: number,
  onEnd: (s: net.Socket, read: number) => void,
): net.Server {
  const server = net.createServer((socket) => {
    const read = drink(socket, send, () => pour(socket, reply, () => onEnd(socket, read())));
  });
  server.listen(0, host);
  return server;
}

function client(
  host: string,
  port: number,
  send: number,
  reply: number,
  onEnd: (s: net.Socket, read: number) => void,
): void {
  const socket = net.connect(port, host, () => {
    // Done once all is written (bytesWritten final) and the whole reply has arrived.
    let waits = 2;
    const one = (): void => {
      if (--waits === 0) onEnd(socket, read());
    };
    const read = drink(socket, reply, one);
    pour(socket, send, one);
  });
}

const report = (role: string, s: net.Socket, read: number): Record<string, unknown> => ({
  role,
  localAddress: s.localAddress,
  localPort: s.localPort,
  remoteAddress: s.remoteAddress,
  remotePort: s.remotePort,
  written: s.bytesWritten,
  read,
});

const [mode, ...args] = process.argv.slice(2);
if (mode === 'pair') {
  const [send, reply] = args.map(Number) as [number, number];
  const ends: Record<string, unknown>[] = [];
  const sockets: net.Socket[] = [];
  const done = (role: string) => (s: net.Socket, read: number) => {
    ends.push(report(role, s, read));
    sockets.push(s);
    if (ends.length === 2) {
      process.stdout.write(`${JSON.stringify(ends)}\n`);
      holdUntilStdinCloses(...sockets);
    }
  };
  const server = serve('127.0.0.1', send, reply, done('server'));
  server.on('listening', () => {
    const address = server.address() as net.AddressInfo;
    client('127.0.0.1', address.port, send, reply, done('client'));
  });
} else if (mode === 'serve') {
  const [host, send, reply] = [args[0]!, Number(args[1]), Number(args[2])];
  const server = serve(host, send, reply, (s, read) => {
    process.stdout.write(`${JSON.stringify([report('server', s, read)])}\n`);
    holdUntilStdinCloses(s);
  });
  server.on('listening', () =>
    process.stdout.write(`${JSON.stringify({ port: (server.address() as net.AddressInfo).port })}\n`),
  );
} else if (mode === 'connect') {
  const [host, port, send, reply] = [args[0]!, Number(args[1]), Number(args[2]), Number(args[3])];
  client(host, port, send, reply, (s, read) => {
    process.stdout.write(`${JSON.stringify([report('client', s, read)])}\n`);
    holdUntilStdinCloses(s);
  });
} else {
  process.stderr.write('usage: pair SEND REPLY | serve HOST SEND REPLY | connect HOST PORT SEND REPLY\n');
  process.exit(2);
}
