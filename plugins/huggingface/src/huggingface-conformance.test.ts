import { readFileSync } from 'node:fs';
import { describePluginConformance } from '@codewhale/plugin-testkit';
import { huggingfacePlugin } from './huggingface-plugin.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

describePluginConformance(huggingfacePlugin, {
  listings: [{ name: 'hf-router-models.json', body: fixture('hf-router-models.json') }],
});
