import type { ReasoningLevel } from '../schema/constants.js';
import type { LiveModelRecord } from '../schema/live-model-record.js';
import type { ModelProfile } from '../schema/model-profile.js';
import type { OfferingEntry, ProviderModelOffering } from '../schema/offering.js';
import type { ProviderDescriptor } from '../schema/provider-descriptor.js';
import type { UsageMeter } from '../schema/usage-meter.js';

/** Plugin contract versions this core accepts. */
export const SUPPORTED_PLUGIN_SPECS = ['v1'] as const;
/** A plugin contract version this core accepts. */
export type PluginSpecVersion = (typeof SUPPORTED_PLUGIN_SPECS)[number];

/** The endpoint a route uses, as plugin policies see it. */
export interface RouteEndpointContext {
  /** Endpoint key in the descriptor (e.g. `chat`, `anthropic`). */
  readonly key: string;
  /** Normalised base URL actually used. */
  readonly baseUrl: string;
  /** True when `baseUrl` is one of the provider's official endpoints. */
  readonly official: boolean;
}

/** What a model-id policy knows when it classifies an id. */
export interface ModelIdContext {
  /** Provider whose scope the id is in. */
  readonly providerId: string;
  /** Endpoint the request would go to. */
  readonly endpoint: RouteEndpointContext;
}

/** A policy's decision about an id the provider's catalog does not hold. */
export type ModelIdVerdict =
  /** Syntactically valid: send it unchanged and let the provider decide. */
  | { readonly kind: 'pass-through'; readonly reason: string }
  /** A retired or renamed id this provider maps to another wire id (dated). */
  | { readonly kind: 'mapped'; readonly wireId: string; readonly reason: string; readonly since?: string }
  /** Confidently another provider's or family's id: reject locally. */
  | { readonly kind: 'foreign'; readonly reason: string; readonly suggestion?: string }
  /** Not a valid id for this provider at all (syntax): reject locally. */
  | { readonly kind: 'invalid'; readonly reason: string; readonly suggestion?: string };

/** How a provider treats model ids: catalog look-up key and what happens to unknown ids. */
export interface ModelIdPolicy {
  /**
   * The key used to look an id up in this provider's catalog (e.g. lower-cased, `:latest` added).
   * Only for matching: what is sent on the wire is never changed by it. Default: the id itself.
   */
  readonly lookupKey?: (id: string) => string;
  /** Decide what to do with an id that is in none of this provider's offerings. */
  readonly classify: (id: string, context: ModelIdContext) => ModelIdVerdict;
}

/** What a usage meter knows about a route. */
export interface MeterContext {
  /** The provider of the route. */
  readonly providerId: string;
  /** The catalog offering, when the route maps to one. */
  readonly offering: ProviderModelOffering | undefined;
  /** The endpoint of the route. */
  readonly endpoint: RouteEndpointContext;
}

/** A live meter reading (fetched from the provider), never a catalog fact. */
export type MeterReading =
  | {
      readonly kind: 'account-credits';
      /** Whether the account can currently make paid calls. */
      readonly available: boolean;
      /** Balances per currency, as decimal strings exactly as reported. */
      readonly balances: readonly {
        readonly currency: string;
        readonly total: string;
        readonly granted?: string;
        readonly toppedUp?: string;
      }[];
      readonly fetchedAt: string;
    }
  | {
      readonly kind: 'subscription-quota';
      readonly usedPercent: number;
      readonly resetsAt?: string;
      readonly fetchedAt: string;
    }
  | {
      readonly kind: 'local';
      /** Models loaded in memory, as the runtime reports them. */
      readonly loadedModels: readonly {
        readonly name: string;
        readonly sizeBytes?: number;
        readonly vramBytes?: number;
        readonly contextLength?: number;
        readonly expiresAt?: string;
      }[];
      readonly fetchedAt: string;
    };

/** One HTTP request a plugin asks the host to make (the host owns timeouts, caps and credentials). */
export interface LiveRequest {
  /** Path relative to the endpoint base URL, or to its origin when `from` is `origin`. */
  readonly path: string;
  /** Resolve `path` against the base URL (default) or the origin (for native APIs outside the versioned base path). */
  readonly from?: 'base' | 'origin';
  readonly method?: 'GET' | 'POST' | 'HEAD';
  /** JSON request body (POST). */
  readonly json?: unknown;
  /** Response size cap in bytes; the host applies its default when absent. */
  readonly maxBytes?: number;
}

/** The host's answer to a {@link LiveRequest}. Bodies are untrusted input. */
export interface LiveResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Body parsed as JSON, or `undefined` when it is not JSON. */
  readonly json: unknown;
  /** Raw body text (already size-capped). */
  readonly text: string;
}

/** What a plugin gets when the host runs one of its live operations. */
export interface LiveContext {
  readonly providerId: string;
  /** Base URL of the endpoint being contacted. */
  readonly baseUrl: string;
  /** Aborts the operation. */
  readonly signal: AbortSignal;
  /**
   * Make a bounded HTTP request to this endpoint (credential attached by the host when bound to it). Resolves for 2xx
   * answers only; anything else rejects with a typed error (plugin-kit's `ProviderHttpError`: `kind`, and `status`
   * with the provider's normalised message for HTTP errors), so health probes read 401/503 from the error.
   */
  readonly request: (request: LiveRequest) => Promise<LiveResponse>;
}

