import type { DiscoveryPart, LiveContext, LiveModelRecord, ParseModelsContext } from '@codewhale/core';
import { parseOpenAIModelRecords, requestOk } from '@codewhale/plugin-kit';
import { createDeepseekDescriptor } from './deepseek-descriptor.js';
import { deepseekRenameOf } from './deepseek-model-renames.js';
import { deepseekWireIds } from './deepseek-offerings.js';

const PROVIDER_ID = 'deepseek';
const LISTING_PATH = '/models';

/**
 * The canonical model a listed id stands for at DeepSeek: an offering's wire id, or a retired id through the rename
 * table (DeepSeek keeps accepting some retired ids and routes them to the successor).
 *
 * Why a listing can hold retired ids: the official list-models docs example (our fixture) still shows
 * deepseek-chat / deepseek-reasoner, which predate V4; between Apr and Jul 2026 the live listing carried those legacy
 * aliases next to the V4 ids; and proxies or cached listings at custom endpoints may still report them.
 */
function canonicalFor(id: string): string | undefined {
  const direct = deepseekWireIds.get(id);
  if (direct) return direct;
  const rename = deepseekRenameOf(id);
  return rename ? deepseekWireIds.get(rename.to) : undefined;
}

/**
 * Parse DeepSeek's `GET /models` body (`{ object: "list", data: [{ id, object: "model", owned_by }] }`) into
 * secret-free records. DeepSeek reports no context, pricing, `created` or capability fields: limits come from the
 * catalog. Throws `ListingParseError` for bodies that do not fit.
 */
export function parseDeepseekModels(body: unknown, _context?: ParseModelsContext): LiveModelRecord[] {
  return parseOpenAIModelRecords(body, { providerId: PROVIDER_ID, canonicalFor });
}

const officialOrigins: ReadonlySet<string> = new Set(
  Object.values(createDeepseekDescriptor().endpoints).flatMap((endpoint) =>
    [endpoint.baseUrl, ...(endpoint.alternateBaseUrls ?? [])].map((url) => new URL(url).origin),
  ),
);

function isOfficialOrigin(baseUrl: string): boolean {
  try {
    return officialOrigins.has(new URL(baseUrl).origin);
  } catch {
    return false;
  }
}

/**
 * GET the listing. On DeepSeek's own host it is at the API root (`/models`), whichever endpoint the route uses:
 * never under `/anthropic` or `/beta`. A custom endpoint (a proxy) is asked relative to its base URL, the
 * OpenAI-compatible convention.
 */
async function fetchDeepseekModels(context: LiveContext): Promise<LiveModelRecord[]> {
  const from = isOfficialOrigin(context.baseUrl) ? 'origin' : 'base';
  const response = await requestOk(context, { path: LISTING_PATH, from, method: 'GET' });
  return parseDeepseekModels(response.json, { providerId: context.providerId, baseUrl: context.baseUrl });
}

/** DeepSeek's live `/models` discovery. */
export const deepseekDiscovery: DiscoveryPart = {
  parseModels: parseDeepseekModels,
  fetchModels: fetchDeepseekModels,
};
