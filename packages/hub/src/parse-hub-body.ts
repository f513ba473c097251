import { HUB_ERROR_CODES, HubError } from './hub-error.js';
import type {
  HubAnswerSource,
  HubCardData,
  HubGated,
  HubModelInfo,
  HubModelSummary,
  HubProviderMapping,
  HubSibling,
} from './hub-types.js';

/** What a parser reports a problem against: the request (for messages) and the repository. */
export interface HubBodyContext {
  /** `origin + path` of the request, for messages. */
  readonly url: string;
  readonly repo?: string;
  /** Prepended to every path (items of a list). @internal */
  readonly prefix?: string;
}

type Json = Record<string, unknown>;

const MAX_ID_LENGTH = 256;
const MAX_TEXT_LENGTH = 2048;

function fail(context: HubBodyContext, relative: string, problem: string): never {
  const path = `${context.prefix ?? ''}${relative}`;
  throw new HubError(
    HUB_ERROR_CODES.invalidBody,
    `The Hub's answer to GET ${context.url} is not a model answer: ${path || '(root)'} ${problem}. Is the endpoint (HF_ENDPOINT) a Hugging Face Hub?`,
    { url: context.url, path, ...(context.repo !== undefined ? { repo: context.repo } : {}) },
  );
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(object: Json, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A string field: absent (undefined/null) stays absent; another type is a body error. */
function optionalString(
  context: HubBodyContext,
  object: Json,
  key: string,
  path: string,
  max = MAX_TEXT_LENGTH,
): string | undefined {
  const value = own(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(context, path, `should be a string, not ${describe(value)}`);
  if (value.length > max) fail(context, path, `is longer than ${max} characters`);
  return value;
}

function optionalCount(context: HubBodyContext, object: Json, key: string, path: string): number | undefined {
  const value = own(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    fail(context, path, `should be a non-negative integer, not ${describe(value)}`);
  return value;
}

function optionalBoolean(context: HubBodyContext, object: Json, key: string, path: string): boolean | undefined {
  const value = own(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') fail(context, path, `should be true or false, not ${describe(value)}`);
  return value;
}

function optionalStrings(context: HubBodyContext, object: Json, key: string, path: string): string[] | undefined {
  const value = own(object, key);
  if (value === undefined || value === null) return undefined;
  // The card's front matter allows one string where a list is meant (`base_model: org/model`).
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list)) fail(context, path, `should be a list of strings, not ${describe(value)}`);
  return list.map((item, index) => {
    if (typeof item !== 'string') fail(context, `${path}[${index}]`, `should be a string, not ${describe(item)}`);
    if (item.length > MAX_TEXT_LENGTH)
      fail(context, `${path}[${index}]`, `is longer than ${MAX_TEXT_LENGTH} characters`);
    return item;
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : 'a non-finite number';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const REPO_PART = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_])?$|^[A-Za-z0-9]$/;

/** Whether a string is a Hub repository id (`owner/name`, or a legacy `name`): no `..`, no `--` edge, at most 96 per part. */
export function isHubRepoId(value: string): boolean {
  if (value.length === 0 || value.length > 200 || value.includes('..') || value.includes('--')) return false;
  const parts = value.split('/');
  return parts.length <= 2 && parts.every((part) => REPO_PART.test(part));
}

function repoId(context: HubBodyContext, object: Json, key: string, path: string): string {
  const value = own(object, key);
  if (typeof value !== 'string') fail(context, path, `should be the repository id, not ${describe(value)}`);
  if (value.length > MAX_ID_LENGTH || !isHubRepoId(value)) fail(context, path, 'is not a repository id (owner/name)');
  return value;
}

function gatedValue(context: HubBodyContext, object: Json, path: string): HubGated | undefined {
  const value = own(object, 'gated');
  if (value === undefined || value === null) return undefined;
  if (value === false || value === 'auto' || value === 'manual') return value;
  // Older answers use `true` for gated repos without saying how requests are reviewed.
  if (value === true) return 'auto';
  return fail(context, path, `should be false, "auto" or "manual", not ${describe(value)}`);
}

function mappingEntry(context: HubBodyContext, value: unknown, path: string, provider?: string): HubProviderMapping {
  if (!isObject(value)) fail(context, path, `should be an object, not ${describe(value)}`);
  const name = provider ?? optionalString(context, value, 'provider', `${path}.provider`, 100);
  if (name === undefined || name === '') fail(context, `${path}.provider`, 'is missing');
  if (name.length > 100) fail(context, `${path}.provider`, 'is longer than 100 characters');
  const providerId = optionalString(context, value, 'providerId', `${path}.providerId`, MAX_ID_LENGTH);
  if (providerId === undefined || providerId === '') fail(context, `${path}.providerId`, 'is missing');
  const status = optionalString(context, value, 'status', `${path}.status`, 40);
  if (status === undefined || status === '') fail(context, `${path}.status`, 'is missing');
  const task = optionalString(context, value, 'task', `${path}.task`, 100);
  const adapter =
    optionalString(context, value, 'adapter', `${path}.adapter`, 100) ??
    optionalString(context, value, 'adapterType', `${path}.adapterType`, 100);
  const isModelAuthor = optionalBoolean(context, value, 'isModelAuthor', `${path}.isModelAuthor`);
  return {
    provider: name,
    providerId,
    status,
    ...(task ? { task } : {}),
    ...(adapter ? { adapter } : {}),
    ...(isModelAuthor !== undefined ? { isModelAuthor } : {}),
  };
}

/** `inferenceProviderMapping` in either form the Hub has used: an object keyed by provider (2025), or a list. */
function providerMapping(context: HubBodyContext, object: Json): HubProviderMapping[] | undefined {
  const value = own(object, 'inferenceProviderMapping');
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value))
    return value.map((entry, index) => mappingEntry(context, entry, `inferenceProviderMapping[${index}]`));
  if (!isObject(value))
    fail(context, 'inferenceProviderMapping', `should be an object or a list, not ${describe(value)}`);
  return Object.keys(value).map((provider) =>
    mappingEntry(context, value[provider], `inferenceProviderMapping.${provider}`, provider),
  );
}

function cardData(context: HubBodyContext, object: Json): HubCardData | undefined {
  const value = own(object, 'cardData');
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) fail(context, 'cardData', `should be an object, not ${describe(value)}`);
  const license = optionalStrings(context, value, 'license', 'cardData.license');
  const licenseName = optionalString(context, value, 'license_name', 'cardData.license_name');
  const licenseLink = optionalString(context, value, 'license_link', 'cardData.license_link');
  const baseModel = optionalStrings(context, value, 'base_model', 'cardData.base_model');
  const datasets = optionalStrings(context, value, 'datasets', 'cardData.datasets');
  return {
    ...(license !== undefined ? { license } : {}),
    ...(licenseName !== undefined ? { licenseName } : {}),
    ...(licenseLink !== undefined ? { licenseLink } : {}),
    ...(baseModel !== undefined ? { baseModel } : {}),
    ...(datasets !== undefined ? { datasets } : {}),
  };
}

function safetensors(context: HubBodyContext, object: Json): HubModelInfo['safetensors'] {
  const value = own(object, 'safetensors');
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) fail(context, 'safetensors', `should be an object, not ${describe(value)}`);
  const parameters = own(value, 'parameters');
  if (!isObject(parameters))
    fail(context, 'safetensors.parameters', `should be an object of counts per dtype, not ${describe(parameters)}`);
  const byDtype: Record<string, number> = {};
  for (const dtype of Object.keys(parameters)) {
    if (!/^[A-Za-z0-9_]{1,32}$/.test(dtype))
      fail(context, 'safetensors.parameters', `has a key that is not a dtype name`);
    const counted = optionalCount(context, parameters, dtype, `safetensors.parameters.${dtype}`);
    if (counted === undefined) fail(context, `safetensors.parameters.${dtype}`, 'is missing');
    Object.defineProperty(byDtype, dtype, { value: counted, enumerable: true, writable: false, configurable: false });
  }
  const total = optionalCount(context, value, 'total', 'safetensors.total');
  return { parameters: byDtype, ...(total !== undefined ? { total } : {}) };
}

