export { createNvidiaNimPlugin, nvidiaNimPlugin } from './nvidia-nim-plugin.js';
export type { NvidiaNimSettings } from './nvidia-nim-descriptor.js';
export { parseNvidiaNimModels } from './nvidia-nim-discovery.js';
export { probeNvidiaNim } from './nvidia-nim-health.js';
export { VERSION } from './version.js';
