// Child of the unprivileged test: opens its own loopback listener, takes one sample and prints
// it as JSON, with the port of its listener. Run as another user to see what a non-root user sees.
import net from 'node:net';
import { createLinuxSampler } from '../../../electron/core/sampler/linux/linux-sampler';

const server = net.createServer().listen(0, '127.0.0.1', () => {
  void createLinuxSampler()
    .sample()
    .then((snapshot) => {
      const port = (server.address() as net.AddressInfo).port;
      process.stdout.write(JSON.stringify({ port, pid: process.pid, snapshot }) + '\n');
      server.close();
    });
});
