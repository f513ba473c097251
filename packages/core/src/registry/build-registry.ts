import { CatalogError, type CatalogIssue } from '../errors/catalog-error.js';
import { CodewhaleError, CORE_ERROR_CODES } from '../errors/codewhale-error.js';
import { SUPPORTED_PLUGIN_SPECS, type PluginIds, type ProviderPlugin } from '../plugin/plugin-types.js';
import type { ModelProfile } from '../schema/model-profile.js';
import type { ProviderModelOffering } from '../schema/offering.js';
import type { ProviderDescriptor } from '../schema/provider-descriptor.js';
import { providerEnvNames } from '../schema/provider-env.js';
import { isLoopbackHost, normalizeBaseUrl } from '../url/normalize-base-url.js';
import { deepEqualJson } from './deep-equal.js';
import { foldProviderName } from './provider-names.js';
import type { OfferingMatch, OfficialEndpoint, RegisteredProvider, Registry } from './registry-types.js';

/** Options of {@link createRegistry}. */
export interface CreateRegistryOptions<Plugins extends readonly ProviderPlugin[]> {
  /** The provider plugins to register, in priority order. */
  readonly plugins: Plugins;
  /** Extra model profiles (e.g. a host's own catalog) besides those the plugins bring. */
  readonly models?: readonly ModelProfile[];
  /** The provider used when nothing else picks one; defaults to the first plugin. */
  readonly defaultProvider?: NoInfer<PluginIds<Plugins>>;
}

/**
 * How the builder checks the shape of catalog data. `createRegistry` checks with the zod schemas; a registry over data
 * validated at build time (`createPrevalidatedRegistry`) skips them. Each check records its issues and says whether the
 * value can be indexed.
 */
export interface ShapeChecks {
  /** The descriptor to index (as validated), or `undefined` after recording issues. */
  readonly descriptor: (value: unknown, path: string, issues: CatalogIssue[]) => ProviderDescriptor | undefined;
  readonly model: (value: unknown, path: string, issues: CatalogIssue[]) => boolean;
  /** A fresh offering check per registry (it may cache verdicts). */
  readonly offerings: () => (value: unknown, path: string, issues: CatalogIssue[]) => boolean;
}

const identity = (id: string): string => id;
const EMPTY: readonly never[] = Object.freeze([]);

