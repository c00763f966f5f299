// netstat's switches as netwatch reads them: combined forms, long names, the interval, refusals.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../electron/cli/cli-command';
import { parseNetstatArgs } from '../../../electron/cli/netstat-options';

describe('parseNetstatArgs', () => {
  it('reads combined short switches like -tunape', () => {
    const o = parseNetstatArgs(['-tunape']);
    assert.deepEqual(
      [o.tcp, o.udp, o.numeric, o.all, o.programs, o.extend, o.listening, o.raw],
      [true, true, true, true, true, true, false, false],
    );
    assert.equal(o.mode, 'sockets');
    assert.equal(o.interval, null);
  });

  it('reads long switches, -o/-b, --json, -4/-6', () => {
    const o = parseNetstatArgs(['--tcp', '--listening', '--numeric', '-ob', '--json', '-6']);
    assert.deepEqual(
      [o.tcp, o.listening, o.numeric, o.pidColumn, o.exePath, o.json, o.family],
      [true, true, true, true, true, true, 6],
    );
  });

  it('picks the mode from -r, -s or -i, and refuses two of them', () => {
    assert.equal(parseNetstatArgs(['-rn']).mode, 'routes');
    assert.equal(parseNetstatArgs(['-s']).mode, 'statistics');
    assert.equal(parseNetstatArgs(['-ie']).mode, 'interfaces');
    assert.throws(() => parseNetstatArgs(['-rs']), UsageError);
  });

  it('takes -c as every second and a trailing number as the interval', () => {
    assert.equal(parseNetstatArgs(['-c']).interval, 1);
    assert.equal(parseNetstatArgs(['-tn', '2']).interval, 2);
    assert.equal(parseNetstatArgs(['-c', '0.5']).interval, 0.5);
    assert.equal(parseNetstatArgs(['5']).interval, 5);
  });

  it('refuses bad switches and bad intervals with a message that names them', () => {
    for (const [args, pattern] of [
      [['-x'], /unknown option -x/],
      [['-tz'], /unknown option -z/],
      [['--nope'], /unknown option --nope/],
      [['abc'], /bad interval 'abc'/],
      [['0'], /bad interval '0'/],
      [['-1'], /unknown option -1/],
      [['1e3'], /bad interval/],
      [['99999999'], /bad interval/],
      [['2', '3'], /unexpected argument '3'/],
      [['-46'], /exclude/],
    ] as const) {
      assert.throws(
        () => parseNetstatArgs([...args]),
        (e: unknown) => e instanceof UsageError && pattern.test(e.message),
        args.join(' '),
      );
    }
  });
});
