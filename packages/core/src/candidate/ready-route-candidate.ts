import type { UsageMeter } from '../schema/usage-meter.js';
import type { AuthStatus } from '../resolver/credential-source.js';
import type { UsageDialect } from '../usage/usage-types.js';
import { deepFreeze } from '../util/deep-freeze.js';
import type {
  RouteCandidateData,
  RouteCapabilities,
  RouteDecisions,
  RouteEndpoint,
  RouteLimits,
  RouteProvider,
  RouteReasoning,
  ValidationMessage,
} from './route-facts.js';

const constructionToken = Symbol('ReadyRouteCandidate.construction');
const candidates = new WeakSet<object>();

/**
 * An executable route: provider, endpoint, wire model id, credential source class, limits, capabilities,
 * meter and reasoning, all coherent with each other. Immutable. Only the RouteResolver makes one; a spread,
 * a look-alike object or a JSON round trip is not a candidate (see {@link isReadyRouteCandidate}).
 */
export class ReadyRouteCandidate {
  readonly #data: RouteCandidateData;

  /** @internal Use `createRouteResolver(...).resolve(request)`. */
  constructor(token: symbol, data: RouteCandidateData) {
    if (token !== constructionToken) throw new TypeError('ReadyRouteCandidate is made only by the RouteResolver.');
    this.#data = deepFreeze(data);
    candidates.add(this);
    Object.freeze(this);
  }

  /** The provider: id, display name and class. */
  get provider(): RouteProvider {
    return this.#data.provider;
  }
  /** What the user means: the canonical model id when known, else the id as given. */
  get logicalModel(): string {
    return this.#data.logicalModel;
  }
  /** Canonical model id, or `undefined` for pass-through ids the catalog does not know. */
  get canonicalModel(): string | undefined {
    return this.#data.canonicalModel;
  }
  /** The model id sent on the wire, byte-for-byte. */
  get wireModelId(): string {
    return this.#data.wireModelId;
  }
  /** Base URL, endpoint key, protocol and whether the endpoint is official. */
  get endpoint(): RouteEndpoint {
    return this.#data.endpoint;
  }
  /**
   * The usage dialect of the endpoint (the plugin's, else the protocol's default): pass it with `endpoint.protocol`
   * to `normaliseUsage` / `createUsageAccumulator`. Undefined for a protocol core has no dialect for.
   */
  get usageDialect(): UsageDialect | undefined {
    return this.#data.usageDialect;
  }
  /**
   * Where this route's catalog facts come from: the provider plugin as `<plugin id>@<version>`, so a
   * receipt or an export can say which catalog priced it.
   */
  get catalog(): string | undefined {
    return this.#data.catalog;
  }
  /** The class of the credential source (never its value). */
  get auth(): AuthStatus {
    return this.#data.auth;
  }
  /** Reasoning level requested and applied, with the wire parameters. */
  get reasoning(): RouteReasoning {
    return this.#data.reasoning;
  }
  /** Context window and max output, each with its source. */
  get limits(): RouteLimits {
    return this.#data.limits;
  }
  /** Capabilities in three states. */
  get capabilities(): RouteCapabilities {
    return this.#data.capabilities;
  }
  /** How usage is metered on this route. */
  get meter(): UsageMeter {
    return this.#data.meter;
  }
  /** True when the model id is sent unchecked for the provider to decide. */
  get passThrough(): boolean {
    return this.#data.passThrough;
  }
  /** True when `auto` chose the model. */
  get fromAuto(): boolean {
    return this.#data.fromAuto;
  }
  /** Warnings and notes about the route. */
  get validation(): { readonly messages: readonly ValidationMessage[] } {
    return { messages: this.#data.messages };
  }
  /** How each input was chosen. */
  get decisions(): RouteDecisions {
    return this.#data.decisions;
  }

  /** Plain, secret-free data (a JSON copy is not a candidate: `isReadyRouteCandidate` rejects it). */
  toJSON(): RouteCandidateData {
    return this.#data;
  }

  /** A short `provider:wire-model` label. */
  toString(): string {
    return `${this.#data.provider.id}:${this.#data.wireModelId}`;
  }
}

/** @internal Construct a candidate; only the resolver calls this. */
export function createReadyRouteCandidate(data: RouteCandidateData): ReadyRouteCandidate {
  return new ReadyRouteCandidate(constructionToken, data);
}

/** True only for candidates made by this package's resolver; look-alikes and JSON copies are rejected. */
export function isReadyRouteCandidate(value: unknown): value is ReadyRouteCandidate {
  // WeakSet#has answers false for anything that is not an object (null and primitives included).
  return candidates.has(value as object);
}
