import { readFileSync } from 'node:fs';
import { describePluginConformance } from '@codewhale/plugin-testkit';
import { vllmPlugin } from './vllm-plugin.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const models = fixture('vllm-models.json');

describePluginConformance(vllmPlugin, {
  listings: [{ name: 'vllm-models.json', body: models }],
  health: {
    routes: {
      'GET origin:/health': { status: 200, text: '' },
      'GET origin:/version': { status: 200, json: { version: '0.11.0' } },
      'GET base:/models': { status: 200, json: models },
    },
  },
});
