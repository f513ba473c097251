import {
  normalizeBaseUrl,
  type LiveContext,
  type MeterContext,
  type MeterReading,
  type UsageMeter,
  type UsageMeterPart,
} from '@codewhale/core';
import { asRecord, ListingParseError, nonEmptyString, positiveInteger, requestOk } from '@codewhale/plugin-kit';

type LoadedModel = Extract<MeterReading, { kind: 'local' }>['loadedModels'][number];

/** A non-negative safe integer (a byte count; 0 is a real value, e.g. no VRAM on a CPU-only box). */
function byteCount(value: unknown): number | undefined {
  // Stryker disable next-line ConditionalExpression: Number.isSafeInteger refuses non-numbers; this narrows the type
  if (typeof value !== 'number') return undefined;
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * Parse a `GET /api/ps` body into loaded models: name, size, VRAM, the allocated runtime context and when the
 * model unloads. Pure; throws `ListingParseError` for bodies that do not fit.
 */
export function parseOllamaLoadedModels(body: unknown): LoadedModel[] {
  const record = asRecord(body);
  if (!record) throw new ListingParseError('ollama', '', 'expected a JSON object');
  if (record.models === null) return [];
  if (!Array.isArray(record.models))
    throw new ListingParseError('ollama', 'models', 'expected a list of loaded models');
  return record.models.map((item, index) => {
    const entry = asRecord(item);
    if (!entry) throw new ListingParseError('ollama', `models[${index}]`, 'expected an object');
    const name = nonEmptyString(entry.name);
    if (name === undefined || name.length > 512)
      throw new ListingParseError('ollama', `models[${index}].name`, 'expected a model name');
    const sizeBytes = byteCount(entry.size);
    const vramBytes = byteCount(entry.size_vram);
    const contextLength = positiveInteger(entry.context_length);
    const expiresAt = nonEmptyString(entry.expires_at);
    return {
      name,
      ...(sizeBytes !== undefined ? { sizeBytes } : {}),
      ...(vramBytes !== undefined ? { vramBytes } : {}),
      ...(contextLength !== undefined ? { contextLength } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    };
  });
}

/** Read the models Ollama has loaded (`GET /api/ps` at the origin of the base URL). */
export async function readOllamaMeter(context: LiveContext): Promise<MeterReading> {
  const response = await requestOk(context, { path: '/api/ps', from: 'origin' });
  return { kind: 'local', loadedModels: parseOllamaLoadedModels(response.json), fetchedAt: new Date().toISOString() };
}

// Ollama Cloud's direct API (https://ollama.com/v1, docs/cloud.mdx): plan quotas, no public usage API (PROVIDERS.md section 7).
const OLLAMA_CLOUD_HOST = 'ollama.com';

/** The meter of an Ollama route: `local` where Ollama runs on your hardware, `unknown` at Ollama Cloud. */
function describeOllamaMeter(context: MeterContext): UsageMeter {
  if (normalizeBaseUrl(context.endpoint.baseUrl)?.hostname === OLLAMA_CLOUD_HOST) {
    return {
      kind: 'unknown',
      reason: "Ollama Cloud: usage counts against your plan's quota, and Ollama publishes no usage API",
    };
  }
  return { kind: 'local' };
}

/** Ollama's meter: `local` (your own machine's resources, never "free"), `unknown` at Ollama Cloud; `read` lists loaded models. */
export const ollamaUsageMeter: UsageMeterPart = {
  describe: describeOllamaMeter,
  read: readOllamaMeter,
};
