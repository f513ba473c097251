import {
  createRouteResolver,
  type AuthStatus,
  type CredentialSource,
  type LiveSnapshot,
  type ReadyRouteCandidate,
  type Registry,
  type RouteLimit,
  type UsageMeter,
  type UserConfig,
} from '@codewhale/core';
import type { ModelPassport } from './model-passport-schema.js';

/** What the routes of a passport are resolved against: this installation's registry, config, credentials, live cache. */
export interface PassportRouteOptions {
  /** The registry of installed plugins. Only providers registered here are offered. */
  readonly registry: Registry;
  /** The user's config. */
  readonly config?: UserConfig;
  /** Describes which credential each route would use (class only). */
  readonly credentials?: CredentialSource;
  /** A live cache snapshot (provider-reported limits). */
  readonly live?: LiveSnapshot;
}

/** Why a route was proposed: the router, a provider the mapping names, or a local runtime. */
export type PassportRouteKind = 'router' | 'router-provider' | 'provider' | 'local';

interface PassportRouteBase {
  /** `<provider>:<wire id>`, ready to paste into `--model`. */
  readonly ref: string;
  /** Registered provider id. */
  readonly provider: string;
  /** The model id that would be sent. */
  readonly wireModelId: string;
  readonly kind: PassportRouteKind;
  /** The fact behind the proposal, e.g. `inferenceProviderMapping.together: live`. */
  readonly basis: string;
}

/** A route the resolver made: its credential class, limits and meter, and the candidate itself. */
export interface PassportRouteOk extends PassportRouteBase {
  readonly ok: true;
  readonly auth: AuthStatus;
  readonly contextWindow: RouteLimit;
  readonly maxOutput: RouteLimit;
  readonly meter: UsageMeter['kind'];
  /** The resolver's warnings and notes (e.g. a missing credential). */
  readonly messages: readonly string[];
  /** The candidate `resolve()` returned (not part of the JSON form; see {@link passportRouteJson}). */
  readonly candidate: ReadyRouteCandidate;
}

/** A route that is not available here, and why. */
export interface PassportRouteUnavailable extends PassportRouteBase {
  readonly ok: false;
  readonly reason: string;
}

/** One route of a passport: made by the resolver, or not available with a reason. */
export type PassportRoute = PassportRouteOk | PassportRouteUnavailable;

/** A route without its candidate, for JSON output. */
export type PassportRouteJson = Omit<PassportRouteOk, 'candidate'> | PassportRouteUnavailable;

/** The JSON form of a route (drops the candidate object; `candidate.toJSON()` is there for whoever needs it). */
export function passportRouteJson(route: PassportRoute): PassportRouteJson {
  if (!route.ok) return route;
  const { candidate: _candidate, ...rest } = route;
  return rest;
}

interface Proposal {
  readonly provider: string;
  readonly wireModelId: string;
  readonly kind: PassportRouteKind;
  readonly basis: string;
  /** Set when the route is not proposed for resolution: why. */
  readonly unavailable?: string;
}

const LOCAL_REPO_RUNTIMES = ['vllm', 'sglang'];

