import { catalogServedNames } from '@codewhale/core';
import { catalogModelProfiles } from '@codewhale/plugin-kit';
import servedNamesFile from '../../../catalog/served-names/ollama.json' with { type: 'json' };
import { ollamaLookupKey } from './ollama-model-id-policy.js';

/** How a well-known model takes reasoning controls on Ollama (absent: the plain `reasoning_effort` mapping). */
export type OllamaReasoningTrait =
  /** gpt-oss: levels only; booleans are ignored and the trace cannot be turned off. */
  | 'gpt-oss'
  /** The model has no thinking mode at all (its model card says so). */
  | 'non-thinking';

/** A well-known Ollama model name and the canonical model it serves. Not an offering: used by discovery only. */
export interface OllamaKnownModel {
  /** The name as Ollama lists it (matched case-insensitively, `:latest` implied). */
  readonly name: string;
  /** Canonical model id (a profile in `catalog/models`). */
  readonly canonical: string;
  /** Where the name → model mapping was read. */
  readonly source: string;
  /** From the model profile's `openWeights.reasoningDialect` (the traits Ollama treats specially). */
  readonly reasoning?: OllamaReasoningTrait;
  readonly note?: string;
}

// The profiles of the models the names serve: their reasoning dialect is a model fact (catalog/models).
const profiles = new Map(catalogModelProfiles.map((profile) => [profile.id, profile] as const));

function traitOf(canonical: string): OllamaReasoningTrait | undefined {
  const dialect = profiles.get(canonical)?.openWeights.reasoningDialect;
  const value = dialect === undefined || dialect === 'unknown' ? undefined : dialect.value;
  return value === 'gpt-oss' || value === 'non-thinking' ? value : undefined;
}

/**
 * Well-known Ollama names (catalog/served-names/ollama.json, each with its source). Names a user pulls under other
 * tags (quantisations, sizes) are not guessed.
 */
export const ollamaKnownModels: readonly OllamaKnownModel[] = catalogServedNames(servedNamesFile).map(
  ({ name, model, source, note }) => {
    const reasoning = traitOf(model);
    return Object.freeze({
      name,
      canonical: model,
      source: source.url,
      ...(reasoning ? { reasoning } : {}),
      ...(note ? { note } : {}),
    });
  },
);

const DEFAULT_PREFIXES = ['registry.ollama.ai/library/', 'library/'];

/** The match key: the lookup key without the default host and namespace (registry.ollama.ai/library). */
function matchKey(name: string): string {
  const key = ollamaLookupKey(name);
  const prefix = DEFAULT_PREFIXES.find((candidate) => key.startsWith(candidate));
  return prefix ? key.slice(prefix.length) : key;
}

const byKey = new Map(ollamaKnownModels.map((model) => [matchKey(model.name), model] as const));

/**
 * The well-known model an Ollama name refers to: compared case-insensitively, `:latest` implied, the default
 * host/namespace ignored, and a locally pulled cloud model's `-cloud` tag suffix ignored (docs/cloud.mdx).
 */
export function findOllamaKnownModel(name: string): OllamaKnownModel | undefined {
  const key = matchKey(name);
  const found = byKey.get(key);
  if (found) return found;
  if (key.endsWith('-cloud') && key.lastIndexOf(':') > key.lastIndexOf('/'))
    return byKey.get(key.slice(0, -'-cloud'.length));
  return undefined;
}
