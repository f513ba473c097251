import type { CapabilityName, ReasoningLevel, RouteInputField, RoutePreference } from '../schema/constants.js';

/**
 * What the user (or host) asked for. Every field is optional; there is deliberately no field for prompt text:
 * routes are chosen from explicit intent, saved config, roles, requirements and policy only.
 */
export interface RouteRequest {
  /** Provider id or alias. An explicit provider is never second-guessed. */
  readonly provider?: string;
  /** A model id as the user typed it, or `auto`. Never split on `:` (see `parseRouteRef`). */
  readonly model?: string;
  /** Endpoint override. A URL that is not one of the provider's official endpoints makes the route custom. */
  readonly baseUrl?: string;
  /** Name of a `[roles.<name>]` table in the config. */
  readonly role?: string;
  /** What the turn is for: `main`, `plan`, `review`, `summary`, `check`, or your own. */
  readonly purpose?: string;
  /** Hard capability requirements. */
  readonly requires?: readonly CapabilityName[];
  /** What `auto` optimises once requirements are met. */
  readonly prefer?: RoutePreference;
  /** Provider-neutral reasoning level. */
  readonly reasoning?: ReasoningLevel;
  /** Minimum context window the route must have (tokens). */
  readonly contextTokens?: number;
  /** Where explicit values came from, for explanations (e.g. `{ model: 'flag --model' }`). Labels only. */
  readonly origin?: { readonly provider?: string; readonly model?: string; readonly baseUrl?: string };
}

/** Why a request did not resolve. */
export type RouteErrorKind =
  | 'empty-model'
  | 'unknown-provider'
  | 'ambiguous-model'
  | 'foreign-model'
  | 'unsupported-protocol'
  | 'auto-unsatisfiable'
  | 'invalid-request';

/** A provider-scoped reference that would resolve, offered when a model string is ambiguous. */
export interface RouteRefSuggestion {
  /** `<provider>:<wire id>`, ready to paste. */
  readonly ref: string;
  readonly provider: string;
  readonly wireModelId: string;
  /** Whether a usable credential (or none needed) exists for it. */
  readonly credentialReady: boolean;
}

/** A resolution failure: a kind to switch on, a message for people, and structured details. Never thrown. */
export interface RouteError {
  readonly kind: RouteErrorKind;
  /** What is wrong and how to fix it, in one or two sentences. Never contains a credential. */
  readonly message: string;
  readonly details: {
    /** The input field at fault. */
    readonly field?: RouteInputField;
    /** The value at fault, as given (model ids, provider names, URLs without user info or query). */
    readonly value?: string;
    /** Registered providers (unknown-provider). */
    readonly registered?: readonly string[];
    /** Where the model string matched (ambiguous-model). */
    readonly matches?: readonly RouteRefSuggestion[];
    /** What the provider's policy said (foreign-model, invalid ids). */
    readonly reason?: string;
    /** A value to try instead. */
    readonly suggestion?: string;
    /** A name that is not a registered provider (unknown-provider, or the prefix of a `name:model` string that failed). */
    readonly unknownProvider?: string;
    /** The registered provider closest to `unknownProvider` (or to an unknown provider `value`), when one is a likely typo. */
    readonly nearestProvider?: string;
    /** The protocol (unsupported-protocol). */
    readonly protocol?: string;
    /** Why each offering was excluded (auto-unsatisfiable). */
    readonly considered?: readonly { readonly ref: string; readonly reason: string }[];
  };
}
