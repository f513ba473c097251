// Limits the real catalog gives each offering on its provider's official endpoint. A limit that differs per provider
// belongs on the offering; where no source gives the provider's value it is unknown, never the profile's by default.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogModels } from '../__fixtures__/provider-like-plugins.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { createRegistry } from '../registry/create-registry.js';
import type { OfferingsFile } from '../schema/offering.js';
import { createRouteResolver } from './create-route-resolver.js';

const offeringsRoot = fileURLToPath(new URL('../../../../catalog/offerings/', import.meta.url));
const files = readdirSync(offeringsRoot)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(join(offeringsRoot, name), 'utf8')) as OfferingsFile);

// One generic plugin per catalog file: only the data is under test here.
const plugins = files.map((file, index) =>
  definePlugin({
    spec: 'v1',
    id: file.provider,
    version: '0.0.0-test',
    descriptor: {
      id: file.provider,
      displayName: file.provider,
      class: 'aggregator',
      auth: { scheme: 'bearer', envVars: [`TEST_KEY_${index}`], optional: false },
      endpoints: { chat: { baseUrl: `https://api-${index}.example.test/v1`, protocol: 'chat-completions' } },
      defaultEndpoint: 'chat',
      liveListing: { supported: false },
      modelIds: { style: 'aggregator', caseSensitive: true },
    },
    offerings: file.offerings,
    models: catalogModels,
    modelIdPolicy: { classify: () => ({ kind: 'pass-through', reason: 'test' }) },
    usageMeter: { describe: () => ({ kind: 'unknown', reason: 'test' }) },
    // The reasoning controls the file names (what each maps to is the real plugin's business, not this test's).
    reasoning: {
      controls: [...new Set(file.offerings.flatMap((offering) => offering.reasoningControl?.value ?? []))],
      map: (level) => ({ level, params: {} }),
    },
  }),
);
const resolver = createRouteResolver({ registry: createRegistry({ plugins }) });

function limitsOf(ref: string) {
  const colon = ref.indexOf(':');
  const result = resolver.resolve({ provider: ref.slice(0, colon), model: ref.slice(colon + 1) });
  if (!result.ok) throw new Error(result.error.message);
  const value = (limit: { value: number | 'unknown' }) => limit.value;
  return { context: value(result.candidate.limits.contextWindow), maxOutput: value(result.candidate.limits.maxOutput) };
}

describe('catalog limits per offering', () => {
  /** @see issue 12 item 6 */
  it("the Hugging Face router's DeepSeek V4 Pro does not inherit the profile's 1,048,576: its upstreams differ", () => {
    expect(limitsOf('huggingface:deepseek-ai/DeepSeek-V4-Pro')).toEqual({ context: 'unknown', maxOutput: 'unknown' });
    const hf = resolver.resolve({ provider: 'huggingface', model: 'deepseek-ai/DeepSeek-V4-Pro' });
    expect(hf.ok && hf.candidate.limits.contextWindow).toEqual({
      value: 'unknown',
      note: "no source gives this provider's context window (it may differ from the model's own 1,048,576)",
    });
    // The model's own window stays where DeepSeek serves it, and the providers with a sourced value keep theirs.
    expect(limitsOf('deepseek:deepseek-v4-pro')).toEqual({ context: 1_048_576, maxOutput: 393_216 });
    expect(limitsOf('together:deepseek-ai/DeepSeek-V4-Pro')).toEqual({ context: 512_000, maxOutput: 384_000 });
    expect(limitsOf('nvidia-nim:deepseek-ai/deepseek-v4-pro')).toEqual({ context: 1_048_576, maxOutput: 393_216 });
  });

  /** @see issue 12 item 6 */
  it('the audit: limits that differ per provider or that no source gives for the provider are unknown there', () => {
    // GLM-4.7: the router's only figure (204,800, one upstream) differs from the profile's 202,752.
    expect(limitsOf('huggingface:zai-org/GLM-4.7').context).toBe('unknown');
    // DeepSeek V4 Flash: max output differs by provider (DeepSeek 393,216, OpenRouter 65,536); none is sourced here.
    expect(limitsOf('huggingface:deepseek-ai/DeepSeek-V4-Flash')).toEqual({ context: 1_048_576, maxOutput: 'unknown' });
    expect(limitsOf('nvidia-nim:deepseek-ai/deepseek-v4-flash')).toEqual({ context: 1_048_576, maxOutput: 'unknown' });
    // Sourced provider values stay as the catalog gives them.
    expect(limitsOf('nvidia-nim:z-ai/glm-5.1').context).toBe(131_072);
    expect(limitsOf('nvidia-nim:openai/gpt-oss-120b')).toEqual({ context: 128_000, maxOutput: 8_192 });
  });
});