function gguf(context: HubBodyContext, object: Json): HubModelInfo['gguf'] {
  const value = own(object, 'gguf');
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) fail(context, 'gguf', `should be an object, not ${describe(value)}`);
  const architecture = optionalString(context, value, 'architecture', 'gguf.architecture', 100);
  const contextLength = optionalCount(context, value, 'context_length', 'gguf.context_length');
  const total = optionalCount(context, value, 'total', 'gguf.total');
  const totalFileSize = optionalCount(context, value, 'totalFileSize', 'gguf.totalFileSize');
  return {
    ...(architecture ? { architecture } : {}),
    ...(contextLength ? { contextLength } : {}),
    ...(total !== undefined ? { total } : {}),
    ...(totalFileSize !== undefined ? { totalFileSize } : {}),
  };
}

function siblings(context: HubBodyContext, object: Json): HubSibling[] | undefined {
  const value = own(object, 'siblings');
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail(context, 'siblings', `should be a list, not ${describe(value)}`);
  return value.map((item, index) => {
    const path = `siblings[${index}]`;
    if (!isObject(item)) fail(context, path, `should be an object, not ${describe(item)}`);
    const name = optionalString(context, item, 'rfilename', `${path}.rfilename`, 1024);
    if (name === undefined || name === '') fail(context, `${path}.rfilename`, 'is missing');
    const size = optionalCount(context, item, 'size', `${path}.size`);
    return size !== undefined ? { rfilename: name, size } : { rfilename: name };
  });
}

