// The whole Linux sampler pointed at recorded /proc trees: the hostile one (expected owners worked
// out by hand), and a real recording checked against the ss output and Node addresses of its moment.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createLinuxSampler } from '../../../../../electron/core/sampler/linux/linux-sampler';
import { endpointKey, parseSs } from '../../../../integration/sampler/ss-oracle';

const fixtures = path.resolve(__dirname, '../../../../fixtures/proc');

function samplerFor(tree: string, warnings: string[] = []) {
  const root = path.join(fixtures, tree);
  return createLinuxSampler({
    procRoot: root,
    etcRoot: path.join(root, 'etc'),
    onWarning: (m) => warnings.push(m),
  });
}

describe('linux sampler on the hostile tree', () => {
  it('attributes sockets by hand-worked expectations and never fails on odd processes', async () => {
    const warnings: string[] = [];
    const snapshot = await samplerFor('hostile', warnings).sample();
    const byInode = new Map(snapshot.sockets.filter((s) => s.inode !== 0).map((s) => [s.inode, s]));

    const evil = byInode.get(4001)!;
    assert.equal(evil.pid, 100);
    assert.equal(evil.process, 'evil) (name\nx');
    assert.equal(evil.exe, '/opt/evil/bin/evil', 'the " (deleted)" suffix is dropped');
    assert.equal(evil.cmdline, 'evil --flag with space');
    assert.equal(evil.processStart, 1700000000000 + 50_000);
    assert.equal(evil.user, 'alice', 'uid 1000 is the first passwd entry for it');

    assert.equal(byInode.get(4002)!.pid, 100, 'a shared socket goes to the lowest pid');
    assert.equal(byInode.get(4021)!.pid, 150, 'a shared socket goes to the lowest pid');
    assert.equal(byInode.get(4011)!.process, 'a b');
    assert.equal(byInode.get(4011)!.cmdline, null, 'an empty cmdline is null');
    assert.equal(byInode.get(4030)!.proto, 'raw');
    assert.equal(byInode.get(4030)!.pid, 150);
    assert.equal(byInode.get(4023)!.pid, 200);
    assert.equal(byInode.get(4006)!.pid, null, 'holder without stat (exited mid-scan) is skipped');
    assert.equal(byInode.get(4014)!.pid, null, 'holder with a garbled stat is skipped');
    assert.equal(byInode.get(4022)!.pid, null, 'a socket nobody holds has no owner');
    for (const row of snapshot.sockets.filter((s) => s.inode === 0)) {
      assert.equal(row.pid, null, 'TIME_WAIT, SYN_RECV and out-of-range inodes have no owner');
    }
    assert.equal(snapshot.privileged, true);
    assert.ok(warnings.some((w) => w.includes('net/tcp') && w.includes('malformed')));
    assert.ok(warnings.some((w) => w.includes('2^53')));
  });

  it('tells about a problem once, not every tick', async () => {
    const warnings: string[] = [];
    const sampler = samplerFor('hostile', warnings);
    await sampler.sample();
    const first = warnings.length;
    await sampler.sample();
    assert.equal(warnings.length, first);
  });

  it('reads routes, counters and interfaces, skipping lines that do not parse', async () => {
    const sampler = samplerFor('hostile');
    const routes = await sampler.routes();
    assert.deepEqual(
      routes.map(
        (r) =>
          `${r.family} ${r.destination}/${r.prefixLength} via ${r.gateway} ${r.flags} ${r.metric} ${r.iface}`,
      ),
      [
        '4 0.0.0.0/0 via 192.168.1.1 UG 100 eth0',
        '4 192.168.1.0/24 via 0.0.0.0 U 100 eth0',
        '4 127.0.0.0/8 via 0.0.0.0 ! 0 lo',
        '6 2001:db8::/64 via :: U 256 eth0',
        '6 ::/0 via 2001:db8::1 UG 1024 eth0',
        '6 ::/0 via :: !n -1 lo',
      ],
    );
    assert.equal(routes[1]!.genmask, '255.255.255.0');
    const stats = await sampler.protocolStats();
    assert.deepEqual(stats.Tcp, { RtoAlgorithm: 1, MaxConn: -1, ActiveOpens: 99 });
    assert.equal(stats.Udp, undefined, 'a header whose values do not match is skipped');
    assert.deepEqual(stats.TcpExt, { SyncookiesSent: 0, ListenDrops: 7 });
    assert.deepEqual(stats.Ip6, { InReceives: 4 });
    assert.deepEqual(stats.UdpLite6, { InDatagrams: 0 });
    const interfaces = await sampler.interfaces();
    assert.deepEqual(
      interfaces.map((i) => i.name),
      ['lo', 'eth0'],
    );
    const eth0 = interfaces[1]!;
    assert.deepEqual(
      [eth0.rxBytes, eth0.rxErrors, eth0.rxDropped, eth0.rxOverruns, eth0.rxFrame, eth0.rxMulticast],
      [695281157, 1, 2, 3, 4, 5],
    );
    assert.deepEqual(
      [eth0.txErrors, eth0.txDropped, eth0.txOverruns, eth0.txCollisions, eth0.txCarrier],
      [6, 7, 8, 9, 10],
    );
    assert.equal(eth0.mtu, null, 'no /sys next to a recorded /proc');
  });
});

describe('linux sampler on a recorded real tree', () => {
  it('agrees with ss and with the addresses Node reported at that moment', async () => {
    const root = path.join(fixtures, 'live');
    const snapshot = await samplerFor('live').sample();
    const reported = JSON.parse(fs.readFileSync(path.join(root, 'node-sockets.json'), 'utf8')) as {
      server: { pid: number; sockets: { localAddress: string; localPort: number; kind: string }[] };
      client: { pid: number; sockets: { localAddress: string; localPort: number; kind: string }[] };
    };
    const recordedPids = new Set([reported.server.pid, reported.client.pid]);
    const ss = [
      ...parseSs(fs.readFileSync(path.join(root, 'ss-tcp.txt'), 'utf8'), 'tcp'),
      ...parseSs(fs.readFileSync(path.join(root, 'ss-udp.txt'), 'utf8'), 'udp'),
    ];
    const ours = new Map(snapshot.sockets.map((s) => [endpointKey(s), s]));
    for (const expected of ss) {
      const row = ours.get(endpointKey(expected))!;
      assert.ok(row, endpointKey(expected));
      const owner = expected.pids.find((p) => recordedPids.has(p)) ?? null;
      assert.equal(row.pid, owner, `owner of ${endpointKey(expected)}`);
      if (owner !== null) assert.equal(row.exe, fs.readlinkSync(path.join(root, String(owner), 'exe')));
    }
    for (const [who, child] of Object.entries(reported)) {
      for (const socket of child.sockets) {
        const row = snapshot.sockets.find(
          (s) =>
            s.localPort === socket.localPort && s.localAddress === socket.localAddress && s.pid === child.pid,
        );
        assert.ok(row, `${who} ${socket.kind} ${socket.localAddress}:${socket.localPort}`);
        assert.equal(row.process, 'node');
      }
    }
  });
});
