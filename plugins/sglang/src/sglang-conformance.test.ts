import { readFileSync } from 'node:fs';
import { describePluginConformance } from '@codewhale/plugin-testkit';
import { sglangPlugin } from './sglang-plugin.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const models = fixture('sglang-models.json');

describePluginConformance(sglangPlugin, {
  listings: [{ name: 'sglang-models.json', body: models }],
  health: {
    routes: {
      'GET origin:/health': { status: 200, text: '' },
      'GET base:/models': { status: 200, json: models },
    },
  },
});
