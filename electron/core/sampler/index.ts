// Picks the sampler backend once, by platform. An unsupported platform gets a sampler that says so.
import type { Sampler } from './sampler';
import type { SamplerOptions } from './seams';
import { createDarwinSampler } from './darwin/darwin-sampler';
import { createLinuxSampler } from './linux/linux-sampler';
import { createUnsupportedSampler } from './unsupported';
import { createWin32Sampler } from './win32/win32-sampler';

export function createSampler(options: SamplerOptions = {}, platform: string = process.platform): Sampler {
  switch (platform) {
    case 'linux':
      return createLinuxSampler(options);
    case 'darwin':
      return createDarwinSampler(options);
    case 'win32':
      return createWin32Sampler(options);
    default:
      void options;
      return createUnsupportedSampler(platform);
  }
}
