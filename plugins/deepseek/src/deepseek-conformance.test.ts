import { readFileSync } from 'node:fs';
import { describePluginConformance } from '@codewhale/plugin-testkit';
import { deepseekPlugin } from './deepseek-plugin.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

// DeepSeek has no health probe: it is a hosted API, its health is not a plugin part (the health check reports skipped).
describePluginConformance(deepseekPlugin, {
  listings: [{ name: 'deepseek-models.json', body: fixture('deepseek-models.json') }],
});
