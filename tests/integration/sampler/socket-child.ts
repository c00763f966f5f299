// A child process for the live sampler tests: opens real loopback sockets and prints, as one JSON
// line, every socket's addresses as Node reports them. Holds them until stdin closes or 60 s pass.
//   server            listens: TCP 127.0.0.1, TCP ::1, TCP :: (dual stack), UDP 127.0.0.1, UDP ::1
//   client <ports>    connects: TCP to 127.0.0.1, ::1, and 127.0.0.1 on the dual-stack port
//                     (an IPv4-mapped peer), plus a connected UDP socket
import dgram from 'node:dgram';
import net from 'node:net';

export interface ChildSocket {
  kind: 'tcp-listen' | 'tcp-accepted' | 'tcp-connected' | 'udp-bound' | 'udp-connected';
  localAddress: string;
  localPort: number;
  remoteAddress: string | null;
  remotePort: number | null;
}

const sockets: ChildSocket[] = [];
const held: (net.Socket | net.Server | dgram.Socket)[] = [];

setTimeout(() => process.exit(0), 60_000).unref();
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

function listen(host: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      held.push(socket);
      sockets.push({
        kind: 'tcp-accepted',
        localAddress: socket.localAddress!,
        localPort: socket.localPort!,
        remoteAddress: socket.remoteAddress!,
        remotePort: socket.remotePort!,
      });
    });
    server.once('error', reject);
    // ipv6Only false on '::' so 127.0.0.1 peers arrive as ::ffff:127.0.0.1
    server.listen({ host, port: 0, ipv6Only: false }, () => {
      const address = server.address() as net.AddressInfo;
      sockets.push({
        kind: 'tcp-listen',
        localAddress: address.address,
        localPort: address.port,
        remoteAddress: null,
        remotePort: null,
      });
      held.push(server);
      resolve(server);
    });
  });
}

function bindUdp(type: 'udp4' | 'udp6', host: string): Promise<dgram.Socket> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket(type);
    socket.bind(0, host, () => {
      const address = socket.address();
      sockets.push({
        kind: 'udp-bound',
        localAddress: address.address,
        localPort: address.port,
        remoteAddress: null,
        remotePort: null,
      });
      held.push(socket);
      resolve(socket);
    });
  });
}

function connect(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port }, () => {
      sockets.push({
        kind: 'tcp-connected',
        localAddress: socket.localAddress!,
        localPort: socket.localPort!,
        remoteAddress: socket.remoteAddress!,
        remotePort: socket.remotePort!,
      });
      held.push(socket);
      resolve();
    });
    socket.once('error', reject);
  });
}

async function main(): Promise<void> {
  const [role, ...ports] = process.argv.slice(2);
  if (role === 'server') {
    const servers = await Promise.all([listen('127.0.0.1'), listen('::1'), listen('::')]);
    await bindUdp('udp4', '127.0.0.1');
    await bindUdp('udp6', '::1');
    let expected = 0;
    // Report once the peer's connections have been accepted (the test tells us how many via stdin).
    process.stdin.on('data', (data) => {
      expected = Number(String(data).trim());
      const check = setInterval(() => {
        if (sockets.filter((s) => s.kind === 'tcp-accepted').length >= expected) {
          clearInterval(check);
          process.stdout.write(JSON.stringify(sockets) + '\n');
        }
      }, 10);
    });
    const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
    process.stdout.write(JSON.stringify({ ports }) + '\n');
  } else if (role === 'client') {
    const [v4, v6, dual] = ports.map(Number) as [number, number, number];
    await connect('127.0.0.1', v4);
    await connect('::1', v6);
    await connect('127.0.0.1', dual);
    const udp = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', () => resolve()));
    await new Promise<void>((resolve) => udp.connect(v4, '127.0.0.1', () => resolve()));
    const local = udp.address();
    const remote = udp.remoteAddress();
    sockets.push({
      kind: 'udp-connected',
      localAddress: local.address,
      localPort: local.port,
      remoteAddress: remote.address,
      remotePort: remote.port,
    });
    held.push(udp);
    process.stdout.write(JSON.stringify(sockets) + '\n');
  } else {
    process.stderr.write('usage: socket-child server | client <v4port> <v6port> <dualport>\n');
    process.exit(2);
  }
}

void main();
