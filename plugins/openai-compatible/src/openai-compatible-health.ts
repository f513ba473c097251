import type { HealthPart, HealthResult, LiveContext, LiveRequest } from '@codewhale/core';
import { ProviderHttpError } from '@codewhale/plugin-kit';
import { parseOpenAICompatibleModels } from './openai-compatible-discovery.js';

const MODELS_REQUEST: LiveRequest = { path: '/models', from: 'base' };

function listingPath(baseUrl: string): string {
  try {
    return `${new URL(baseUrl).pathname.replace(/\/+$/, '')}/models`;
  } catch {
    return '/models';
  }
}

/**
 * Probe a generic endpoint (llama.cpp, LM Studio, a gateway) with `GET {base}/models`: models listed → `up`, an
 * empty list → `up-no-model`, 401/403 → `unauthorized`, network errors, timeouts and 5xx → `down`. A listing proves
 * reachability, not that a model loads.
 */
export async function probeOpenAICompatible(context: LiveContext): Promise<HealthResult> {
  const what = `GET ${listingPath(context.baseUrl)}`;
  let status: number;
  let json: unknown;
  try {
    const response = await context.request(MODELS_REQUEST);
    status = response.status;
    json = response.json;
  } catch (error) {
    if (!ProviderHttpError.isInstance(error)) return { state: 'unknown', evidence: [`${what} -> failed`] };
    const evidence = [`${what} -> ${error.kind}${error.status === undefined ? '' : ` (HTTP ${error.status})`}`];
    if (error.status === 401 || error.status === 403) return { state: 'unauthorized', evidence };
    if (error.kind === 'network' || error.kind === 'timeout' || (error.status !== undefined && error.status >= 500)) return { state: 'down', evidence };
    return { state: 'unknown', evidence };
  }
  if (status === 401 || status === 403) return { state: 'unauthorized', evidence: [`${what} -> ${status}`] };
  if (status >= 500) return { state: 'down', evidence: [`${what} -> ${status}`] };
  if (status < 200 || status >= 300) return { state: 'unknown', evidence: [`${what} -> ${status}`] };
  let models: string[];
  try {
    models = parseOpenAICompatibleModels(json, { providerId: context.providerId, baseUrl: context.baseUrl }).map((record) => record.id);
  } catch {
    return { state: 'unknown', evidence: [`${what} -> ${status} (body not a model list)`] };
  }
  return { state: models.length > 0 ? 'up' : 'up-no-model', evidence: [`${what} -> ${status} (${models.length} model${models.length === 1 ? '' : 's'})`], models };
}

/** Health of a generic endpoint: its model listing, no paid inference. */
export const openAICompatibleHealth: HealthPart = { probe: probeOpenAICompatible };
