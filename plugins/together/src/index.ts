export { createTogetherPlugin, togetherPlugin } from './together-plugin.js';
export type { TogetherSettings } from './together-descriptor.js';
export { parseTogetherModels } from './together-discovery.js';
export { VERSION } from './version.js';