function dateText(context: HubBodyContext, object: Json, key: string): string | undefined {
  const value = optionalString(context, object, key, key, 64);
  if (value !== undefined && Number.isNaN(Date.parse(value))) fail(context, key, 'is not a date');
  return value;
}

function rootObject(context: HubBodyContext, body: unknown): Json {
  if (!isObject(body)) fail(context, '', `should be a JSON object, not ${describe(body)}`);
  return body;
}

/**
 * Parse a `GET /api/models/{repo}` answer (untrusted): the fields passports use, checked. Throws {@link HubError}
 * `HUB_INVALID_BODY` (with the path) for anything else; never another error.
 */
export function parseHubModelInfo(body: unknown, source: HubAnswerSource): HubModelInfo {
  const context: HubBodyContext = { url: source.url, repo: source.requested };
  const root = rootObject(context, body);
  const id = repoId(context, root, Object.hasOwn(root, 'id') ? 'id' : 'modelId', 'id');
  const sha = optionalString(context, root, 'sha', 'sha', 64);
  if (sha !== undefined && !/^[0-9a-f]{40}$/.test(sha)) fail(context, 'sha', 'is not a 40-character commit sha');
  const author = optionalString(context, root, 'author', 'author', 100);
  const isPrivate = optionalBoolean(context, root, 'private', 'private');
  const gated = gatedValue(context, root, 'gated');
  const disabled = optionalBoolean(context, root, 'disabled', 'disabled');
  const pipelineTag = optionalString(context, root, 'pipeline_tag', 'pipeline_tag', 100);
  const libraryName = optionalString(context, root, 'library_name', 'library_name', 100);
  const tags = optionalStrings(context, root, 'tags', 'tags');
  const lastModified = dateText(context, root, 'lastModified');
  const createdAt = dateText(context, root, 'createdAt');
  const downloads = optionalCount(context, root, 'downloads', 'downloads');
  const likes = optionalCount(context, root, 'likes', 'likes');
  const card = cardData(context, root);
  const weights = safetensors(context, root);
  const ggufFacts = gguf(context, root);
  const files = siblings(context, root);
  const mapping = providerMapping(context, root);
  return {
    id,
    ...(sha !== undefined ? { sha } : {}),
    ...(author !== undefined ? { author } : {}),
    ...(isPrivate !== undefined ? { private: isPrivate } : {}),
    ...(gated !== undefined ? { gated } : {}),
    ...(disabled !== undefined ? { disabled } : {}),
    ...(pipelineTag ? { pipelineTag } : {}),
    ...(libraryName ? { libraryName } : {}),
    ...(tags !== undefined ? { tags } : {}),
    ...(lastModified !== undefined ? { lastModified } : {}),
    ...(createdAt !== undefined ? { createdAt } : {}),
    ...(downloads !== undefined ? { downloads } : {}),
    ...(likes !== undefined ? { likes } : {}),
    ...(card !== undefined ? { cardData: card } : {}),
    ...(weights !== undefined ? { safetensors: weights } : {}),
    ...(ggufFacts !== undefined ? { gguf: ggufFacts } : {}),
    ...(files !== undefined ? { siblings: files } : {}),
    ...(mapping !== undefined ? { inferenceProviderMapping: mapping } : {}),
    source,
  };
}