/** What `parseModels` knows besides the body. */
export interface ParseModelsContext {
  readonly providerId: string;
  readonly baseUrl: string;
}

/** Live `/models` discovery: a pure parser plus, optionally, a custom fetch sequence. */
export interface DiscoveryPart {
  /** Turn a raw listing body into secret-free records; throws a typed error for bodies that do not fit. */
  readonly parseModels: (body: unknown, context: ParseModelsContext) => readonly LiveModelRecord[];
  /** Custom fetch (several requests, e.g. a list then a detail call per model). Default: GET the descriptor's listing path. */
  readonly fetchModels?: (context: LiveContext) => Promise<readonly LiveModelRecord[]>;
}

/** Health states of a local runtime. A listing proves reachability, not readiness. */
export type HealthState = 'up' | 'up-no-model' | 'unauthorized' | 'down' | 'unknown';

/** Result of a health probe, with what was seen. */
export interface HealthResult {
  readonly state: HealthState;
  /** Human-readable, secret-free observations (e.g. `GET /health -> 200`). */
  readonly evidence: readonly string[];
  readonly version?: string;
  /** Models the runtime reported as served. */
  readonly models?: readonly string[];
}

/** Health probes for local runtimes (no paid inference). */
export interface HealthPart {
  /** Probe the runtime and report its state with evidence. */
  readonly probe: (context: LiveContext) => Promise<HealthResult>;
}

/** The wire parameters for one reasoning level on one route. */
export interface ReasoningMapping {
  /** The level actually applied (may be lower or higher than asked: then `clampedFrom` is set). */
  readonly level: ReasoningLevel;
  /** The level asked for, when it could not be honoured exactly. */
  readonly clampedFrom?: ReasoningLevel;
  /** Body parameters to merge into the request (e.g. `{ reasoning_effort: 'high' }`). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Why the mapping differs from the request, for validation messages. */
  readonly note?: string;
}

/** What the reasoning dialect knows about the route. */
export interface ReasoningContext {
  readonly wireModelId: string;
  readonly offering: ProviderModelOffering | undefined;
  readonly endpoint: RouteEndpointContext & { readonly protocol: string };
}

/** Maps the provider-neutral reasoning level to this provider's wire parameters. */
export interface ReasoningPart {
  /**
   * The reasoning controls this plugin knows by name; a catalog offering picks one with `reasoningControl` (the
   * registry refuses a name not listed here). `map` reads it from `context.offering`.
   */
  readonly controls?: readonly string[];
  /** Map a reasoning level to this route's wire parameters (clamping when needed). */
  readonly map: (level: ReasoningLevel, context: ReasoningContext) => ReasoningMapping;
}

/** The usage-meter part of a plugin. */
export interface UsageMeterPart {
  /** The meter for a route (token pricing only on the offering's own official endpoint). */
  readonly describe: (context: MeterContext) => UsageMeter;
  /** Read the meter live (e.g. an account balance). */
  readonly read?: (context: LiveContext) => Promise<MeterReading>;
}

/** Everything a provider plugin contributes, as passed to `definePlugin`. */
export interface ProviderPluginSpec<Id extends string = string> {
  /** Contract version; this core supports `v1`. */
  readonly spec: PluginSpecVersion;
  /** Provider id: kebab-case, never renamed. Equals `descriptor.id`. */
  readonly id: Id;
  /** The plugin package's version. */
  readonly version: string;
  /** Provider-owned facts. */
  readonly descriptor: ProviderDescriptor & { readonly id: NoInfer<Id> };
  /** This provider's offerings (usually from `catalog/offerings/<id>.json`). */
  readonly offerings: readonly OfferingEntry[];
  /** The model profiles the offerings reference (from `catalog/models/`). */
  readonly models: readonly ModelProfile[];
  /** How model ids are matched and what happens to unknown ones. */
  readonly modelIdPolicy: ModelIdPolicy;
  /** The meter of a route, plus an optional live read. */
  readonly usageMeter: UsageMeterPart;
  /** Reasoning dialect; without it only `off` is honoured, other levels are clamped with a message. */
  readonly reasoning?: ReasoningPart;
  /** Live `/models` discovery. */
  readonly discovery?: DiscoveryPart;
  /** Health probes (local runtimes). */
  readonly health?: HealthPart;
}

declare const pluginBrand: unique symbol;

/** A provider plugin made by {@link definePlugin}: typed data plus functions, validated by `createRegistry`. */
export interface ProviderPlugin<Id extends string = string> extends ProviderPluginSpec<Id> {
  readonly [pluginBrand]: true;
}

/** The provider ids of a list of plugins, as a union of literals. */
export type PluginIds<Plugins extends readonly ProviderPlugin[]> = Plugins[number]['id'];