function proposals(passport: ModelPassport, registry: Registry): Proposal[] {
  const out: Proposal[] = [];
  const repo = passport.repo;
  const router = registry.findProvider('huggingface')?.id;
  const mapping = passport.providers.known ? passport.providers.value : undefined;
  const live = (mapping ?? []).filter((entry) => entry.status === 'live');

  // The Hugging Face router: the bare repo id, and one `:<provider>` suffix per mapping entry.
  if (router !== undefined) {
    const bare = { provider: router, wireModelId: repo, kind: 'router' as const };
    if (!passport.providers.known)
      out.push({
        ...bare,
        basis: 'inferenceProviderMapping',
        unavailable: `the Hub answer has no Inference Providers mapping (${passport.providers.reason}), so no router route is offered`,
      });
    else if (live.length === 0)
      out.push({
        ...bare,
        basis: 'inferenceProviderMapping',
        unavailable: 'no provider serves it live through the Hugging Face router (the mapping has no live entry)',
      });
    else
      out.push({ ...bare, basis: `inferenceProviderMapping: ${live.map((entry) => entry.provider).join(', ')} live` });
    for (const entry of mapping ?? []) {
      const pinned = {
        provider: router,
        wireModelId: `${repo}:${entry.provider}`,
        kind: 'router-provider' as const,
        basis: `inferenceProviderMapping.${entry.provider}: ${entry.status}`,
      };
      if (!/^[a-z0-9-]+$/.test(entry.provider))
        out.push({ ...pinned, unavailable: `"${entry.provider}" is not a provider name the router takes as a suffix` });
      else if (entry.status !== 'live')
        out.push({ ...pinned, unavailable: `the mapping status is "${entry.status}", not live` });
      else out.push(pinned);
    }
  }

  // Providers whose own plugin is installed and whose mapping entry names them: their wire id is the mapping's providerId.
  for (const entry of mapping ?? []) {
    const found = registry.findProvider(entry.provider);
    if (found === undefined || found.id === router) continue;
    const direct = {
      provider: found.id,
      wireModelId: entry.providerId,
      kind: 'provider' as const,
      basis: `inferenceProviderMapping.${entry.provider}.providerId (${entry.status})`,
    };
    out.push(
      entry.status === 'live'
        ? direct
        : { ...direct, unavailable: `the mapping status is "${entry.status}", not live` },
    );
  }

  // Local runtimes: vLLM and SGLang serve a repo id with safetensors weights; Ollama runs GGUF repos as hf.co/<repo>:<quant>.
  const weights = passport.parameters.byDtype;
  for (const runtime of LOCAL_REPO_RUNTIMES) {
    const found = registry.findProvider(runtime)?.id;
    if (found === undefined) continue;
    const local = { provider: found, wireModelId: repo, kind: 'local' as const, basis: 'safetensors.parameters' };
    out.push(
      weights.known
        ? local
        : {
            ...local,
            unavailable: `no safetensors weights are reported (${weights.reason}); ${runtime} serves a repository with safetensors weights`,
          },
    );
  }
  const ollama = registry.findProvider('ollama')?.id;
  if (ollama !== undefined) {
    const gguf = passport.gguf;
    if (!gguf.known)
      out.push({
        provider: ollama,
        wireModelId: `hf.co/${repo}`,
        kind: 'local',
        basis: 'gguf',
        unavailable: `not a GGUF repository (${gguf.reason}); Ollama runs GGUF repositories as hf.co/<repo>:<quant>`,
      });
    else if (gguf.value.quantisations.length === 0)
      out.push({
        provider: ollama,
        wireModelId: `hf.co/${repo}`,
        kind: 'local',
        basis: 'gguf (no quantisation named in the file list)',
      });
    else
      for (const quant of gguf.value.quantisations)
        out.push({
          provider: ollama,
          wireModelId: `hf.co/${repo}:${quant.name}`,
          kind: 'local',
          basis: `gguf file ${quant.files[0]}`,
        });
  }
  return out;
}

/**
 * The routes this installation can make for a passport, each from core's resolver (`resolve()`), never guessed: the
 * Hugging Face router (`huggingface:<repo>`, `:<provider>` per live mapping entry), installed providers the mapping
 * names (with the mapping's `providerId` as wire id), and local runtimes (vLLM/SGLang: the repo id; Ollama:
 * `hf.co/<repo>:<quant>` for GGUF repos). A route is `ok` only when the resolver returned a candidate. No I/O.
 */
export function passportRoutes(passport: ModelPassport, options: PassportRouteOptions): PassportRoute[] {
  const resolver = createRouteResolver({
    registry: options.registry,
    ...(options.config !== undefined ? { config: options.config } : {}),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    ...(options.live !== undefined ? { live: options.live } : {}),
  });
  const seen = new Set<string>();
  const routes: PassportRoute[] = [];
  for (const proposal of proposals(passport, options.registry)) {
    const ref = `${proposal.provider}:${proposal.wireModelId}`;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const base = {
      ref,
      provider: proposal.provider,
      wireModelId: proposal.wireModelId,
      kind: proposal.kind,
      basis: proposal.basis,
    };
    if (proposal.unavailable !== undefined) {
      routes.push({ ...base, ok: false, reason: proposal.unavailable });
      continue;
    }
    const result = resolver.resolve({ provider: proposal.provider, model: proposal.wireModelId });
    if (!result.ok) {
      routes.push({ ...base, ok: false, reason: result.error.message });
      continue;
    }
    const candidate = result.candidate;
    routes.push({
      ...base,
      ok: true,
      auth: candidate.auth,
      contextWindow: candidate.limits.contextWindow,
      maxOutput: candidate.limits.maxOutput,
      meter: candidate.meter.kind,
      messages: candidate.validation.messages.map((message) => message.message),
      candidate,
    });
  }
  return routes;
}
