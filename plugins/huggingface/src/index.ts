export { createHuggingfacePlugin, huggingfacePlugin } from './huggingface-plugin.js';
export type { HuggingfaceSettings } from './huggingface-descriptor.js';
export { parseHuggingfaceModels } from './huggingface-discovery.js';
export { stripHuggingfaceSuffix } from './huggingface-model-id-policy.js';
export { VERSION } from './version.js';
