// Child of the patched-table test, run in a network namespace of its own (so its sockets are the
// only ones): the sampler with kernel events reads the TCP tables once, then goes through a TCP
// life cycle on loopback. At each step it prints what the sample shows, where its TCP rows came
// from, and what `ss -tanH` shows at the same moment (the oracle), as one JSON line.
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { createLinuxSampler } from '../../../../electron/core/sampler/linux/linux-sampler';

interface Step {
  step: string;
  from: string;
  rows: string[];
  ss: string[];
  bytes?: { sent: number | null; received: number | null; wrote: number };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const sampler = createLinuxSampler({ events: true, reconcileMs: 600_000, onWarning: () => undefined });

const SS_STATES: Record<string, string> = {
  ESTAB: 'ESTABLISHED',
  LISTEN: 'LISTEN',
  'FIN-WAIT-1': 'FIN_WAIT1',
  'FIN-WAIT-2': 'FIN_WAIT2',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  'TIME-WAIT': 'TIME_WAIT',
  'SYN-RECV': 'SYN_RECV',
  CLOSING: 'CLOSING',
};

/** "[::1]:80" or "127.0.0.1:80" -> "::1 80"; ss's "*" is the any address of the family. */
function endpoint(text: string, v6: boolean): string {
  const at = text.lastIndexOf(':');
  let address = text.slice(0, at).replace(/^\[|\]$/g, '');
  if (address === '*' || address === '0.0.0.0' || address === '::') address = v6 ? '::' : '0.0.0.0';
  const port = text.slice(at + 1);
  return `${address} ${port === '*' ? '0' : port}`;
}

function ssRows(): string[] {
  const out: string[] = [];
  for (const [flag, v6] of [
    ['-4', false],
    ['-6', true],
  ] as const) {
    const text = execFileSync('ss', ['-tanH', flag], { encoding: 'utf8' });
    for (const line of text.split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f.length < 5) continue;
      out.push(`${SS_STATES[f[0]!] ?? f[0]} ${endpoint(f[3]!, v6)} > ${endpoint(f[4]!, v6)}`);
    }
  }
  return out.sort();
}

async function step(name: string, inode?: { port: number; wrote: number }): Promise<void> {
  await sleep(400); // the feed's lines arrive through a pipe
  const snapshot = await sampler.sample();
  const ss = ssRows();
  const tcp = snapshot.sockets.filter((s) => s.proto === 'tcp');
  const line: Step = {
    step: name,
    from: sampler.tcpRowsFrom,
    rows: tcp
      .map((s) => `${s.state} ${s.localAddress} ${s.localPort} > ${s.remoteAddress} ${s.remotePort}`)
      .sort(),
    ss,
  };
  if (inode) {
    const row = tcp.find((s) => s.localPort === inode.port && s.state === 'ESTABLISHED');
    line.bytes = { sent: row?.bytesSent ?? null, received: row?.bytesReceived ?? null, wrote: inode.wrote };
  }
  process.stdout.write(JSON.stringify(line) + '\n');
}

function listen(host: string): Promise<{ server: net.Server; port: number; accepted: net.Socket[] }> {
  const accepted: net.Socket[] = [];
  // half open allowed: a client's FIN leaves this end in CLOSE_WAIT until the test ends it
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    s.on('data', () => undefined);
    s.on('error', () => undefined);
    accepted.push(s);
  });
  return new Promise((resolve) =>
    server.listen(0, host, () =>
      resolve({ server, port: (server.address() as net.AddressInfo).port, accepted }),
    ),
  );
}

function connect(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host, () => resolve(socket));
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
  });
}

async function main(): Promise<void> {
  const ready = await sampler.eventsReady?.();
  if (ready?.state !== 'on') throw new Error(`events off: ${ready?.reason}`);
  // Before the full read: a listener and a connection the feed never saw open.
  const old = await listen('127.0.0.1');
  const oldClient = await connect('127.0.0.1', old.port);
  await step('full read');

  const v4 = await listen('127.0.0.1');
  await step('listener');
  const client = await connect('127.0.0.1', v4.port);
  await step('established');

  const chunk = Buffer.alloc(64 * 1024, 7);
  let wrote = 0;
  for (let i = 0; i < 48; i++) {
    wrote += chunk.length;
    if (!client.write(chunk)) await new Promise((r) => client.once('drain', r));
  }
  await step('transfer', { port: client.localPort!, wrote });

  client.end(); // client FIN_WAIT2, server end CLOSE_WAIT
  await step('half closed');
  v4.accepted[0]!.end(); // client TIME_WAIT, server end gone
  await step('closed');

  oldClient.destroy(); // the connection the feed saw only close
  old.server.close();
  v4.server.close();
  await step('old ones closed');

  const v6 = await listen('::1');
  const client6 = await connect('::1', v6.port);
  const mapped = await listen('::');
  const client4to6 = await connect('127.0.0.1', mapped.port);
  await step('IPv6 and v4-mapped');
  client6.destroy();
  client4to6.destroy();
  for (const s of [...v6.accepted, ...mapped.accepted]) s.destroy();
  v6.server.close();
  mapped.server.close();
  await step('IPv6 closed');

  sampler.close();
}

void main().catch((err: Error) => {
  process.stdout.write(JSON.stringify({ error: err.message }) + '\n');
  sampler.close();
  process.exitCode = 1;
});
