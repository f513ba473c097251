import { readFileSync } from 'node:fs';
import { describePluginConformance } from '@codewhale/plugin-testkit';
import { nvidiaNimPlugin } from './nvidia-nim-plugin.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const containerModels = fixture('nim-models.json');

describePluginConformance(nvidiaNimPlugin, {
  listings: [
    { name: 'nim-hosted-models.json (hosted API)', body: fixture('nim-hosted-models.json') },
    { name: 'nim-models.json (self-hosted container)', body: containerModels },
  ],
  // A self-hosted container: /v1/health/ready answers 200 once the model is loaded, /v1/models lists it.
  health: {
    routes: {
      'GET base:/health/ready': { status: 200, json: fixture('nim-health-ready.json') },
      'GET base:/models': { status: 200, json: containerModels },
    },
  },
});
