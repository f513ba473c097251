import type { DiscoveryPart, LiveModelRecord, LiveUpstream, ParseModelsContext } from '@codewhale/core';
import {
  asRecord,
  booleanValue,
  nonEmptyString,
  parseOpenAIModelList,
  positivePrice,
  positiveInteger,
} from '@codewhale/plugin-kit';
import { stripHuggingfaceSuffix } from './huggingface-model-id-policy.js';
import { huggingfaceCanonicalByWireId } from './huggingface-offerings.js';

/** One `providers[]` entry; entries without a provider name are skipped, wrong-typed fields dropped. */
function parseUpstream(value: unknown): LiveUpstream[] {
  const entry = asRecord(value);
  const provider = nonEmptyString(entry?.provider);
  if (!entry || provider === undefined) return [];
  const status = nonEmptyString(entry.status);
  const contextWindow = positiveInteger(entry.context_length);
  const pricing = asRecord(entry.pricing);
  // A 0 is dropped (an unknown price is never 0), and `is_free` is not copied.
  const input = positivePrice(pricing?.input);
  const output = positivePrice(pricing?.output);
  const supportsTools = booleanValue(entry.supports_tools);
  const supportsStructuredOutput = booleanValue(entry.supports_structured_output);
  return [
    {
      provider,
      ...(status !== undefined ? { status } : {}),
      ...(contextWindow !== undefined ? { contextWindow } : {}),
      ...(input !== undefined || output !== undefined
        ? {
            pricePerMillion: {
              ...(input !== undefined ? { input } : {}),
              ...(output !== undefined ? { output } : {}),
              currency: 'USD',
            },
          }
        : {}),
      ...(supportsTools !== undefined ? { supportsTools } : {}),
      ...(supportsStructuredOutput !== undefined ? { supportsStructuredOutput } : {}),
    },
  ];
}

/** `vision` when the model takes image input (architecture.input_modalities). */
function capabilitiesOf(architecture: unknown): string[] {
  const inputs = asRecord(architecture)?.input_modalities;
  return Array.isArray(inputs) && inputs.includes('image') ? ['vision'] : [];
}

/**
 * Parse the router's `GET /v1/models`: `{ object: "list", data: [{ id, object, created, owned_by, architecture:
 * { input_modalities, output_modalities }, providers: [...] }] }` (huggingface/hub-docs hub-api.md). Context and price
 * are set separately for each upstream provider, so they go into `upstream[]` (provider, status, context window,
 * USD per 1M input/output, tools and structured-output support) and the record's own `contextWindow` and
 * `pricePerMillion` stay undefined: there is no one value for the model. `vision` is added when the model takes image
 * input. Latency, throughput and anything else is not copied. Throws `ListingParseError` for bodies that do not fit.
 */
export function parseHuggingfaceModels(body: unknown, context: ParseModelsContext): LiveModelRecord[] {
  return parseOpenAIModelList(body, { providerId: context.providerId }).map(({ id, ownedBy, created, entry }) => {
    const canonicalModel = huggingfaceCanonicalByWireId.get(stripHuggingfaceSuffix(id));
    const capabilities = capabilitiesOf(entry.architecture);
    const upstream = Array.isArray(entry.providers) ? entry.providers.flatMap(parseUpstream) : undefined;
    return {
      id,
      ...(canonicalModel !== undefined ? { canonicalModel } : {}),
      ...(ownedBy !== undefined ? { ownedBy } : {}),
      ...(created !== undefined ? { created } : {}),
      ...(capabilities.length > 0 ? { capabilities } : {}),
      ...(upstream !== undefined ? { upstream } : {}),
    };
  });
}

/** The Hugging Face router's live `/models` discovery (public: no token needed). */
export const huggingfaceDiscovery: DiscoveryPart = { parseModels: parseHuggingfaceModels };
