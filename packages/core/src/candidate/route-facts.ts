import type { CapabilityName, ReasoningLevel, RoutePreference } from '../schema/constants.js';

import type { Provenance } from '../schema/provenance.js';
import type { ProviderClass } from '../schema/provider-descriptor.js';
import type { UsageMeter } from '../schema/usage-meter.js';
import type { UsageDialect } from '../usage/usage-types.js';

import type { OfferingMatchKind } from '../registry/registry-types.js';
import type { AuthStatus } from '../resolver/credential-source.js';

/** Where a route's limit comes from, strongest first: the user's override, a fresh live report, the offering, the model profile. */
export type LimitSource = 'user' | 'live' | 'offering' | 'model-profile';

/** A limit of a route with its source, or `unknown` (never 0). */
export type RouteLimit =
  | { readonly value: number; readonly source: LimitSource; readonly provenance?: Provenance; readonly note?: string }
  | { readonly value: 'unknown'; readonly note?: string };

/** Limits of a route. */
export interface RouteLimits {
  readonly contextWindow: RouteLimit;
  readonly maxOutput: RouteLimit;
}

/** One capability of a route in three states, with where the answer comes from. */
export interface RouteCapability {
  readonly state: 'yes' | 'no' | 'unknown';
  readonly source?: 'offering' | 'model-profile';
  readonly provenance?: Provenance;
}

/** Capabilities of a route. */
export type RouteCapabilities = Readonly<Record<CapabilityName, RouteCapability>>;

/** The reasoning setting of a route: what was asked, what will be sent, and why. */
export interface RouteReasoning {
  /** The provider-neutral level asked for, if any. */
  readonly requested: ReasoningLevel | undefined;
  /** The level that applies; `provider-default` when nothing was asked and nothing is sent. */
  readonly applied: ReasoningLevel | 'provider-default';
  /** Who asked for the level. */
  readonly source: 'request' | 'role' | 'purpose' | 'config' | 'none';
  /** Body parameters for this provider's wire format. */
  readonly params: Readonly<Record<string, unknown>>;
}

/** A message about the route that does not stop it (warning) or explains it (info). Secret-free. */
export interface ValidationMessage {
  readonly level: 'warning' | 'info';
  /** Stable kebab-case code, e.g. `plain-http`, `reasoning-clamped`. */
  readonly code: string;
  readonly message: string;
}

/** The endpoint a route sends to. */
export interface RouteEndpoint {
  /** Normalised base URL (no user info, no query). */
  readonly baseUrl: string;
  /** Endpoint key of the provider descriptor. */
  readonly key: string;
  /** Wire protocol. */
  readonly protocol: string;
  /** True when the base URL is one of the provider's official endpoints. */
  readonly official: boolean;
  /** Fixed, non-secret headers the endpoint needs (e.g. `anthropic-version`). */
  readonly headers: Readonly<Record<string, string>>;
}

/** The provider of a route. */
export interface RouteProvider {
  readonly id: string;
  readonly displayName: string;
  readonly class: ProviderClass;
}

/** How the provider was chosen. */
export interface ProviderDecision {
  readonly source: 'explicit' | 'role' | 'config' | 'base-url' | 'default' | 'model-match';
  /** One sentence a person can read. */
  readonly detail: string;
}

/** How the model was chosen. */
export interface ModelDecision {
  readonly source:
    | 'explicit'
    | 'role'
    | 'config-provider'
    | 'config-root'
    | 'provider-default'
    | 'live-listing'
    | 'auto';
  /** How the string was recognised: a catalog match, the provider's policy, or the user's custom_models list. */
  readonly matchedBy: OfferingMatchKind | 'policy' | 'custom-models' | 'auto';
  readonly detail: string;
}

/** How the endpoint was chosen. */
export interface EndpointDecision {
  readonly source: 'explicit' | 'config-provider' | 'config-root' | 'official';
  readonly detail: string;
}

/** What `auto` considered and why the winner won. */
export interface AutoDecision {
  readonly preference: RoutePreference;
  readonly requirements: readonly string[];
  readonly considered: readonly {
    readonly ref: string;
    readonly outcome: 'chosen' | 'ranked' | 'excluded';
    readonly reason: string;
  }[];
  readonly reason: string;
}

/**
 * Where an applied setting came from, strongest first: the request, the role, the saved config (`[providers.<id>]`,
 * the root, `[routing]`), the defaults of the route's purpose, the built-in default.
 */
export type InputSource =
  | 'request'
  | 'role'
  | 'config-provider'
  | 'config-root'
  | 'config-routing'
  | 'purpose'
  | 'default';

/** A setting the resolver applied, where it came from, and a sentence saying so. */
export interface InputDecision<T extends string> {
  readonly value: T;
  readonly source: InputSource;
  /** One sentence a person can read, e.g. `[roles.summary] purpose = "summary" implies prefer "cost".` */
  readonly detail: string;
}

/** Every decision behind a route, for explanations. */
export interface RouteDecisions {
  readonly provider: ProviderDecision;
  readonly model: ModelDecision;
  readonly endpoint: EndpointDecision;
  readonly auto?: AutoDecision;
  /** The purpose the route was resolved for (the request's, else the role's); absent when none was given. */
  readonly purpose?: InputDecision<string>;
  /** The preference `auto` ranked by (request > role > config `[routing] prefer` > purpose default > quality); only when `auto` chose. */
  readonly preference?: InputDecision<RoutePreference>;
  /** The reasoning level asked for (request > role > config > purpose default); absent when nothing asked for one. */
  readonly reasoning?: InputDecision<ReasoningLevel>;
}

/** The data a candidate is made of (internal to the resolver). */
export interface RouteCandidateData {
  readonly provider: RouteProvider;
  readonly logicalModel: string;
  readonly canonicalModel: string | undefined;
  readonly wireModelId: string;
  readonly endpoint: RouteEndpoint;
  /** How answers on the endpoint report token usage; undefined for a protocol core has no dialect for. */
  readonly usageDialect?: UsageDialect | undefined;
  /** The catalog facts' source: the provider plugin as `id@version` (receipts record it). */
  readonly catalog?: string;
  readonly auth: AuthStatus;
  readonly reasoning: RouteReasoning;
  readonly limits: RouteLimits;
  readonly capabilities: RouteCapabilities;
  readonly meter: UsageMeter;
  readonly passThrough: boolean;
  readonly fromAuto: boolean;
  readonly messages: readonly ValidationMessage[];
  readonly decisions: RouteDecisions;
}
