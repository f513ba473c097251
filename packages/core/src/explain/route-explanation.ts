import type { CapabilityName } from '../schema/constants.js';
import type { ReadyRouteCandidate } from '../candidate/ready-route-candidate.js';
import type {
  LimitSource,
  RouteDecisions,
  RouteEndpoint,
  RouteProvider,
  RouteReasoning,
  ValidationMessage,
} from '../candidate/route-facts.js';

import type { ProvenanceKind } from '../schema/provenance.js';
import type { UsageMeter } from '../schema/usage-meter.js';

/** A limit in an explanation: value and where it comes from (source, URL, date, kind), or `unknown`. */
export type ExplainedLimit =
  | {
      readonly value: number;
      readonly source: LimitSource;
      readonly url?: string;
      readonly retrieved?: string;
      readonly kind?: ProvenanceKind;
      readonly uncertain?: boolean;
      readonly note?: string;
    }
  | { readonly value: 'unknown'; readonly note?: string };

/** The JSON explanation of a route. Stable shape (`schemaVersion`); secret-free by construction. */
export interface RouteExplanation {
  readonly schemaVersion: 1;
  /** `provider:wire-model`. */
  readonly route: string;
  readonly provider: RouteProvider;
  readonly model: {
    /** What the user means: canonical id when known. */
    readonly logical: string;
    readonly canonical?: string;
    /** The wire id, present when it differs from `logical`. */
    readonly wire?: string;
    readonly passThrough: boolean;
    readonly fromAuto: boolean;
  };
  readonly endpoint: RouteEndpoint;
  /** Credential source class, e.g. `env:ACME_API_KEY`, `config`, `not-required`, `missing`. */
  readonly auth: string;
  readonly capabilities: Readonly<Record<CapabilityName, 'yes' | 'no' | 'unknown'>>;
  readonly limits: { readonly contextWindow: ExplainedLimit; readonly maxOutput: ExplainedLimit };
  readonly meter: UsageMeter;
  readonly reasoning: RouteReasoning;
  readonly decisions: RouteDecisions;
  readonly messages: readonly ValidationMessage[];
}

function explainLimit(limit: ReadyRouteCandidate['limits']['contextWindow']): ExplainedLimit {
  if (limit.value === 'unknown') return limit.note ? { value: 'unknown', note: limit.note } : { value: 'unknown' };
  const provenance = limit.provenance;
  return {
    value: limit.value,
    source: limit.source,
    ...(provenance
      ? { url: provenance.url, retrieved: provenance.verified ?? provenance.retrieved, kind: provenance.kind }
      : {}),
    ...(provenance?.uncertain ? { uncertain: true } : {}),
    ...(limit.note ? { note: limit.note } : {}),
  };
}

/** The class of a route's credential source as shown to people: `env:NAME`, `config`, `missing`... */
export function authLabel(auth: ReadyRouteCandidate['auth']): string {
  return auth.source === 'env' && auth.envVar ? `env:${auth.envVar}` : auth.source;
}

/** A JSON-serialisable explanation of a route: what, where, with which credential class, limits with sources, cost, and why. */
export function explainRoute(candidate: ReadyRouteCandidate): RouteExplanation {
  const logical = candidate.logicalModel;
  return {
    schemaVersion: 1,
    route: `${candidate.provider.id}:${candidate.wireModelId}`,
    provider: candidate.provider,
    model: {
      logical,
      ...(candidate.canonicalModel ? { canonical: candidate.canonicalModel } : {}),
      ...(candidate.wireModelId !== logical ? { wire: candidate.wireModelId } : {}),
      passThrough: candidate.passThrough,
      fromAuto: candidate.fromAuto,
    },
    endpoint: candidate.endpoint,
    auth: authLabel(candidate.auth),
    capabilities: {
      reasoning: candidate.capabilities.reasoning.state,
      tools: candidate.capabilities.tools.state,
      json: candidate.capabilities.json.state,
      streaming: candidate.capabilities.streaming.state,
      vision: candidate.capabilities.vision.state,
    },
    limits: {
      contextWindow: explainLimit(candidate.limits.contextWindow),
      maxOutput: explainLimit(candidate.limits.maxOutput),
    },
    meter: candidate.meter,
    reasoning: candidate.reasoning,
    decisions: candidate.decisions,
    messages: candidate.validation.messages,
  };
}
