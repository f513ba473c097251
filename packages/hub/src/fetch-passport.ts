import type { BuildPassportOptions, DerivedRepos } from './build-passport.js';
import { buildPassport } from './build-passport.js';
import { HubError } from './hub-error.js';
import type { HubClient } from './hub-types.js';
import type { ModelPassport } from './model-passport-schema.js';
import { passportRoutes, type PassportRoute, type PassportRouteOptions } from './passport-routes.js';

/** Options of {@link fetchPassport}: the route options (give `registry` to get routes) and what to read besides the model info. */
export interface FetchPassportOptions extends Partial<PassportRouteOptions> {
  /** Read the model card for the summary (default true). */
  readonly card?: boolean;
  /** Look up repositories quantised from or adapting this one (two searches; default true). */
  readonly derived?: boolean;
  /** How many derived repositories to list per relation (default 10). */
  readonly derivedLimit?: number;
  readonly signal?: AbortSignal;
}

/** A passport and the routes this installation can make for it. */
export interface PassportWithRoutes {
  readonly passport: ModelPassport;
  readonly routes: readonly PassportRoute[];
}

function unavailable(error: unknown, what: string): { readonly unavailable: string } {
  if (HubError.isInstance(error)) return { unavailable: `${what} failed: ${error.message}` };
  throw error;
}

/**
 * Fetch a model's Hub answer (following one same-origin rename), its card, the access check for gated repositories and
 * derived repositories; build the passport; resolve its routes. Only the model info request is required: a failed card
 * or search leaves that part unknown with the reason. Throws {@link HubError} when the model info cannot be read.
 * @example
 * const { passport, routes } = await fetchPassport(createHubClient(), 'Qwen/Qwen3-8B', undefined, { registry });
 */
export async function fetchPassport(
  client: HubClient,
  repo: string,
  revision?: string,
  options: FetchPassportOptions = {},
): Promise<PassportWithRoutes> {
  const signal = options.signal !== undefined ? { signal: options.signal } : {};
  const info = await client.modelInfo(repo, revision, signal);
  const at = info.sha ?? revision ?? 'main';
  const extra: { -readonly [K in keyof BuildPassportOptions]: BuildPassportOptions[K] } = { endpoint: client.endpoint };
  if (options.card !== false) {
    try {
      const text = await client.modelCard(info.id, at, signal);
      extra.card = text ?? { unavailable: 'the repository has no README.md' };
    } catch (error) {
      extra.card = unavailable(error, 'reading README.md');
    }
  }
  if (info.gated === 'auto' || info.gated === 'manual') {
    try {
      extra.access = await client.checkAccess(info.id, at, signal);
    } catch (error) {
      if (!HubError.isInstance(error)) throw error;
      extra.access = 'not-checked';
    }
  }
  if (options.derived !== false) {
    const limit = options.derivedLimit ?? 10;
    const derived = async (relation: string): Promise<DerivedRepos> => {
      try {
        const page = await client.searchModels(
          { filter: `base_model:${relation}:${info.id}`, limit, sort: 'downloads' },
          signal,
        );
        return { repos: page.models.map((model) => model.id), more: page.next !== undefined };
      } catch (error) {
        return unavailable(error, `searching base_model:${relation}:${info.id}`);
      }
    };
    extra.quantizations = await derived('quantized');
    extra.adapters = await derived('adapter');
  }
  const passport = buildPassport(info, extra);
  const { registry, config, credentials, live } = options;
  const routes =
    registry === undefined
      ? []
      : passportRoutes(passport, {
          registry,
          ...(config !== undefined ? { config } : {}),
          ...(credentials !== undefined ? { credentials } : {}),
          ...(live !== undefined ? { live } : {}),
        });
  return { passport, routes };
}
