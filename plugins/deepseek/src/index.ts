export { createDeepseekPlugin, deepseekPlugin } from './deepseek-plugin.js';
export type { DeepseekSettings, DeepseekEndpointKey } from './deepseek-descriptor.js';
export type { DeepseekModelId } from './deepseek-offerings.js';
export { DEEPSEEK_MODEL_RENAMES, type DeepseekModelRename } from './deepseek-model-renames.js';
export { parseDeepseekModels } from './deepseek-discovery.js';
export { parseDeepseekBalance } from './deepseek-usage-meter.js';
export { VERSION } from './version.js';
