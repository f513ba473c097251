// A small synthetic catalog for route-session tests, made through the public definePlugin (via the shared builders).
import { descriptor, offering, plugin, priced, profile, source } from '../../__fixtures__/synthetic-plugins.js';
import { createRegistry } from '../../registry/create-registry.js';
import { createRouteResolver } from '../../resolver/create-route-resolver.js';
import type { CredentialSource } from '../../resolver/credential-source.js';
import type { UserConfig } from '../../schema/user-config.js';

export const models = [
  profile('m-one'),
  profile('m-two', { limits: { contextWindow: { value: 65_536, source }, maxOutput: { value: 8192, source } } }),
  profile('m-three', { limits: { contextWindow: 'unknown', maxOutput: 'unknown' } }),
];

/** alpha: an aggregator whose default is m-one (priced). */
export const alpha = plugin('alpha', {
  models,
  offerings: [priced('m-one', 'org/M-One', 0.5, 1.5), offering('m-two', 'org/m-two'), { ...priced('m-three', 'org/m-three', 2.1, 4.4), default: true, limits: { contextWindow: { value: 512_000, source } } }],
});

/** beta: a direct provider whose default is m-three; it also offers m-one. */
export const beta = plugin('beta', {
  models,
  offerings: [{ ...offering('m-three', 'm-three-beta'), default: true }, priced('m-one', 'm-one-beta', 0.066, 0.3)],
  descriptorOverrides: { class: 'direct' },
});

/** gamma: a local runtime without a roster (no default model: a switch without a model fails to resolve). */
export const gamma = plugin('gamma', {
  models: [],
  descriptorOverrides: {
    ...descriptor('gamma'),
    class: 'local',
    auth: { scheme: 'bearer', envVars: ['GAMMA_API_KEY'], optional: true },
    endpoints: { chat: { baseUrl: 'http://127.0.0.1:11999/v1', protocol: 'chat-completions' } },
  },
  usageMeter: { describe: () => ({ kind: 'local' }) },
});

export const registry = createRegistry({ plugins: [alpha, beta, gamma] });

/** Saved config: alpha is the default provider, with m-two saved for it. */
export const config: UserConfig = { provider: 'alpha', providers: { alpha: { model: 'org/m-two' } } };

/** Keys are present for every provider (class only). */
export const credentials: CredentialSource = {
  describe: ({ descriptor: described, official }) => (official ? { source: 'env', envVar: described.auth.envVars[0] ?? 'KEY' } : { source: 'missing' }),
};

export const resolver = createRouteResolver({ registry, config, credentials });
