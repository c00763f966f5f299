// Every backend, built on its recorded real outputs, with the levers the contract suite pulls:
// make its socket source fail (or vanish) and heal, and cut its socket source short. A new backend
// joins the contract by adding one entry here.
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDarwinSampler } from '../../../../../electron/core/sampler/darwin/darwin-sampler';
import { createLinuxSampler } from '../../../../../electron/core/sampler/linux/linux-sampler';
import type { Sampler } from '../../../../../electron/core/sampler/sampler';
import type { Clock } from '../../../../../electron/core/sampler/seams';
import { ShellUnavailableError } from '../../../../../electron/core/sampler/win32/shell-session';
import { createWin32Sampler } from '../../../../../electron/core/sampler/win32/win32-sampler';
import { DARWIN, darwinSessionRecordings } from '../darwin/darwin-session';
import { createReplayShell, WIN32, win32SessionRecordings } from '../win32/win32-session';
import { fixturesRoot, readRecording } from './recorded-output';
import { createReplayRunner } from './replay-runner';

export const contractClock: Clock = { now: () => 1_700_000_000_000, monotonic: () => 123_456 };

export interface BackendUnderTest {
  sampler: Sampler;
  /** The socket source fails from now on: a command exits non-zero, a file is unreadable. */
  fail(): void;
  /** The socket source is not there at all: a missing program, a missing directory. */
  remove(): void;
  /** Everything back as recorded. */
  heal(): void;
  /** The socket source is cut in the middle of a line. */
  truncate(): void;
  /** Removes whatever the case created (temporary copies). */
  dispose(): void;
}

export interface RecordedBackend {
  name: string;
  create(): BackendUnderTest;
  /** What a failure's message must name, so a person knows what to look at. */
  failureNames: RegExp;
  /** Odd cases the recording holds and the snapshot must keep intact. */
  oddities: Array<{ what: string; found(rows: import('../../../../../shared/model').SocketRow[]): boolean }>;
}

const cutInHalf = (text: string): string => text.slice(0, Math.floor(text.length / 2));

function replayCase(
  recordings: Record<string, string>,
  socketCommand: string,
  build: (run: ReturnType<typeof createReplayRunner>['run']) => { sampler: Sampler; dispose?(): void },
): BackendUnderTest {
  const replay = createReplayRunner(recordings);
  const built = build(replay.run);
  const original = recordings[socketCommand] ?? '';
  return {
    sampler: built.sampler,
    fail: () =>
      replay.set(socketCommand, { stdout: '', stderr: 'Permission denied\nmore detail\n', code: 2 }),
    remove: () => replay.set(socketCommand, 'missing'),
    heal: () => replay.set(socketCommand, original),
    truncate: () => replay.set(socketCommand, cutInHalf(original)),
    dispose: () => {
      built.sampler.close();
      built.dispose?.();
    },
  };
}

