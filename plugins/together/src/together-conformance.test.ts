import { readFileSync } from 'node:fs';
import { describePluginConformance } from '@codewhale/plugin-testkit';
import { togetherPlugin } from './together-plugin.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

describePluginConformance(togetherPlugin, {
  listings: [{ name: 'together-models.json (a bare array)', body: fixture('together-models.json') }],
});
