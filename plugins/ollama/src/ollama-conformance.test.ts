import { readFileSync } from 'node:fs';
import { describePluginConformance } from '@codewhale/plugin-testkit';
import { ollamaPlugin } from './ollama-plugin.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const tags = fixture('ollama-tags.json');

describePluginConformance(ollamaPlugin, {
  listings: [
    { name: 'ollama-tags.json (GET /api/tags)', body: tags },
    { name: 'ollama-v1-models.json (GET /v1/models)', body: fixture('ollama-v1-models.json') },
  ],
  health: {
    routes: {
      'GET origin:/api/version': { status: 200, json: fixture('ollama-version.json') },
      'GET origin:/api/tags': { status: 200, json: tags },
    },
  },
});
