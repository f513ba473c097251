import type { LiveCache, SecretValue } from '@codewhale/node';
import type { HttpClient, HttpTimeouts } from '@codewhale/plugin-kit';

/** Gating of a Hub repository: `false` (open), `auto` (accepted at once) or `manual` (the authors review requests). */
export type HubGated = false | 'auto' | 'manual';

/** One entry of a repository's Inference Providers mapping: which provider serves it, under which of its own ids. */
export interface HubProviderMapping {
  /** The provider's name on the Hub, e.g. `together`, `fireworks-ai`, `hf-inference`. */
  readonly provider: string;
  /** The provider's own wire id for this model, e.g. `meta-llama/Meta-Llama-3-8B-Instruct-Turbo`. */
  readonly providerId: string;
  /** `live`, `staging`, or whatever else the Hub reports. */
  readonly status: string;
  /** The task it is served for, e.g. `conversational`. */
  readonly task?: string;
  /** Adapter type when the provider serves an adapter (e.g. `lora`). */
  readonly adapter?: string;
  /** Whether the provider is the model's author, as reported. */
  readonly isModelAuthor?: boolean;
}

/** One file of a repository; `size` only when the Hub reported it (`blobs=true`). */
export interface HubSibling {
  readonly rfilename: string;
  readonly size?: number;
}

/** Where a model info answer came from (secret-free). */
export interface HubAnswerSource {
  /** `origin + path` of the request that answered (no query). */
  readonly url: string;
  /** The repository id as asked for. */
  readonly requested: string;
  /** The revision asked for, when one was. */
  readonly revision?: string;
  /** Set when the Hub answered a same-origin redirect to another name: the old name. */
  readonly renamedFrom?: string;
  /** When the answer was fetched (ISO 8601). */
  readonly fetchedAt: string;
  /** True when it came from the cache. */
  readonly fromCache: boolean;
  /** Whether the request carried a token (its source class only, e.g. `env:HF_TOKEN`; never the value). */
  readonly token: string;
}

/**
 * A model as `GET /api/models/{repo}` describes it, parsed and checked: absent means the answer did not say, never
 * zero. Bodies are untrusted; nothing here is executed or rendered.
 */
export interface HubModelInfo {
  /** The repository id the Hub answered with (after a rename, the new one). */
  readonly id: string;
  readonly sha?: string;
  readonly author?: string;
  readonly private?: boolean;
  readonly gated?: HubGated;
  readonly disabled?: boolean;
  readonly pipelineTag?: string;
  readonly libraryName?: string;
  readonly tags?: readonly string[];
  readonly lastModified?: string;
  readonly createdAt?: string;
  readonly downloads?: number;
  readonly likes?: number;
  /** `cardData`: the model card's front matter (only the fields passports use). */
  readonly cardData?: HubCardData;
  /** `safetensors`: parameter counts per dtype, and the Hub's total. */
  readonly safetensors?: { readonly parameters: Readonly<Record<string, number>>; readonly total?: number };
  /** `gguf`: facts the Hub read from the GGUF files. */
  readonly gguf?: {
    readonly architecture?: string;
    readonly contextLength?: number;
    /** Parameter count. */
    readonly total?: number;
    /** Summed bytes of the .gguf files. */
    readonly totalFileSize?: number;
  };
  readonly siblings?: readonly HubSibling[];
  /** `inferenceProviderMapping`, in list form whichever form the Hub used. */
  readonly inferenceProviderMapping?: readonly HubProviderMapping[];
  /** Where this answer came from. */
  readonly source: HubAnswerSource;
}

/** The model card front matter fields passports use. */
export interface HubCardData {
  /** `license`: one id normally; a list when the card names several. */
  readonly license?: readonly string[];
  readonly licenseName?: string;
  readonly licenseLink?: string;
  /** `base_model`: a string or a list on the Hub; always a list here. */
  readonly baseModel?: readonly string[];
  readonly datasets?: readonly string[];
}

/** Sort keys of a model search. */
export type HubSearchSort = 'downloads' | 'likes' | 'lastModified' | 'createdAt' | 'trendingScore';

