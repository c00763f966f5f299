import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDarwinSampler } from '../../../../../electron/core/sampler/darwin/darwin-sampler';
import {
  createInterfaceNames,
  IFCONFIG_LIST_ARGS,
  netstatInterfaceArgs,
} from '../../../../../electron/core/sampler/darwin/interface-names';
import { parseNetstatInterfaceTable } from '../../../../../electron/core/sampler/darwin/netstat-interface-parser';
import { createWarnOnce } from '../../../../../electron/core/sampler/warn-once';
import { readRecording } from '../contract/recorded-output';
import { createReplayRunner, type Recorded } from '../contract/replay-runner';
import { commandLine, DARWIN, darwinSessionRecordings } from './darwin-session';

const MACOS_10_14 = {
  [commandLine('ifconfig', IFCONFIG_LIST_ARGS)]: readRecording('darwin/ifconfig-l-macos-10.14.txt'),
  [commandLine('netstat', netstatInterfaceArgs('vmnet1'))]: readRecording(
    'darwin/netstat-I-vmnet1-macos-10.14.txt',
  ),
  [commandLine('netstat', netstatInterfaceArgs('vmnet8'))]: readRecording(
    'darwin/netstat-I-vmnet8-macos-10.14.txt',
  ),
};

/** Resolves the names of the 10.14 capture's link rows with the given recordings. */
async function resolve10_14(recordings: Record<string, Recorded | 'missing'>) {
  const replay = createReplayRunner(recordings);
  const warnings: string[] = [];
  const names = createInterfaceNames(
    replay.run,
    1000,
    createWarnOnce((m) => warnings.push(m)),
  );
  const { links } = parseNetstatInterfaceTable(readRecording('darwin/netstat-i-macos-10.14.txt'));
  return { replay, names, links, resolved: await names.resolve(links), warnings };
}

test('macOS 10.14: cut names get their full names from ifconfig -l, and netstat -I where several fit', async () => {
  const { replay, names, links, resolved, warnings } = await resolve10_14(MACOS_10_14);
  const byIndex = (i: number): string | undefined => resolved.get(i);
  // Indexes from the capture's own <Link#N> column.
  assert.deepEqual(
    [byIndex(17), byIndex(18), byIndex(19), byIndex(20), byIndex(21), byIndex(10)],
    ['bridge0', 'utun0', 'vmnet1', 'vmnet8', 'utun1', 'en0'],
  );
  // Names ifconfig -l did not list (this ifconfig was taken at another moment) stay as printed.
  assert.deepEqual([byIndex(4), byIndex(22)], ['VHC12', 'utun2']);
  assert.equal(new Set(resolved.values()).size, links.length, 'every interface has its own name');
  assert.deepEqual(warnings, []);
  // Settled once: the same link rows ask nothing again.
  const asked = replay.calls.length;
  await names.resolve(links);
  assert.equal(replay.calls.length, asked);
});

test('without ifconfig the cut names stay, told apart by link index, and that is said once', async () => {
  const { links, resolved, warnings } = await resolve10_14({
    [commandLine('ifconfig', IFCONFIG_LIST_ARGS)]: 'missing',
  });
  assert.deepEqual(
    [resolved.get(19), resolved.get(20), resolved.get(17)],
    ['vmnet (Link#19)', 'vmnet (Link#20)', 'bridg'],
  );
  assert.equal(new Set(resolved.values()).size, links.length);
  assert.equal(warnings.length, 2);
  assert.match(
    warnings[0] ?? '',
    /^ifconfig -l failed: ifconfig was not found .*; interface names as netstat cut them$/,
  );
  assert.match(warnings[1] ?? '', /several interfaces print as "vmnet"/);
});

test('the sampler reports every interface of the 10.14 capture under its full name', async () => {
  const replay = createReplayRunner({
    ...darwinSessionRecordings(),
    ...MACOS_10_14,
    [DARWIN.netstatInterfaces]: readRecording('darwin/netstat-i-macos-10.14.txt'),
  });
  const sampler = createDarwinSampler({ run: replay.run, privileged: false });
  const list = await sampler.interfaces();
  const text = readRecording('darwin/netstat-i-macos-10.14.txt');
  assert.equal(list.length, (text.match(/<Link#\d+>/g) ?? []).length);
  assert.deepEqual(
    list.filter((i) => i.name.startsWith('vmnet')).map((i) => [i.name, i.rxPackets]),
    [
      ['vmnet1', 0],
      ['vmnet8', 1853],
    ],
  );
});

test('a failed ifconfig -l is asked again next time, and then the full names come', async () => {
  const { replay, names, links, resolved } = await resolve10_14({
    ...MACOS_10_14,
    [commandLine('ifconfig', IFCONFIG_LIST_ARGS)]: { stdout: '', stderr: 'ifconfig: busy', code: 1 },
  });
  assert.equal(resolved.get(17), 'bridg');
  replay.set(commandLine('ifconfig', IFCONFIG_LIST_ARGS), readRecording('darwin/ifconfig-l-macos-10.14.txt'));
  assert.equal((await names.resolve(links)).get(17), 'bridge0');
});