interface ProviderDraft {
  readonly plugin: ProviderPlugin;
  readonly path: string;
  readonly descriptor: ProviderDescriptor;
  readonly lookupKey: (id: string) => string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describePlugin(plugin: unknown, index: number): string {
  const id = isRecord(plugin) && typeof plugin.id === 'string' ? plugin.id : String(index);
  return `plugins[${id}]`;
}

/** Check the parts every plugin must have; returns a draft when the plugin can be indexed. */
function checkPlugin(
  plugin: unknown,
  index: number,
  checks: ShapeChecks,
  issues: CatalogIssue[],
): ProviderDraft | undefined {
  const path = describePlugin(plugin, index);
  if (!isRecord(plugin)) {
    issues.push({
      code: 'INVALID_DATA',
      path,
      message: 'Not a plugin object.',
      fix: 'Pass plugins made with definePlugin().',
    });
    return undefined;
  }
  if (!(SUPPORTED_PLUGIN_SPECS as readonly unknown[]).includes(plugin.spec)) {
    issues.push({
      code: 'UNSUPPORTED_SPEC',
      path: `${path}.spec`,
      message: `Plugin "${String(plugin.id)}" targets plugin spec ${JSON.stringify(plugin.spec)}; this @codewhale/core supports ${SUPPORTED_PLUGIN_SPECS.join(', ')}.`,
      fix: `Install a @codewhale/core release that supports ${JSON.stringify(plugin.spec)}, or a release of the plugin written for spec ${SUPPORTED_PLUGIN_SPECS.join('/')}.`,
    });
    return undefined;
  }
  const before = issues.length;
  const descriptor = checks.descriptor(plugin.descriptor, `${path}.descriptor`, issues);
  if (typeof plugin.id !== 'string' || (descriptor && descriptor.id !== plugin.id)) {
    issues.push({
      code: 'INVALID_DATA',
      path: `${path}.id`,
      message: `Plugin id ${JSON.stringify(plugin.id)} differs from descriptor id ${JSON.stringify(isRecord(plugin.descriptor) ? plugin.descriptor.id : undefined)}.`,
      fix: 'Use the same kebab-case id in the plugin and its descriptor.',
    });
  }
  if (typeof plugin.version !== 'string' || plugin.version.length === 0) {
    issues.push({
      code: 'INVALID_DATA',
      path: `${path}.version`,
      message: 'Missing plugin version.',
      fix: "Set version to the plugin package's version.",
    });
  }
  const policy = plugin.modelIdPolicy;
  if (
    !isRecord(policy) ||
    typeof policy.classify !== 'function' ||
    (policy.lookupKey !== undefined && typeof policy.lookupKey !== 'function')
  ) {
    issues.push({
      code: 'INVALID_DATA',
      path: `${path}.modelIdPolicy`,
      message: 'modelIdPolicy needs a classify(id, context) function (and lookupKey, if given, must be a function).',
      fix: 'Provide a ModelIdPolicy object.',
    });
  }
  if (!isRecord(plugin.usageMeter) || typeof plugin.usageMeter.describe !== 'function') {
    issues.push({
      code: 'INVALID_DATA',
      path: `${path}.usageMeter`,
      message: 'usageMeter needs a describe(context) function.',
      fix: 'Provide a UsageMeterPart object.',
    });
  }
  for (const part of ['offerings', 'models'] as const) {
    if (!Array.isArray(plugin[part])) {
      issues.push({
        code: 'INVALID_DATA',
        path: `${path}.${part}`,
        message: `${part} must be an array.`,
        fix: `Pass the plugin's ${part} (may be empty).`,
      });
    }
  }
  for (const [part, fn] of [
    ['discovery', 'parseModels'],
    ['health', 'probe'],
    ['reasoning', 'map'],
  ] as const) {
    const value = plugin[part];
    if (value !== undefined && (!isRecord(value) || typeof value[fn] !== 'function')) {
      issues.push({
        code: 'INVALID_DATA',
        path: `${path}.${part}`,
        message: `${part} needs a ${fn} function.`,
        fix: `Provide ${part}.${fn} or leave ${part} out.`,
      });
    }
  }
  if (issues.length > before || !descriptor) return undefined;
  const lookupKey = (policy as { lookupKey?: (id: string) => string }).lookupKey ?? identity;
  return { plugin: plugin as unknown as ProviderPlugin, path, descriptor, lookupKey };
}

/** One name a provider answers to, and where it was declared. */
interface NameClaim {
  readonly draft: ProviderDraft;
  readonly kind: 'id' | 'alias' | 'config key';
  readonly name: string;
}

const FOLD_NOTE = 'names are compared ignoring case, surrounding space, "-" and "_"';

/** How an earlier claim is described in a message: `the alias "acme-ai" of provider "acme" (plugins[acme])`. */
function describeClaim(claim: NameClaim, name: string): string {
  const spelled = claim.name === name ? '' : ` "${claim.name}"`;
  return `the ${claim.kind}${spelled} of provider "${claim.draft.descriptor.id}" (${claim.draft.path})`;
}

/**
 * Provider ids, aliases and config keys must be unique across plugins, compared folded ({@link foldProviderName}):
 * `acme-cloud` and `Acme_Cloud` are one name, so one provider. Ids are claimed first, then each plugin's config key
 * and aliases in registration order. Returns every claim by folded name.
 */
function checkProviderNames(drafts: readonly ProviderDraft[], issues: CatalogIssue[]): Map<string, NameClaim> {
  const claims = new Map<string, NameClaim>();
  for (const draft of drafts) {
    const id = draft.descriptor.id;
    const key = foldProviderName(id);
    const owner = claims.get(key);
    if (owner) {
      issues.push({
        code: 'DUPLICATE_PROVIDER',
        path: `${draft.path}.id`,
        message:
          owner.name === id
            ? `Provider id "${id}" is already registered (as the id of ${owner.draft.path}).`
            : `Provider id "${id}" is already registered (as the id "${owner.name}" of ${owner.draft.path}; ${FOLD_NOTE}).`,
        fix: 'Register each provider once; give a different provider its own id.',
      });
      continue;
    }
    claims.set(key, { draft, kind: 'id', name: id });
  }
  for (const draft of drafts) {
    if (claims.get(foldProviderName(draft.descriptor.id))?.draft !== draft) continue;
    const configKey = draft.descriptor.configKey;
    if (configKey !== undefined) {
      const key = foldProviderName(configKey);
      const owner = claims.get(key);
      if (owner && owner.draft !== draft) {
        issues.push({
          code: 'DUPLICATE_CONFIG_KEY',
          path: `${draft.path}.descriptor.configKey`,
          message: `Config key "${configKey}" is already ${describeClaim(owner, configKey)}${owner.name === configKey ? '' : `; ${FOLD_NOTE}`}: its [providers.${configKey}] table and the keys in it belong to that provider.`,
          fix: 'Leave configKey out (it defaults to the id), or use a key no other provider answers to.',
        });
      } else if (!owner) {
        claims.set(key, { draft, kind: 'config key', name: configKey });
      }
    }
    for (const [index, alias] of (draft.descriptor.aliases ?? []).entries()) {
      const key = foldProviderName(alias);
      const owner = claims.get(key);
      if (owner?.draft === draft) continue;
      if (owner) {
        issues.push({
          code: 'DUPLICATE_ALIAS',
          path: `${draft.path}.descriptor.aliases[${index}]`,
          message:
            owner.name === alias && owner.kind !== 'config key'
              ? `Provider alias "${alias}" is already the ${owner.kind} of provider "${owner.draft.descriptor.id}".`
              : `Provider alias "${alias}" is already ${describeClaim(owner, alias)}${owner.name === alias ? '' : `; ${FOLD_NOTE}`}.`,
          fix: 'Remove the alias from one of the two providers.',
        });
        continue;
      }
      claims.set(key, { draft, kind: 'alias', name: alias });
    }
  }
  return claims;
}

/** Every environment variable a descriptor declares (key variables, then `env`), with where it is declared. */
function declaredEnvVars(draft: ProviderDraft): { readonly name: string; readonly path: string }[] {
  const base = `${draft.path}.descriptor`;
  const names = providerEnvNames(draft.descriptor);
  const spelled = (field: 'baseUrl' | 'model', index: number) =>
    typeof draft.descriptor.env?.[field] === 'string' ? `${base}.env.${field}` : `${base}.env.${field}[${index}]`;
  return [
    ...(draft.descriptor.auth?.envVars ?? []).map((name, index) => ({ name, path: `${base}.auth.envVars[${index}]` })),
    ...names.baseUrl.map((name, index) => ({ name, path: spelled('baseUrl', index) })),
    ...names.model.map((name, index) => ({ name, path: spelled('model', index) })),
    ...(names.host ? [{ name: names.host.name, path: `${base}.env.host.name` }] : []),
  ];
}

/** The key an environment variable name is owned under (names are compared ignoring case and surrounding space). */
const envVarKey = (name: string): string => name.trim().toUpperCase();

/**
 * An environment variable belongs to one provider: a plugin declaring another provider's key variable (or base URL,
 * model or host variable) would receive what the user set for that provider. Returns the owner of every name.
 */
function checkEnvVarOwners(
  drafts: readonly ProviderDraft[],
  issues: CatalogIssue[],
): Map<string, { readonly draft: ProviderDraft; readonly path: string }> {
  const owners = new Map<string, { readonly draft: ProviderDraft; readonly path: string }>();
  for (const draft of drafts) {
    for (const { name, path } of declaredEnvVars(draft)) {
      const key = envVarKey(name);
      const owner = owners.get(key);
      if (owner && owner.draft !== draft) {
        issues.push({
          code: 'DUPLICATE_ENV_VAR',
          path,
          message: `Environment variable ${name} is already declared by provider "${owner.draft.descriptor.id}" (${owner.path}): a provider never reads another provider's variables.`,
          fix: `Remove ${name} from this plugin, or name a variable of its own (e.g. ${draft.descriptor.id.toUpperCase().replace(/-/g, '_')}_API_KEY).`,
        });
        continue;
      }
      if (!owner) owners.set(key, { draft, path });
    }
  }
  return owners;
}

interface ModelSource {
  readonly profile: unknown;
  readonly path: string;
}

/** Validate model profiles, merge identical copies, reject conflicting ones and alias clashes. */
function collectModels(sources: readonly ModelSource[], checks: ShapeChecks, issues: CatalogIssue[]) {
  const byId = new Map<string, { profile: ModelProfile; path: string }>();
  for (const source of sources) {
    const candidate = source.profile as Partial<ModelProfile> | null;
    const existing = typeof candidate?.id === 'string' ? byId.get(candidate.id) : undefined;
    // A copy equal to an already-checked profile is valid by equality: its shape is checked once per distinct profile.
    if (existing && (existing.profile === candidate || deepEqualJson(existing.profile, candidate, '$schema'))) continue;
    if (!checks.model(source.profile, source.path, issues)) continue;
    const profile = source.profile as ModelProfile;
    if (!existing) {
      byId.set(profile.id, { profile, path: source.path });
      continue;
    }
    issues.push({
      code: 'CONFLICTING_MODEL_PROFILE',
      path: source.path,
      message: `Model profile "${profile.id}" differs from the copy at ${existing.path}.`,
      fix: 'Ship the same catalog/models file in both plugins (update the older plugin), or rename one model.',
    });
  }
  const byName = new Map<string, ModelProfile>();
  for (const { profile } of byId.values()) byName.set(profile.id, profile);
  for (const { profile, path } of byId.values()) {
    for (const [index, alias] of (profile.aliases ?? []).entries()) {
      const key = alias.toLowerCase();
      const owner = byName.get(key);
      if (owner && owner !== profile) {
        issues.push({
          code: 'DUPLICATE_MODEL_ALIAS',
          path: `${path}.aliases[${index}]`,
          message: `Model alias "${alias}" is already the ${owner.id === key ? 'id' : 'alias'} of model "${owner.id}".`,
          fix: 'Remove the alias from one of the two model profiles.',
        });
        continue;
      }
      byName.set(key, profile);
    }
  }
  return { byId, byName };
}

function pushMap<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface ProviderIndex {
  readonly registered: RegisteredProvider;
  readonly byWireId: Map<string, ProviderModelOffering>;
  readonly byAlias: Map<string, ProviderModelOffering>;
  readonly byModel: Map<string, ProviderModelOffering[]>;
}

/** Validate and index one provider's offerings. */
function indexProvider(
  draft: ProviderDraft,
  models: ReadonlyMap<string, unknown>,
  isOfferingEntry: (entry: unknown, path: string, issues: CatalogIssue[]) => boolean,
  byModelGlobal: Map<string, ProviderModelOffering[]>,
  issues: CatalogIssue[],
): ProviderIndex {
  const { descriptor, lookupKey, path } = draft;
  const providerId = descriptor.id;
  const byWireId = new Map<string, ProviderModelOffering>();
  const byAlias = new Map<string, ProviderModelOffering>();
  const byModel = new Map<string, ProviderModelOffering[]>();
  const offerings: ProviderModelOffering[] = [];
  let flaggedDefault: ProviderModelOffering | undefined;
  const entries = draft.plugin.offerings as readonly unknown[];
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    const entryPath = `${path}.offerings[${index}]`;
    if (!isOfferingEntry(entry, entryPath, issues)) continue;
    const offering = Object.freeze(Object.assign({ provider: providerId }, entry)) as ProviderModelOffering;
    if (!models.has(offering.model)) {
      issues.push({
        code: 'UNKNOWN_MODEL',
        path: `${entryPath}.model`,
        message: `Offering "${offering.wireId}" names canonical model "${offering.model}", which no model profile defines.`,
        fix: `Add catalog/models/<lab>/${offering.model}.json to the plugin's models, or correct the id.`,
      });
      continue;
    }
    if (offering.endpoint !== undefined && !Object.hasOwn(descriptor.endpoints, offering.endpoint)) {
      issues.push({
        code: 'UNKNOWN_ENDPOINT',
        path: `${entryPath}.endpoint`,
        message: `Endpoint "${offering.endpoint}" is not one of ${Object.keys(descriptor.endpoints).join(', ')}.`,
        fix: 'Use an endpoint key declared in the descriptor, or leave endpoint out for the default one.',
      });
      continue;
    }
    const control = offering.reasoningControl?.value;
    const controls = draft.plugin.reasoning?.controls ?? [];
    if (control !== undefined && !controls.includes(control)) {
      issues.push({
        code: 'UNKNOWN_REASONING_CONTROL',
        path: `${entryPath}.reasoningControl.value`,
        message: `Reasoning control "${control}" is not one ${providerId}'s plugin declares (${controls.length > 0 ? controls.join(', ') : 'it declares none'}).`,
        fix: "Name a control from the plugin's reasoning.controls, or leave reasoningControl out for its generic form.",
      });
      continue;
    }
    const wireKey = lookupKey(offering.wireId);
    const sameWire = byWireId.get(wireKey);
    if (sameWire) {
      issues.push({
        code: 'DUPLICATE_OFFERING',
        path: `${entryPath}.wireId`,
        message: `Provider "${providerId}" already offers wire id "${sameWire.wireId}"${sameWire.wireId === offering.wireId ? '' : ` (same id under its matching rules as "${offering.wireId}")`}.`,
        fix: 'Keep one offering per wire id; put variants under their own wire ids.',
      });
      continue;
    }
    const clashes = (offering.aliases ?? []).filter((alias) => {
      const key = lookupKey(alias);
      const owner = byAlias.get(key) ?? byWireId.get(key);
      if (owner || key === wireKey) {
        issues.push({
          code: 'PROVIDER_ALIAS_COLLISION',
          path: `${entryPath}.aliases`,
          message: `Alias "${alias}" of "${offering.wireId}" is already ${owner ? `used by "${owner.wireId}"` : 'its own wire id'} at provider "${providerId}".`,
          fix: 'Remove the alias, or give it to one offering only.',
        });
        return true;
      }
      return false;
    });
    if (clashes.length > 0) continue;
    if (offering.default === true) {
      if (flaggedDefault) {
        issues.push({
          code: 'INVALID_DATA',
          path: `${entryPath}.default`,
          message: `Provider "${providerId}" marks both "${flaggedDefault.wireId}" and "${offering.wireId}" as default.`,
          fix: 'Mark at most one offering as default.',
        });
        continue;
      }
      flaggedDefault = offering;
    }
    byWireId.set(wireKey, offering);
    for (const alias of offering.aliases ?? []) byAlias.set(lookupKey(alias), offering);
    pushMap(byModel, offering.model, offering);
    pushMap(byModelGlobal, offering.model, offering);
    offerings.push(offering);
  }
  for (const list of byModel.values())
    list.sort((left, right) => Number(right.default === true) - Number(left.default === true));
  const defaultOffering =
    flaggedDefault ?? offerings.find((offering) => offering.status !== 'retired' && offering.status !== 'deprecated');
  const registered: RegisteredProvider = Object.freeze({
    id: providerId,
    descriptor,
    plugin: draft.plugin,
    offerings: Object.freeze(offerings),
    defaultOffering,
    lookupKey,
  });
  return { registered, byWireId, byAlias, byModel };
}