/** The sizes of a `blobs=true` answer's files, by name (untrusted body; throws {@link HubError} like the others). */
export function parseHubFileSizes(body: unknown, context: HubBodyContext): ReadonlyMap<string, number> {
  const root = rootObject(context, body);
  const sizes = new Map<string, number>();
  for (const file of siblings(context, root) ?? []) if (file.size !== undefined) sizes.set(file.rfilename, file.size);
  return sizes;
}

/** Parse a `GET /api/models` answer (untrusted): a list of models. Throws {@link HubError} `HUB_INVALID_BODY` otherwise. */
export function parseHubSearchResults(body: unknown, context: HubBodyContext): HubModelSummary[] {
  if (!Array.isArray(body)) fail(context, '', `should be a list of models, not ${describe(body)}`);
  return body.map((item, index) => {
    const path = `[${index}]`;
    if (!isObject(item)) fail(context, path, `should be an object, not ${describe(item)}`);
    const inner: HubBodyContext = { url: context.url, prefix: `${path}.` };
    const id = repoId(inner, item, Object.hasOwn(item, 'id') ? 'id' : 'modelId', 'id');
    const author = optionalString(inner, item, 'author', 'author', 100);
    const pipelineTag = optionalString(inner, item, 'pipeline_tag', 'pipeline_tag', 100);
    const libraryName = optionalString(inner, item, 'library_name', 'library_name', 100);
    const gated = gatedValue(inner, item, 'gated');
    const downloads = optionalCount(inner, item, 'downloads', 'downloads');
    const likes = optionalCount(inner, item, 'likes', 'likes');
    const lastModified = dateText(inner, item, 'lastModified');
    const tags = optionalStrings(inner, item, 'tags', 'tags');
    const license = tags?.find((tag) => tag.startsWith('license:'))?.slice('license:'.length);
    const mapping = providerMapping(inner, item);
    const summary: HubModelSummary = {
      id,
      ...(author !== undefined ? { author } : {}),
      ...(pipelineTag ? { pipelineTag } : {}),
      ...(libraryName ? { libraryName } : {}),
      ...(gated !== undefined ? { gated } : {}),
      ...(downloads !== undefined ? { downloads } : {}),
      ...(likes !== undefined ? { likes } : {}),
      ...(lastModified !== undefined ? { lastModified } : {}),
      ...(tags !== undefined ? { tags } : {}),
      ...(license ? { license } : {}),
      ...(mapping !== undefined ? { inferenceProviderMapping: mapping } : {}),
    };
    return summary;
  });
}
