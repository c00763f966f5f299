import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSampler } from '../../../../../electron/core/sampler/index';
import { UnsupportedPlatformError } from '../../../../../electron/core/sampler/sampler';

test('an unsupported platform gets a sampler that says so in one clear line, for every call', async () => {
  const sampler = createSampler({}, 'sunos');
  assert.equal(sampler.platform, 'unsupported');
  for (const call of [sampler.sample, sampler.routes, sampler.protocolStats, sampler.interfaces]) {
    await assert.rejects(call(), (e: unknown) => {
      assert.ok(e instanceof UnsupportedPlatformError);
      assert.equal(
        e.message,
        'netwatch cannot sample sockets on sunos: supported are Linux, macOS and Windows',
      );
      return true;
    });
  }
  sampler.close();
});

test('the backend is picked by platform, and creating one starts nothing', () => {
  for (const platform of ['linux', 'darwin', 'win32']) {
    const sampler = createSampler({}, platform);
    assert.equal(sampler.platform, platform);
    sampler.close();
  }
  assert.equal(createSampler({}, 'aix').platform, 'unsupported');
});
