import type { DiscoveryPart, LiveModelRecord, ParseModelsContext } from '@codewhale/core';
import { asRecord, nonEmptyString, parseOpenAIModelList, positiveInteger } from '@codewhale/plugin-kit';
import { openrouterCanonicalByWireId } from './openrouter-offerings.js';

// A plain decimal string, optionally with an exponent: "0.000000435", "0", "-1", "4.35e-7".
const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * OpenRouter prices are USD per token as decimal strings (https://openrouter.ai/docs/models). Converted to per million
 * tokens and rounded to 12 significant digits, so "0.000000435" reads as 0.435, not 0.43499999999999994. Only a
 * positive value is a price: 0 (a free route), negative values (a sentinel, never a price) and unparseable strings are
 * dropped, never recorded as 0. Numbers are not accepted: the documented type is a string.
 */
export function perMillionFromPerToken(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DECIMAL.test(value)) return undefined;
  const perToken = Number(value);
  if (!Number.isFinite(perToken) || perToken <= 0) return undefined;
  const perMillion = Number((perToken * 1_000_000).toPrecision(12));
  return Number.isFinite(perMillion) && perMillion > 0 ? perMillion : undefined;
}

function stringList(value: unknown): readonly string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/** Capabilities the entry names, in core's order (reasoning, tools, json, vision); undefined when it names none. */
function capabilitiesOf(entry: Readonly<Record<string, unknown>>): string[] | undefined {
  const parameters = new Set(stringList(entry.supported_parameters) ?? []);
  const inputs = stringList(asRecord(entry.architecture)?.input_modalities) ?? [];
  const capabilities = [
    ...(parameters.has('reasoning') || parameters.has('include_reasoning') ? ['reasoning'] : []),
    ...(parameters.has('tools') || parameters.has('tool_choice') ? ['tools'] : []),
    ...(parameters.has('response_format') || parameters.has('structured_outputs') ? ['json'] : []),
    ...(inputs.includes('image') ? ['vision'] : []),
  ];
  return capabilities.length > 0 ? capabilities : undefined;
}

/**
 * Parse OpenRouter's `GET /api/v1/models` (no auth): `{ data: [{ id, canonical_slug, name, created, context_length,
 * architecture: { input_modalities }, pricing: { prompt, completion, ... }, top_provider: { context_length,
 * max_completion_tokens }, supported_parameters, ... }] }` (https://openrouter.ai/docs/models). Reads only: id, name, created,
 * the context window (`top_provider.context_length`, else `context_length`), `top_provider.max_completion_tokens`,
 * positive prompt/completion prices (converted to per million tokens) and capabilities from `supported_parameters`
 * and image input. Nothing else is copied. Ids of this plugin's offerings get their canonical model; `:free`
 * variants and `~` aliases are other wire ids and do not. Throws `ListingParseError` for bodies that do not fit.
 */
export function parseOpenrouterModels(body: unknown, context: ParseModelsContext): LiveModelRecord[] {
  return parseOpenAIModelList(body, { providerId: context.providerId }).map(({ id, created, entry }) => {
    const canonicalModel = openrouterCanonicalByWireId.get(id);
    const displayName = nonEmptyString(entry.name);
    const topProvider = asRecord(entry.top_provider);
    const contextWindow = positiveInteger(topProvider?.context_length) ?? positiveInteger(entry.context_length);
    const maxOutput = positiveInteger(topProvider?.max_completion_tokens);
    const pricing = asRecord(entry.pricing);
    const input = perMillionFromPerToken(pricing?.prompt);
    const output = perMillionFromPerToken(pricing?.completion);
    const capabilities = capabilitiesOf(entry);
    return {
      id,
      ...(canonicalModel !== undefined ? { canonicalModel } : {}),
      ...(created !== undefined ? { created } : {}),
      ...(displayName !== undefined ? { displayName } : {}),
      ...(contextWindow !== undefined ? { contextWindow } : {}),
      ...(maxOutput !== undefined ? { maxOutput } : {}),
      ...(input !== undefined || output !== undefined
        ? {
            pricePerMillion: {
              ...(input !== undefined ? { input } : {}),
              ...(output !== undefined ? { output } : {}),
              currency: 'USD',
            },
          }
        : {}),
      ...(capabilities !== undefined ? { capabilities } : {}),
    };
  });
}

/** OpenRouter's live `/models` discovery (the host GETs the descriptor's listing path, no key needed). */
export const openrouterDiscovery: DiscoveryPart = { parseModels: parseOpenrouterModels };
