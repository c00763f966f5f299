// The files a fleet admin copies from build/fleet/: Prometheus's own promtool accepts the scrape
// example and its rules, every PromQL expression of the Grafana dashboard parses (promtool checks
// it as a rule), and the dashboard and the README name only metrics netwatch exposes, the README
// all of them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { NetwatchMetrics } from '../../../electron/core/metrics/netwatch-metrics';
import type { LiveConnection } from '../../../shared/model';
import { statusFixture } from '../../unit/core/metrics/status-fixture';
import { root } from './fleet-processes';

const PROMTOOL = '/usr/bin/promtool';
const fleetDir = path.join(root, 'build/fleet');

/** The metric families an exposition holds (histogram series folded into their family). */
function families(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^# TYPE (\S+) /.exec(line);
    if (m) names.add(m[1]!);
  }
  return names;
}

/** Everything netwatch can expose: every optional family switched on. */
async function exposedFamilies(): Promise<Set<string>> {
  const m = new NetwatchMetrics({
    readStatus: async () => statusFixture({ events: { state: 'on', reason: null, drops: 0 } }),
  });
  m.watchEventStream(() => ({ written: 0, dropped: 0, reopened: 0 }));
  // Bytes per program appear once connections carry byte counts (traffic counting).
  const row = {
    key: 'k',
    proto: 'tcp',
    state: 'ESTABLISHED',
    direction: 'outbound',
    exe: '/bin/x',
    process: 'x',
  };
  const withBytes = Object.assign(row, { bytesSent: 1, bytesReceived: 1 }) as unknown as LiveConnection;
  m.onTick({ tick: 1, at: 1, opened: [withBytes], changed: [], closed: [] });
  return families(await m.text());
}

test('promtool accepts the scrape example and its alerting rules', () => {
  const check = spawnSync(PROMTOOL, ['check', 'config', path.join(fleetDir, 'prometheus.yml')], {
    encoding: 'utf8',
  });
  assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
  assert.match(check.stdout, /1 rule files found/);
});

test('the dashboard queries parse and name only exposed metrics; the README names them all', async (t) => {
  const exposed = await exposedFamilies();
  const dashboard = JSON.parse(readFileSync(path.join(fleetDir, 'grafana-dashboard.json'), 'utf8')) as {
    panels: { title: string; targets: { expr: string }[] }[];
  };
  const exprs = dashboard.panels.flatMap((p) => p.targets.map((target) => target.expr));
  assert.ok(exprs.length >= 15, `${exprs.length} queries`);
  const known = (name: string): boolean =>
    exposed.has(name) || exposed.has(name.replace(/_(bucket|sum|count)$/, ''));
  for (const expr of exprs) {
    for (const name of expr.match(/\b(netwatch|process)_[a-z_]+\b/g) ?? []) {
      assert.ok(known(name), `${name} in ${expr} is no metric netwatch exposes`);
    }
  }

  // Grafana's variables replaced as Grafana would, each query checked by promtool as a rule.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-dashboard-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const rules = path.join(dir, 'rules.yml');
  const asRules = exprs.map(
    (expr, i) =>
      `      - record: dashboard:query${i}\n        expr: ${JSON.stringify(
        expr.replaceAll('$instance', '.*').replaceAll('$__rate_interval', '1m'),
      )}`,
  );
  writeFileSync(rules, `groups:\n  - name: dashboard\n    rules:\n${asRules.join('\n')}\n`);
  const check = spawnSync(PROMTOOL, ['check', 'rules', rules], { encoding: 'utf8' });
  assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);

  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Watching many machines'));
  assert.ok(section.length < readme.length, 'the README has a section "Watching many machines"');
  for (const name of exposed) {
    if (name.startsWith('netwatch_')) assert.ok(section.includes(name), `the README does not name ${name}`);
  }
});
