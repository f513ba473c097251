import type { ProviderPlugin } from '../plugin/plugin-types.js';
import type { ModelProfile } from '../schema/model-profile.js';
import type { ProviderModelOffering } from '../schema/offering.js';
import type { ProviderDescriptor } from '../schema/provider-descriptor.js';

/** A provider as the registry holds it: descriptor, plugin, its offerings and default. */
export interface RegisteredProvider<Id extends string = string> {
  readonly id: Id;
  readonly descriptor: ProviderDescriptor;
  readonly plugin: ProviderPlugin<Id>;
  /** Offerings in catalog order. */
  readonly offerings: readonly ProviderModelOffering[];
  /** The offering marked `default`, else the first active one; `undefined` for providers without a roster. */
  readonly defaultOffering: ProviderModelOffering | undefined;
  /** The plugin's catalog look-up key function (identity when the policy has none). */
  readonly lookupKey: (id: string) => string;
}

/** How a model string matched an offering inside one provider's scope. */
export type OfferingMatchKind = 'wire-id' | 'alias' | 'canonical-id' | 'model-alias';

/** A model string matched to one offering of a provider. */
export interface OfferingMatch {
  readonly by: OfferingMatchKind;
  readonly offering: ProviderModelOffering;
}

/** An official endpoint of a registered provider. */
export interface OfficialEndpoint<Id extends string = string> {
  readonly providerId: Id;
  readonly endpointKey: string;
}

/** The validated, indexed catalog. Every look-up is a map access; nothing scans. */
export interface Registry<Id extends string = string> {
  /** Provider ids in registration order. */
  readonly providerIds: readonly Id[];
  /** The provider used when nothing else chooses one. */
  readonly defaultProviderId: Id | undefined;
  /** The provider with this id (typed: a misspelled id does not compile). */
  provider(id: Id): RegisteredProvider<Id>;
  /**
   * Find a provider by id or alias as a user typed it: surrounding space, case, `-` and `_` are ignored
   * (`Acme-Cloud`, ` acme_cloud ` and `acmecloud` are one name; see `foldProviderName`).
   */
  findProvider(idOrAlias: string): RegisteredProvider<Id> | undefined;
  /**
   * The provider that declares this environment variable (a key variable in `auth.envVars`, or a base URL, model or
   * host variable in `env`); `undefined` when no registered provider does. Compared ignoring case and surrounding space.
   * Each name has at most one owner: `createRegistry` refuses a plugin that declares another provider's variable.
   */
  envVarOwner(name: string): Id | undefined;
  /** All providers, in registration order. */
  providers(): readonly RegisteredProvider<Id>[];
  /** The offering with this wire id at this provider (compared under the provider's look-up key). */
  offeringByWireId(providerId: Id, wireId: string): ProviderModelOffering | undefined;
  /** The offering with this provider-scoped alias. */
  offeringByAlias(providerId: Id, alias: string): ProviderModelOffering | undefined;
  /** This provider's offerings of a canonical model (default first). */
  offeringsOfModel(providerId: Id, canonicalId: string): readonly ProviderModelOffering[];
  /** Every provider's offerings of a canonical model, in registration order. */
  offeringsForModel(canonicalId: string): readonly ProviderModelOffering[];
  /** Match a model string inside one provider's scope: wire id, then alias, then canonical id, then model alias. */
  matchInProvider(providerId: Id, input: string): OfferingMatch | undefined;
  /** A model profile by canonical id or alias (case-insensitive). */
  model(idOrAlias: string): ModelProfile | undefined;
  /** All model profiles, sorted by id. */
  models(): readonly ModelProfile[];
  /** Providers whose official endpoint equals this base URL after normalisation. */
  officialEndpointsAt(baseUrl: string): readonly OfficialEndpoint<Id>[];
}