/** A model search (`GET /api/models`). Every field is optional; `after` continues a previous page. */
export interface HubSearchQuery {
  /** Free text matched against repo ids. */
  readonly search?: string;
  readonly author?: string;
  /** Tags every result must have, e.g. `gguf`, `base_model:quantized:Qwen/Qwen3-8B`, `license:apache-2.0`. */
  readonly filter?: string | readonly string[];
  /** Task, e.g. `text-generation`. */
  readonly pipelineTag?: string;
  /** An Inference Providers provider (e.g. `together`), or `all`. */
  readonly inferenceProvider?: string;
  /** Local apps that can run it, e.g. `vllm`, `sglang`, `ollama`, `llama.cpp`. */
  readonly apps?: string | readonly string[];
  /** Only gated (`true`) or only open (`false`) repositories. */
  readonly gated?: boolean;
  readonly sort?: HubSearchSort;
  /** Results per page, 1 to 1000 (default 20). */
  readonly limit?: number;
  /** The `next` link of a previous page: the other fields are then ignored. Must be on the Hub's origin. */
  readonly after?: string;
}

/** One search result. */
export interface HubModelSummary {
  readonly id: string;
  readonly author?: string;
  readonly pipelineTag?: string;
  readonly libraryName?: string;
  readonly gated?: HubGated;
  readonly downloads?: number;
  readonly likes?: number;
  readonly lastModified?: string;
  readonly tags?: readonly string[];
  /** The `license:` tag, when there is one. */
  readonly license?: string;
  readonly inferenceProviderMapping?: readonly HubProviderMapping[];
}

/** One page of search results. */
export interface HubSearchPage {
  readonly models: readonly HubModelSummary[];
  /** Pass as `after` for the next page; absent on the last page. Always on the Hub's origin. */
  readonly next?: string;
  /** Where the page came from (secret-free). */
  readonly url: string;
}

/** What a token can do with a gated repository, checked with one HEAD request for a small file. */
export type HubAccess = 'granted' | 'denied' | 'no-token' | 'not-gated' | 'not-checked';

/** Options of {@link createHubClient}. */
export interface HubClientOptions {
  /** The Hub's base URL. Default: `HF_ENDPOINT` from `env`, else `https://huggingface.co`. */
  readonly endpoint?: string;
  /** Environment to read `HF_ENDPOINT`, `HF_TOKEN` and `HUGGING_FACE_HUB_TOKEN` from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A token to use instead of the environment's; `null` sends none. Sent only to the Hub's own origin. */
  readonly token?: SecretValue | null;
  /** The bounded HTTP client (default: a new plugin-kit client). */
  readonly client?: HttpClient;
  /** Caches model info answers (use a directory of its own, e.g. `createLiveCache({ dir: join(defaultCacheDir(), 'hub') })`). */
  readonly cache?: LiveCache;
  /** How long cached answers stay fresh (default 3600 s). */
  readonly ttlSeconds?: number;
  /** Per-phase time limits of each request. */
  readonly timeouts?: Partial<HttpTimeouts>;
  /** Clock (tests). */
  readonly now?: () => Date;
}

/** Options of {@link HubClient.modelInfo}. */
export interface ModelInfoOptions {
  /** Also ask for file sizes (`blobs=true`, one more request) when the repository has GGUF files. Default true. */
  readonly fileSizes?: boolean;
  /** Skip the cache for this call (the answer is still written to it). */
  readonly refresh?: boolean;
  readonly signal?: AbortSignal;
}

/** A Hugging Face Hub client: model search and model info, with the token bound to the Hub's origin. */
export interface HubClient {
  /** The Hub's base URL (origin + path, no trailing slash). */
  readonly endpoint: string;
  /** Where the token comes from (`env:HF_TOKEN`, `explicit`, `none`); never the value. */
  readonly tokenSource: string;
  /** `GET /api/models`: one page of results, with `next` from the `Link` header. */
  searchModels(query?: HubSearchQuery, options?: { readonly signal?: AbortSignal }): Promise<HubSearchPage>;
  /** `GET /api/models/{repo}` (or `/revision/{rev}`); follows one same-origin rename and says so in `source.renamedFrom`. */
  modelInfo(repo: string, revision?: string, options?: ModelInfoOptions): Promise<HubModelInfo>;
  /** The model card (`README.md` at a revision) as text, capped; `undefined` when the repository has none. */
  modelCard(repo: string, revision: string, options?: { readonly signal?: AbortSignal }): Promise<string | undefined>;
  /**
   * The model's `config.json` at a revision (`/{repo}/resolve/{rev}/config.json`), parsed as JSON and capped at 1 MiB;
   * `undefined` when the repository has none. Untrusted: read it with a checker (e.g. `estimateServeMemory`).
   */
  modelConfig(repo: string, revision: string, options?: { readonly signal?: AbortSignal }): Promise<unknown>;
  /** Whether this client's token can read a gated repository's files (one HEAD request, no redirect followed). */
  checkAccess(repo: string, revision: string, options?: { readonly signal?: AbortSignal }): Promise<HubAccess>;
  /** Close the HTTP client when this client made it. */
  close(): Promise<void>;
}
