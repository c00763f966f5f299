// An alert draft as a detector would propose it, for tests that need alerts in a database without
// running the detectors: defaults a test overrides field by field.
import type { AlertDraft } from '../../../../electron/core/alerts/alert-draft';

export function alertDraft(overrides: Partial<AlertDraft> & Pick<AlertDraft, 'subject' | 'at'>): AlertDraft {
  return {
    kind: 'new-program',
    severity: 'medium',
    repeats: 1,
    onlyIfOpen: false,
    refresh: false,
    programId: null,
    exe: null,
    process: null,
    user: null,
    cmdline: null,
    remoteAddress: null,
    remotePort: null,
    remoteHost: null,
    localAddress: null,
    localPort: null,
    service: null,
    proto: 'tcp',
    message: `alert about ${overrides.subject}`,
    ...overrides,
  };
}