/** Local runtimes must default to loopback: nothing is exposed or contacted on the network by default. */
function checkLocalEndpoints(draft: ProviderDraft, issues: CatalogIssue[]): void {
  if (draft.descriptor.class !== 'local') return;
  for (const [key, endpoint] of Object.entries(draft.descriptor.endpoints)) {
    const normalized = normalizeBaseUrl(endpoint.baseUrl);
    if (!normalized || !isLoopbackHost(normalized.hostname)) {
      issues.push({
        code: 'NON_LOOPBACK_LOCAL_ENDPOINT',
        path: `${draft.path}.descriptor.endpoints.${key}.baseUrl`,
        message: `Local runtime default endpoint ${endpoint.baseUrl} is not a loopback address.`,
        fix: 'Default to http://127.0.0.1:<port>; users configure other hosts explicitly with base_url.',
      });
    }
  }
}

function checkDefaultEndpoint(draft: ProviderDraft, issues: CatalogIssue[]): void {
  if (!Object.hasOwn(draft.descriptor.endpoints, draft.descriptor.defaultEndpoint)) {
    issues.push({
      code: 'UNKNOWN_ENDPOINT',
      path: `${draft.path}.descriptor.defaultEndpoint`,
      message: `Default endpoint "${draft.descriptor.defaultEndpoint}" is not declared in endpoints.`,
      fix: `Use one of: ${Object.keys(draft.descriptor.endpoints).join(', ') || '(declare an endpoint first)'}.`,
    });
  }
}

