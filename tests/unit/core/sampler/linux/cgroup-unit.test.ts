// /proc/<pid>/cgroup lines as docker, podman, systemd-nspawn, Kubernetes (containerd) and systemd
// write them (cgroup v2 and v1), and what each names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cgroupUnit } from '../../../../../electron/core/sampler/linux/cgroup-unit';

const ID = '3f4e5d6c7b8a99887766554433221100ffeeddccbbaa00112233445566778899';

test('names the container or the systemd unit', () => {
  assert.equal(cgroupUnit(`0::/system.slice/docker-${ID}.scope\n`), 'docker:3f4e5d6c7b8a');
  assert.equal(cgroupUnit(`12:pids:/docker/${ID}\n1:name=systemd:/docker/${ID}\n`), 'docker:3f4e5d6c7b8a');
  assert.equal(
    cgroupUnit(`0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-${ID}.scope/container\n`),
    'podman:3f4e5d6c7b8a',
  );
  assert.equal(cgroupUnit('0::/machine.slice/systemd-nspawn@web.service/payload\n'), 'nspawn:web');
  assert.equal(
    cgroupUnit(
      `0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1b2c3d4e_5f60_7182_93a4_b5c6d7e8f901.slice/cri-containerd-${ID}.scope\n`,
    ),
    'k8s:1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901/3f4e5d6c7b8a',
  );
  assert.equal(cgroupUnit('0::/system.slice/nginx.service\n'), 'unit:nginx.service');
});

test('no name: a login session, the root cgroup, malformed text', () => {
  assert.equal(cgroupUnit('0::/user.slice/user-1000.slice/session-2.scope\n'), null);
  assert.equal(cgroupUnit('0::/\n'), null);
  assert.equal(cgroupUnit('garbage'), null);
  assert.equal(cgroupUnit(''), null);
});

test('a hostile unit name stays text: control characters replaced, length bounded', () => {
  const name = cgroupUnit(`0::/system.slice/evil\u001b[31m${'x'.repeat(300)}.service\n`);
  assert.ok(name && !name.includes('\u001b') && name.length <= 128, name ?? '');
});