/** A writable copy of a recorded /proc tree (symlinks kept as they are), so a case can break it. */
function procCase(tree: string): BackendUnderTest {
  const root = mkdtempSync(path.join(tmpdir(), 'netwatch-contract-proc-'));
  cpSync(path.join(fixturesRoot, 'proc', tree), root, { recursive: true, verbatimSymlinks: true });
  const net = path.join(root, 'net');
  const tcp = path.join(net, 'tcp');
  const tcpText = readFileSync(tcp, 'utf8');
  const sampler = createLinuxSampler({
    procRoot: root,
    etcRoot: path.join(root, 'etc'),
    clock: contractClock,
  });
  const moveNet = (to: string): void => {
    if (existsSync(net)) renameSync(net, to);
  };
  const restoreNet = (): void => {
    for (const from of [`${net}.failed`, `${net}.gone`]) if (existsSync(from)) renameSync(from, net);
  };
  return {
    sampler,
    fail: () => moveNet(`${net}.failed`),
    remove: () => moveNet(`${net}.gone`),
    heal: () => {
      restoreNet();
      writeFileSync(tcp, tcpText);
    },
    truncate: () => writeFileSync(tcp, cutInHalf(tcpText)),
    dispose: () => {
      sampler.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

const hasZone = (rows: import('../../../../../shared/model').SocketRow[]): boolean =>
  rows.some((r) => r.localAddress.includes('%'));

export const recordedBackends: RecordedBackend[] = [
  {
    name: 'darwin (lsof -F, netstat, ps)',
    create: () =>
      replayCase(darwinSessionRecordings(), DARWIN.lsof, (run) => ({
        sampler: createDarwinSampler({ run, clock: contractClock, privileged: false }),
      })),
    failureNames: /^lsof .*failed: Permission denied \(exit code 2\)$|^lsof .*failed: lsof was not found/,
    oddities: [
      { what: 'an IPv6 zone (fe80::1%en0)', found: hasZone },
      {
        what: 'a unicode name with spaces',
        found: (rows) => rows.some((r) => r.process === 'Café Prévu ☕'),
      },
      { what: 'an unattributed socket', found: (rows) => rows.some((r) => r.pid === null) },
    ],
  },
  {
    name: 'win32 (PowerShell)',
    create: () => {
      // The shell is the socket source here; a missing PowerShell is not a failure but the fallback
      // (next case), so "missing" is taken by the one command this mode runs every tick.
      const shell = createReplayShell();
      const recorded = readRecording('win32/powershell-sockets-reply.txt');
      const inner = replayCase(win32SessionRecordings(), WIN32.netstatEthernet, (run) => ({
        sampler: createWin32Sampler({ run, shell, clock: contractClock }),
      }));
      return {
        ...inner,
        fail: () => {
          shell.sticky.sockets = new Error('PowerShell exited with code 1: Access is denied.');
        },
        heal: () => {
          shell.sticky = {};
          inner.heal();
        },
        truncate: () => {
          shell.sticky.sockets = cutInHalf(recorded);
        },
      };
    },
    failureNames:
      /^PowerShell exited with code 1: Access is denied\.$|^netstat -e failed: netstat was not found|^PowerShell sockets reply not understood/,
    oddities: [
      { what: 'an IPv6 zone (%9)', found: hasZone },
      {
        what: 'a unicode name with spaces',
        found: (rows) => rows.some((r) => r.process === 'Ünïcode Äpp ☕.exe'),
      },
      {
        what: 'TIME_WAIT without an owner',
        found: (rows) => rows.some((r) => r.state === 'TIME_WAIT' && r.pid === null),
      },
    ],
  },
  {
    name: 'win32 (netstat -ano fallback, no PowerShell)',
    create: () =>
      replayCase(win32SessionRecordings(), WIN32.netstatAno, (run) => {
        const shell = createReplayShell();
        shell.next.sockets = new ShellUnavailableError('PowerShell', 'ENOENT');
        return { sampler: createWin32Sampler({ run, shell, clock: contractClock }) };
      }),
    failureNames:
      /^netstat -ano failed: Permission denied \(exit code 2\)$|^netstat -ano failed: netstat was not found/,
    oddities: [
      { what: 'an IPv6 zone (%9)', found: hasZone },
      {
        what: 'an image name with spaces',
        found: (rows) => rows.some((r) => r.process === 'NVIDIA Web Helper.exe'),
      },
    ],
  },
  {
    name: 'win32 (netstat -ano fallback, French and German Windows)',
    create: () =>
      replayCase(
        {
          ...win32SessionRecordings(),
          [WIN32.netstatAno]: readRecording('win32/netstat-ano-localized-fr-de.txt'),
        },
        WIN32.netstatAno,
        (run) => {
          const shell = createReplayShell();
          shell.next.sockets = new ShellUnavailableError('PowerShell', 'ENOENT');
          return { sampler: createWin32Sampler({ run, shell, clock: contractClock }) };
        },
      ),
    failureNames:
      /^netstat -ano failed: Permission denied \(exit code 2\)$|^netstat -ano failed: netstat was not found/,
    oddities: [
      {
        what: 'the mojibake German "ABH™REN" read as LISTEN',
        found: (rows) => rows.some((r) => r.pid === 4552 && r.state === 'LISTEN'),
      },
    ],
  },
  {
    name: 'linux (/proc, hostile recording)',
    create: () => procCase('hostile'),
    failureNames: /net/,
    oddities: [
      {
        what: 'a command line with spaces',
        found: (rows) => rows.some((r) => r.cmdline?.includes('with space') === true),
      },
      { what: 'an unattributed socket', found: (rows) => rows.some((r) => r.pid === null) },
    ],
  },
  {
    name: 'linux (/proc, live recording)',
    create: () => procCase('live'),
    failureNames: /net/,
    oddities: [{ what: 'an owned socket', found: (rows) => rows.some((r) => r.pid !== null) }],
  },
];