/**
 * Check plugins and catalog data (shapes with `checks`, then every cross-reference) and build the look-up indexes.
 * Throws one {@link CatalogError} listing every problem.
 */
export function buildRegistry<const Plugins extends readonly ProviderPlugin[]>(
  options: CreateRegistryOptions<Plugins>,
  checks: ShapeChecks,
): Registry<PluginIds<Plugins>> {
  type Id = PluginIds<Plugins>;
  const issues: CatalogIssue[] = [];
  const drafts: ProviderDraft[] = [];
  options.plugins.forEach((plugin, index) => {
    const draft = checkPlugin(plugin, index, checks, issues);
    if (draft) drafts.push(draft);
  });
  const providerNames = checkProviderNames(drafts, issues);
  const uniqueDrafts = drafts.filter(
    (draft) => providerNames.get(foldProviderName(draft.descriptor.id))?.draft === draft,
  );
  const envVarOwners = checkEnvVarOwners(uniqueDrafts, issues);

  const modelSources: ModelSource[] = [];
  for (const draft of uniqueDrafts) {
    for (const [index, profile] of draft.plugin.models.entries())
      modelSources.push({ profile, path: `${draft.path}.models[${index}]` });
  }
  for (const [index, profile] of (options.models ?? []).entries())
    modelSources.push({ profile, path: `models[${index}]` });
  const models = collectModels(modelSources, checks, issues);

  const isOfferingEntry = checks.offerings();
  const byModelGlobal = new Map<string, ProviderModelOffering[]>();
  const indexes = new Map<string, ProviderIndex>();
  const official = new Map<string, OfficialEndpoint<Id>[]>();
  for (const draft of uniqueDrafts) {
    checkDefaultEndpoint(draft, issues);
    checkLocalEndpoints(draft, issues);
    indexes.set(draft.descriptor.id, indexProvider(draft, models.byId, isOfferingEntry, byModelGlobal, issues));
    for (const [endpointKey, endpoint] of Object.entries(draft.descriptor.endpoints)) {
      for (const url of [endpoint.baseUrl, ...(endpoint.alternateBaseUrls ?? [])]) {
        const normalized = normalizeBaseUrl(url);
        if (normalized) pushMap(official, normalized.key, { providerId: draft.descriptor.id as Id, endpointKey });
      }
    }
  }

  const providerIds = uniqueDrafts.map((draft) => draft.descriptor.id) as Id[];
  const defaultProviderId = (options.defaultProvider ?? providerIds[0]) as Id | undefined;
  if (options.defaultProvider !== undefined && !indexes.has(options.defaultProvider)) {
    issues.push({
      code: 'INVALID_DATA',
      path: 'defaultProvider',
      message: `Default provider "${options.defaultProvider}" is not registered.`,
      fix: `Use one of: ${providerIds.join(', ') || '(register a plugin first)'}.`,
    });
  }
  if (issues.length > 0) throw new CatalogError(issues);

  const sortedModels = Object.freeze(
    [...models.byId.values()]
      .map((entry) => entry.profile)
      .sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0)),
  );
  const providers = Object.freeze(
    uniqueDrafts.map((draft) => (indexes.get(draft.descriptor.id) as ProviderIndex).registered),
  ) as readonly RegisteredProvider<Id>[];

  const indexOf = (providerId: string): ProviderIndex | undefined => indexes.get(providerId);

  const registry: Registry<Id> = {
    providerIds: Object.freeze(providerIds),
    defaultProviderId,
    provider(id) {
      const index = indexOf(id);
      if (!index)
        throw new CodewhaleError(
          CORE_ERROR_CODES.UNKNOWN_PROVIDER,
          `Unknown provider "${id}". Registered: ${providerIds.join(', ')}.`,
        );
      return index.registered as RegisteredProvider<Id>;
    },
    findProvider(idOrAlias) {
      const claim = typeof idOrAlias === 'string' ? providerNames.get(foldProviderName(idOrAlias)) : undefined;
      return claim && claim.kind !== 'config key'
        ? (indexOf(claim.draft.descriptor.id)?.registered as RegisteredProvider<Id> | undefined)
        : undefined;
    },
    envVarOwner(name) {
      const owner = typeof name === 'string' ? envVarOwners.get(envVarKey(name)) : undefined;
      return owner?.draft.descriptor.id as Id | undefined;
    },
    providers: () => providers,
    offeringByWireId(providerId, wireId) {
      const index = indexOf(providerId);
      return index?.byWireId.get(index.registered.lookupKey(wireId));
    },
    offeringByAlias(providerId, alias) {
      const index = indexOf(providerId);
      return index?.byAlias.get(index.registered.lookupKey(alias));
    },
    offeringsOfModel: (providerId, canonicalId) => indexOf(providerId)?.byModel.get(canonicalId) ?? EMPTY,
    offeringsForModel: (canonicalId) => byModelGlobal.get(canonicalId) ?? EMPTY,
    matchInProvider(providerId, input): OfferingMatch | undefined {
      const index = indexOf(providerId);
      if (!index) return undefined;
      const key = index.registered.lookupKey(input);
      const byWire = index.byWireId.get(key);
      if (byWire) return { by: 'wire-id', offering: byWire };
      const byAlias = index.byAlias.get(key);
      if (byAlias) return { by: 'alias', offering: byAlias };
      const lowered = input.toLowerCase();
      const canonical = index.byModel.get(lowered);
      if (canonical?.[0]) return { by: 'canonical-id', offering: canonical[0] };
      const profile = models.byName.get(lowered);
      const viaAlias = profile ? index.byModel.get(profile.id) : undefined;
      if (viaAlias?.[0]) return { by: 'model-alias', offering: viaAlias[0] };
      return undefined;
    },
    model: (idOrAlias) => models.byName.get(idOrAlias.trim().toLowerCase()),
    models: () => sortedModels,
    officialEndpointsAt(baseUrl) {
      const normalized = normalizeBaseUrl(baseUrl);
      if (!normalized || normalized.hadUserInfo || normalized.hadQuery) return EMPTY;
      return official.get(normalized.key) ?? EMPTY;
    },
  };
  return Object.freeze(registry);
}
