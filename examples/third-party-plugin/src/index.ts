export { createOpenrouterPlugin, openrouterPlugin } from './openrouter-plugin.js';
export type { OpenrouterSettings } from './openrouter-descriptor.js';
export type { OpenrouterModelId } from './openrouter-model-id-policy.js';
export { parseOpenrouterModels } from './openrouter-discovery.js';
export { VERSION } from './version.js';
