import { cardSummary } from './card-summary.js';
import { ggufQuantisations } from './gguf-quantisations.js';
import type { HubAccess, HubModelInfo } from './hub-types.js';
import {
  MODEL_PASSPORT_VERSION,
  type LineageRelation,
  type ModelPassport,
  type PassportFact,
} from './model-passport-schema.js';

/** Repositories derived from a model (found by a tag search), or why they are unknown. */
export type DerivedRepos =
  | { readonly repos: readonly string[]; readonly more: boolean }
  | { readonly unavailable: string };

/** What a passport adds to the model info answer: the card text, the access check, derived repositories. */
export interface BuildPassportOptions {
  /** The model card (`README.md`) text, or why it was not read. Without it the summary is unknown. */
  readonly card?: string | { readonly unavailable: string };
  /** What the token can do with a gated repository (see `HubClient.checkAccess`). Default `not-checked`. */
  readonly access?: HubAccess;
  /** Repositories tagged `base_model:quantized:<repo>`. */
  readonly quantizations?: DerivedRepos;
  /** Repositories tagged `base_model:adapter:<repo>`. */
  readonly adapters?: DerivedRepos;
  /** The Hub's base URL, for the model page link (default: the origin the answer came from). */
  readonly endpoint?: string;
}

const RELATIONS: ReadonlySet<string> = new Set(['adapter', 'merge', 'quantized', 'finetune']);

function known<T>(value: T, source: string): PassportFact<T> {
  return { known: true, value, source };
}

function unknown<T>(reason: string): PassportFact<T> {
  return { known: false, reason };
}

function fromAnswer<T>(value: T | undefined, source: string, field: string): PassportFact<T> {
  return value === undefined ? unknown(`the Hub answer has no ${field}`) : known(value, source);
}

function licence(info: HubModelInfo): ModelPassport['licence'] {
  const card = info.cardData?.license;
  if (card !== undefined && card.length > 1)
    return unknown(`the card names several licences (${card.join(', ')}); read the card to see which applies`);
  const id = card?.[0];
  if (id !== undefined && id.trim() !== '') {
    const name = info.cardData?.licenseName;
    const link = info.cardData?.licenseLink;
    return known({ id, ...(name ? { name } : {}), ...(link ? { link } : {}) }, 'cardData.license');
  }
  const tags = (info.tags ?? []).filter((tag) => tag.startsWith('license:')).map((tag) => tag.slice('license:'.length));
  if (tags.length === 1 && tags[0]) return known({ id: tags[0] }, `tags: license:${tags[0]}`);
  if (tags.length > 1) return unknown(`the tags name several licences (${tags.join(', ')})`);
  if (info.cardData === undefined && info.tags === undefined)
    return unknown('the Hub answer has neither card data nor tags (ask without a narrow expand[])');
  return unknown('neither the card data nor the tags name a licence');
}

function parameters(info: HubModelInfo): ModelPassport['parameters'] {
  const weights = info.safetensors;
  if (weights === undefined) {
    const reason =
      info.siblings !== undefined && !info.siblings.some((file) => /\.safetensors$/i.test(file.rfilename))
        ? 'the repository has no .safetensors files'
        : 'the Hub answer has no safetensors metadata';
    return { byDtype: unknown(reason), total: unknown(reason) };
  }
  const dtypes = Object.keys(weights.parameters);
  if (dtypes.length === 0) {
    const reason = 'safetensors.parameters lists no dtype';
    return { byDtype: unknown(reason), total: unknown(reason) };
  }
  const byDtype = known({ ...weights.parameters }, 'safetensors.parameters');
  if (dtypes.length > 1)
    return {
      byDtype,
      total: unknown(
        `the weights mix dtypes (${dtypes.join(', ')}): counts are per dtype, a sum would not be one number`,
      ),
    };
  return {
    byDtype,
    total: known(weights.parameters[dtypes[0] as string] as number, `safetensors.parameters.${dtypes[0]}`),
  };
}

function gguf(info: HubModelInfo): ModelPassport['gguf'] {
  const files = info.siblings;
  const quantisations = files ? ggufQuantisations(files) : [];
  const hasGgufFile = files?.some((file) => /\.gguf$/i.test(file.rfilename)) ?? false;
  if (info.gguf === undefined && !hasGgufFile)
    return unknown(
      files === undefined
        ? 'the Hub answer has neither gguf metadata nor a file list'
        : 'no .gguf files in the repository',
    );
  const facts = info.gguf ?? {};
  const missing = 'the Hub answer has no gguf metadata';
  return known(
    {
      architecture: facts.architecture
        ? known(facts.architecture, 'gguf.architecture')
        : unknown(info.gguf ? 'gguf.architecture is absent' : missing),
      contextLength: facts.contextLength
        ? known(facts.contextLength, 'gguf.context_length')
        : unknown(info.gguf ? 'gguf.context_length is absent' : missing),
      parameters:
        facts.total !== undefined
          ? known(facts.total, 'gguf.total')
          : unknown(info.gguf ? 'gguf.total is absent' : missing),
      quantisations: quantisations.map((quant) => ({
        name: quant.name,
        files: [...quant.files],
        bytes:
          quant.bytes !== undefined
            ? known(quant.bytes, 'siblings[].size')
            : unknown<number>('the file list has no sizes (they come with blobs=true)'),
      })),
    },
    info.gguf ? 'gguf' : 'siblings',
  );
}

