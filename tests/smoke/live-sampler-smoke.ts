// Live smoke test of the macOS and Windows samplers, run by CI on those runners (it cannot run on
// Linux): open a TCP listener on loopback, sample once, and hold the sampler against the platform's
// own `netstat -an`. The listener must appear with this process's pid and executable, and the
// listening TCP ports must agree with netstat's. Exits 1, saying why, when they do not.
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { createSampler } from '../../electron/core/sampler';

/** Listening TCP ports as netstat -an prints them ("127.0.0.1.5000 ... LISTEN" / "127.0.0.1:5000 ... LISTENING"). */
function netstatListeningPorts(): Set<number> {
  const out = execFileSync('netstat', ['-an'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ports = new Set<number>();
  for (const line of out.split(/\r?\n/)) {
    const tokens = line.trim().split(/\s+/);
    if (!/^tcp/i.test(tokens[0] ?? '') || !tokens.some((t) => /^LISTEN(ING)?$/.test(t))) continue;
    const local = process.platform === 'win32' ? tokens[1] : tokens[3];
    const port = /[.:](\d+)$/.exec(local ?? '')?.[1];
    if (port !== undefined) ports.add(Number(port));
  }
  return ports;
}

const samePath = (a: string, b: string): boolean => {
  const norm = (p: string): string => {
    const real = realpathSync.native(p);
    return process.platform === 'win32' ? real.toLowerCase() : real;
  };
  return norm(a) === norm(b);
};

async function main(): Promise<string[]> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const warnings: string[] = [];
  const sampler = createSampler({ onWarning: (m) => warnings.push(m) });
  const failures: string[] = [];
  try {
    const before = netstatListeningPorts();
    const snapshot = await sampler.sample();
    const after = netstatListeningPorts();
    const listening = snapshot.sockets.filter((s) => s.proto === 'tcp' && s.state === 'LISTEN');
    const ours = listening.find((s) => s.localPort === port);
    if (!ours) failures.push(`the test's listener 127.0.0.1:${port} is not in the snapshot`);
    else {
      if (ours.pid !== process.pid) failures.push(`listener pid ${ours.pid}, expected ${process.pid}`);
      if (ours.exe === null || !samePath(ours.exe, process.execPath))
        failures.push(
          `listener exe ${JSON.stringify(ours.exe)}, expected ${JSON.stringify(process.execPath)}`,
        );
    }
    if (!before.has(port)) failures.push(`netstat -an does not list the test's listener on port ${port}`);
    const sampled = new Set(listening.map((s) => s.localPort));
    // A listener that came or went between the three reads is not a disagreement.
    for (const p of before)
      if (after.has(p) && !sampled.has(p))
        failures.push(`netstat lists port ${p} listening, the sampler does not`);
    for (const p of sampled)
      if (!before.has(p) && !after.has(p))
        failures.push(`the sampler lists port ${p} listening, netstat does not`);
    console.log(
      `${process.platform}: ${snapshot.sockets.length} sockets, ${sampled.size} listening TCP ports (netstat: ${before.size}/${after.size}), ${snapshot.interfaces.length} interfaces, privileged=${snapshot.privileged}`,
    );
    for (const w of warnings) console.log(`warning: ${w}`);
  } finally {
    sampler.close();
    server.close();
  }
  return failures;
}

main().then(
  (failures) => {
    for (const f of failures) console.error(`FAIL: ${f}`);
    process.exit(failures.length === 0 ? 0 : 1);
  },
  (error: unknown) => {
    console.error('FAIL:', error);
    process.exit(1);
  },
);
