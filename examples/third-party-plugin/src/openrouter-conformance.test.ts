import { describePluginConformance } from '@codewhale/plugin-testkit';
import recordedModels from './__fixtures__/openrouter-models.json' with { type: 'json' };
import { openrouterPlugin } from './openrouter-plugin.js';

// The shared suite every plugin runs: registration, provenance, the model-id table, discovery on the recorded body and
// on malformed ones, planted-secret canaries, the meter and every reasoning level. OpenRouter has no health part
// (it is a hosted aggregator, not a local runtime), so that section reports itself as skipped.
describePluginConformance(openrouterPlugin, {
  listings: [{ name: 'openrouter-models.json (reconstructed from the documented schema)', body: recordedModels }],
});
