// A core status for the metrics tests: a healthy privileged Linux sampler; each test changes what it checks.
import type { Status } from '../../../../shared/model';

export function statusFixture(patch: Partial<Status> = {}, sizeBytes = 4096): Status {
  return {
    sampling: true,
    paused: false,
    intervalMs: 1000,
    lastTickAt: 1000,
    lastTickMs: 12.5,
    platform: 'linux',
    privileged: true,
    unattributedSockets: 0,
    database: {
      path: '/x',
      healthy: true,
      message: null,
      sizeBytes,
      limitBytes: 1 << 30,
      limitPruning: false,
    },
    unreadAlerts: 0,
    ...patch,
  };
}
