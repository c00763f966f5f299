// What `npm test` needs besides npm packages: a Chromium for the browser tests and, on Linux, `ss`
// and `netstat` as the tests' independent oracles. Where they are missing and this is a root shell
// on Debian or Ubuntu, they are installed with apt-get (as a fresh CI machine needs); otherwise the
// run stops with one message naming what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const chromiumCandidates = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  win32: [
    path.join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Google/Chrome/Application/chrome.exe'),
    path.join(
      process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)',
      'Google/Chrome/Application/chrome.exe',
    ),
  ],
};

function findChromium() {
  if (process.env.NETWATCH_CHROMIUM) return process.env.NETWATCH_CHROMIUM;
  return (chromiumCandidates[process.platform] ?? []).find((p) => existsSync(p)) ?? null;
}

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Debian package names for what is missing here. */
function missingPackages() {
  if (process.platform !== 'linux') return [];
  const missing = [];
  if (!findChromium()) missing.push('chromium');
  if (!onPath('ss')) missing.push('iproute2');
  if (!onPath('netstat')) missing.push('net-tools');
  // The collector tests: its unit checked by systemd-analyze; temp users; namespaces.
  if (!onPath('systemd-analyze')) missing.push('systemd');
  if (!onPath('useradd')) missing.push('passwd');
  if (!onPath('runuser')) missing.push('util-linux');
  // The kernel event tests: bpftrace itself, and ping for the ICMP case.
  if (!onPath('bpftrace')) missing.push('bpftrace');
  if (!onPath('ping')) missing.push('iputils-ping');
  return missing;
}

/** bpftrace attaches to tracepoints through tracefs, which a fresh machine may not have mounted. */
function mountTracefs() {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return;
  if (existsSync('/sys/kernel/tracing/events')) return;
  const mounted = spawnSync('mount', ['-t', 'tracefs', 'nodev', '/sys/kernel/tracing'], { stdio: 'ignore' });
  if (mounted.status !== 0)
    console.error('netwatch tests: could not mount tracefs; the kernel event tests will see events off');
}

function aptInstall(packages) {
  if (process.getuid?.() !== 0 || !onPath('apt-get')) return false;
  console.error(`netwatch tests: installing ${packages.join(', ')} with apt-get (once)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const quiet = { stdio: ['ignore', 'ignore', 'inherit'], env };
  return (
    spawnSync('apt-get', ['update', '-qq'], quiet).status === 0 &&
    spawnSync('apt-get', ['install', '-y', '-qq', ...packages], quiet).status === 0
  );
}

/** The Chromium the browser tests drive; exits with a message when the prerequisites are missing. */
export function ensureTestPrerequisites() {
  const missing = missingPackages();
  if (missing.length > 0 && !aptInstall(missing)) {
    console.error(
      `netwatch tests: missing ${missing.join(', ')}; install them (Debian/Ubuntu: ` +
        `apt-get install -y ${missing.join(' ')}) or set NETWATCH_CHROMIUM to a Chromium or Chrome`,
    );
    process.exit(1);
  }
  mountTracefs();
  const chromium = findChromium();
  if (!chromium) {
    console.error('netwatch tests: no Chromium or Chrome found; set NETWATCH_CHROMIUM to one');
    process.exit(1);
  }
  return chromium;
}
