// Picks the sampler backend once, by platform. An unsupported platform gets a sampler that says so.
import type { Sampler } from './sampler';
import type { SamplerOptions } from './seams';
import { createLinuxSampler } from './linux/linux-sampler';
import { createUnsupportedSampler } from './unsupported';

export function createSampler(options: SamplerOptions = {}, platform: string = process.platform): Sampler {
  switch (platform) {
    case 'linux':
      return createLinuxSampler(options);
    default:
      void options;
      return createUnsupportedSampler(platform);
  }
}