function lineage(info: HubModelInfo, options: BuildPassportOptions): ModelPassport['lineage'] {
  const bases = new Map<string, { repo: string; relation: LineageRelation; source: string }>();
  for (const tag of info.tags ?? []) {
    if (!tag.startsWith('base_model:')) continue;
    const rest = tag.slice('base_model:'.length);
    const colon = rest.indexOf(':');
    const relation = colon > 0 ? rest.slice(0, colon) : undefined;
    if (relation !== undefined && RELATIONS.has(relation)) {
      const repo = rest.slice(colon + 1);
      if (repo) bases.set(repo, { repo, relation: relation as LineageRelation, source: `tags: ${tag}` });
    } else if (colon < 0 && rest && !bases.has(rest))
      bases.set(rest, { repo: rest, relation: 'unknown', source: `tags: ${tag}` });
  }
  for (const repo of info.cardData?.baseModel ?? [])
    if (repo && !bases.has(repo)) bases.set(repo, { repo, relation: 'unknown', source: 'cardData.base_model' });
  const datasets = new Set<string>(info.cardData?.datasets ?? []);
  for (const tag of info.tags ?? []) if (tag.startsWith('dataset:') && tag.length > 8) datasets.add(tag.slice(8));
  const derived = (found: DerivedRepos | undefined, tag: string): PassportFact<{ repos: string[]; more: boolean }> =>
    found === undefined
      ? unknown(`not looked up (a search for the tag ${tag}:${info.id})`)
      : 'unavailable' in found
        ? unknown(found.unavailable)
        : known({ repos: [...found.repos], more: found.more }, `search filter=${tag}:${info.id}`);
  return {
    baseModels: [...bases.values()],
    datasets: [...datasets],
    quantizations: derived(options.quantizations, 'base_model:quantized'),
    adapters: derived(options.adapters, 'base_model:adapter'),
  };
}

function card(options: BuildPassportOptions): ModelPassport['card'] {
  if (options.card === undefined) return unknown('the model card was not read');
  if (typeof options.card !== 'string') return unknown(options.card.unavailable);
  const summary = cardSummary(options.card);
  if (summary.summary === '') return unknown('the model card has no text besides its metadata');
  return known(summary, 'README.md');
}

function access(info: HubModelInfo, options: BuildPassportOptions): ModelPassport['gating']['access'] {
  if (info.gated === false) return 'not-gated';
  return options.access ?? 'not-checked';
}

function endpointOf(info: HubModelInfo, options: BuildPassportOptions): string {
  if (options.endpoint !== undefined) return options.endpoint.replace(/\/+$/, '');
  const marker = info.source.url.indexOf('/api/models');
  return marker > 0 ? info.source.url.slice(0, marker) : info.source.url;
}

/**
 * The passport of a model from its Hub answer (pure: no I/O). Every fact carries its source in the answer, or is
 * unknown with the reason; parameter counts stay per dtype; the card text becomes a plain-text summary.
 */
export function buildPassport(info: HubModelInfo, options: BuildPassportOptions = {}): ModelPassport {
  const renamed = info.source.renamedFrom;
  return {
    version: MODEL_PASSPORT_VERSION,
    repo: info.id,
    requested: info.source.requested,
    ...(renamed !== undefined ? { renamed: { from: renamed, to: info.id } } : {}),
    ...(info.source.revision !== undefined ? { revision: info.source.revision } : {}),
    sha: fromAnswer(info.sha, 'sha', 'commit sha'),
    url: `${endpointOf(info, options)}/${info.id}`,
    licence: licence(info),
    gating: {
      gated: fromAnswer<false | 'auto' | 'manual'>(info.gated, 'gated', 'gated field'),
      access: access(info, options),
      private: fromAnswer(info.private, 'private', 'private field'),
    },
    task: fromAnswer(info.pipelineTag, 'pipeline_tag', 'pipeline_tag'),
    library: fromAnswer(info.libraryName, 'library_name', 'library_name'),
    parameters: parameters(info),
    gguf: gguf(info),
    lineage: lineage(info, options),
    card: card(options),
    lastModified: fromAnswer(info.lastModified, 'lastModified', 'lastModified'),
    providers:
      info.inferenceProviderMapping === undefined
        ? unknown('the Hub answer has no inferenceProviderMapping (ask with expand[]=inferenceProviderMapping)')
        : known(
            info.inferenceProviderMapping.map((entry) => ({
              provider: entry.provider,
              providerId: entry.providerId,
              status: entry.status,
              ...(entry.task !== undefined ? { task: entry.task } : {}),
              ...(entry.adapter !== undefined ? { adapter: entry.adapter } : {}),
            })),
            'inferenceProviderMapping',
          ),
    source: {
      url: info.source.url,
      fetchedAt: info.source.fetchedAt,
      fromCache: info.source.fromCache,
      token: info.source.token,
    },
  };
}
