// The sampler of a platform netwatch has no backend for: every call says so, clearly.
import type { Sampler } from './sampler';
import { UnsupportedPlatformError } from './sampler';

export function createUnsupportedSampler(platform: string): Sampler {
  const refuse = (): Promise<never> => Promise.reject(new UnsupportedPlatformError(platform));
  return {
    platform: 'unsupported',
    sample: refuse,
    routes: refuse,
    protocolStats: refuse,
    interfaces: refuse,
    close: () => undefined,
  };
}
