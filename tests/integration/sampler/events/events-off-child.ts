// Child of the unprivileged kernel-events test: asks for the event feed as whoever runs it, takes
// one sample with its own loopback listener open, and prints the feed's state and the snapshot.
import net from 'node:net';
import { createLinuxSampler } from '../../../../electron/core/sampler/linux/linux-sampler';

const notices: string[] = [];
const sampler = createLinuxSampler({ events: true, onWarning: (m) => notices.push(m) });
const server = net.createServer().listen(0, '127.0.0.1', () => {
  void (async () => {
    const ready = await sampler.eventsReady?.();
    const snapshot = await sampler.sample();
    const port = (server.address() as net.AddressInfo).port;
    process.stdout.write(JSON.stringify({ port, pid: process.pid, ready, notices, snapshot }) + '\n');
    sampler.close();
    server.close();
  })();
});
