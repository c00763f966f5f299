// The one contract every backend passes, each fed by its recorded real outputs
// (recorded-backends.ts): well-formed snapshots, routes, counters and interfaces; odd cases kept;
// a failing or missing source gives a clear error and leaves the sampler as it was; a source cut
// short never crashes it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contractClock, recordedBackends } from './recorded-backends';
import { assertInterface, assertProtocolStats, assertRoute, assertSnapshot } from './well-formed';

const NOW = contractClock.now();
const MONO = contractClock.monotonic();

for (const backend of recordedBackends) {
  describe(backend.name, () => {
    test('sample() gives a well-formed snapshot; unattributed rows are normal', async (t) => {
      const under = backend.create();
      t.after(() => under.dispose());
      const snap = await under.sampler.sample();
      assert.ok(snap.sockets.length > 0, 'the recording has sockets');
      assertSnapshot(snap, NOW, MONO, backend.name);
    });

    test('the odd cases of the recording come through intact', async (t) => {
      const under = backend.create();
      t.after(() => under.dispose());
      const { sockets } = await under.sampler.sample();
      for (const odd of backend.oddities) assert.ok(odd.found(sockets), `${backend.name}: ${odd.what}`);
    });

    test('routes, protocol counters and interfaces are typed right', async (t) => {
      const under = backend.create();
      t.after(() => under.dispose());
      const routes = await under.sampler.routes();
      assert.ok(routes.length > 0, 'the recording has routes');
      routes.forEach((r, i) => assertRoute(r, `${backend.name} route ${i}`));
      assertProtocolStats(await under.sampler.protocolStats(), backend.name);
      const interfaces = await under.sampler.interfaces();
      assert.ok(interfaces.length > 0, 'the recording has interfaces');
      interfaces.forEach((s, i) => assertInterface(s, `${backend.name} interface ${i}`));
    });

    test('a failing, then a missing source: a clear one-line error, and the sampler carries on as before', async (t) => {
      const under = backend.create();
      t.after(() => under.dispose());
      const before = await under.sampler.sample();
      for (const breakIt of [under.fail, under.remove]) {
        breakIt();
        const error = await under.sampler.sample().then(
          () => assert.fail('sample() should have rejected'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof Error, String(error));
        assert.ok(
          !(error instanceof TypeError) && !(error instanceof RangeError),
          `a crash, not a report: ${error.stack}`,
        );
        assert.match(error.message, backend.failureNames);
        assert.equal(error.message.includes('\n'), false, 'one line');
        under.heal();
        assert.deepEqual(await under.sampler.sample(), before);
      }
    });

    test('a source cut mid-line: a well-formed snapshot or a clear error, never a crash', async (t) => {
      const under = backend.create();
      t.after(() => under.dispose());
      const whole = await under.sampler.sample();
      under.truncate();
      try {
        const cut = await under.sampler.sample();
        assertSnapshot(cut, NOW, MONO, `${backend.name} (cut)`);
        assert.ok(cut.sockets.length <= whole.sockets.length);
      } catch (error) {
        assert.ok(
          error instanceof Error && !(error instanceof TypeError) && !(error instanceof RangeError),
          String(error),
        );
        assert.match(error.message, backend.failureNames);
      }
      under.heal();
      assert.deepEqual(await under.sampler.sample(), whole);
    });
  });
}
