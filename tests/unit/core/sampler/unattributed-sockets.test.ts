// Unattributed sockets: no pid, and not one of the kernel's own (TIME_WAIT, SYN_RECV).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import path from 'node:path';
import { createLinuxSampler } from '../../../../electron/core/sampler/linux/linux-sampler';
import { countUnattributed } from '../../../../electron/core/sampler/unattributed-sockets';

describe('countUnattributed', () => {
  it('counts the hostile tree sockets nobody visible holds, not TIME_WAIT or SYN_RECV', async () => {
    const root = path.resolve(__dirname, '../../../fixtures/proc/hostile');
    const snapshot = await createLinuxSampler({ procRoot: root, etcRoot: path.join(root, 'etc') }).sample();
    // By hand: the out-of-range inode row, 4006 (holder gone), 4014 (garbled holder), 4022 (no holder).
    assert.equal(countUnattributed(snapshot.sockets), 4);
  });
});
