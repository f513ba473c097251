// Switching provider without a model, through the route session, for every first-party plugin: the session lands on
// the target's own default (never the previous model), and the saved config gets the provider-qualified change only.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRegistry,
  createRouteResolver,
  createRouteSession,
  type ReadyRouteCandidate,
  type UserConfig,
} from '@codewhale/core';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { huggingfacePlugin } from '@codewhale/provider-huggingface';
import { nvidiaNimPlugin } from '@codewhale/provider-nvidia-nim';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { createOpenAICompatiblePlugin } from '@codewhale/provider-openai-compatible';
import { sglangPlugin } from '@codewhale/provider-sglang';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { afterAll, describe, expect, it } from 'vitest';
// @codewhale/node is not (yet) a dependency of this workspace package; its built entry point is imported directly.
import { createCredentialSource, createRoutePersister, parseConfig } from '@codewhale/node';

const lmstudio = createOpenAICompatiblePlugin({
  id: 'lmstudio',
  displayName: 'LM Studio',
  baseUrl: 'http://127.0.0.1:1234/v1',
});
const plugins = [
  deepseekPlugin,
  togetherPlugin,
  nvidiaNimPlugin,
  huggingfacePlugin,
  sglangPlugin,
  vllmPlugin,
  ollamaPlugin,
  lmstudio,
] as const;
const registry = createRegistry({ plugins });

// The previous route: Together with a model saved for it, and a root model too (which other providers must not borrow).
const config: UserConfig = {
  provider: 'together',
  model: 'moonshotai/Kimi-K2.6',
  providers: { together: { model: 'moonshotai/Kimi-K2.6' } },
};
const configText =
  '# my config\nprovider = "together"\nmodel = "moonshotai/Kimi-K2.6" # root model\n\n[providers.together]\nmodel = "moonshotai/Kimi-K2.6"\n';
const env = Object.fromEntries(
  plugins.flatMap((plugin) => plugin.descriptor.auth.envVars.map((name) => [name, `test-key-for-${name}`])),
);
const resolver = createRouteResolver({ registry, config, credentials: createCredentialSource({ env }) });

const dir = mkdtempSync(join(tmpdir(), 'codewhale-session-switch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Client {
  readonly candidate: ReadyRouteCandidate;
  disposed: boolean;
}

describe("a session switch without a model lands on the target provider's own default", () => {
  it.each(plugins.map((plugin) => [plugin.id]))('%s', async (providerId) => {
    const file = join(dir, `${providerId}.toml`);
    writeFileSync(file, configText);
    const session = createRouteSession<Client>({ resolver, disposeClient: (client) => void (client.disposed = true) });
    const buildClient = (candidate: ReadyRouteCandidate): Client => ({ candidate, disposed: false });
    const persist = createRoutePersister(file, { registry });
    await session.switchTo({}, { buildClient });
    const previous = session.current;
    expect(previous?.model).toBe('moonshotai/Kimi-K2.6');

    const result = await session.switchTo({ provider: providerId }, { buildClient, persist });
    // The target's own default: the model saved for it, else its catalog default.
    const saved = config.providers?.[providerId]?.model;
    const expected = saved !== undefined ? { wireId: saved } : registry.provider(providerId).defaultOffering;
    if (!expected) {
      // Runtimes with no roster have no default: they say so instead of borrowing the previous model; nothing changes.
      expect(!result.ok && [result.error.stage, result.error.routeError?.kind]).toEqual(['resolution', 'empty-model']);
      expect(session.current).toBe(previous);
      expect(previous?.client.disposed).toBe(false);
      expect(readFileSync(file, 'utf8')).toBe(configText);
      return;
    }
    expect(result.ok).toBe(true);
    const route = session.current;
    expect(route).toMatchObject({ provider: providerId, model: expected.wireId, provisional: false });
    expect(route?.candidate.decisions.model.source).toBe(saved !== undefined ? 'config-provider' : 'provider-default');
    expect(route?.client.candidate).toBe(route?.candidate);
    if (providerId !== 'together') {
      expect(route?.model).not.toBe(previous?.model);
      expect(previous?.client.disposed).toBe(true);
    }
    // Saved: the provider and its own model; the root model and the comments are untouched.
    const text = readFileSync(file, 'utf8');
    const parsed = parseConfig(text).config;
    expect(parsed.provider).toBe(providerId);
    expect(parsed.model).toBe('moonshotai/Kimi-K2.6');
    expect(parsed.providers?.[providerId]?.model).toBe(expected.wireId);
    if (providerId !== 'together') expect(parsed.providers?.together?.model).toBe('moonshotai/Kimi-K2.6');
    expect(text).toContain('# my config\n');
    expect(text).toContain('model = "moonshotai/Kimi-K2.6" # root model\n');
    if (providerId === 'together') expect(text).toBe(configText); // already saved: nothing written
    // Resolving the saved file again gives the same route.
    const reread = createRouteResolver({
      registry,
      config: parsed,
      credentials: createCredentialSource({ env }),
    }).resolve({});
    expect(reread.ok && reread.candidate.toString()).toBe(route?.candidate.toString());
  });
});
