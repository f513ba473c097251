// The host of the provider and failover tests: real DeepSeek, Together and vLLM plugins with config tables pointing
// at loopback servers (DeepSeek on a "primary" server, Together and vLLM on a "fallback" one), DeepSeek's table naming
// Together as its fallback, and keys in a mutable env map (so a test can rotate or unset one).
import type { UserConfig } from '@codewhale/core';
import { createDeepseekPlugin } from '@codewhale/provider-deepseek';
import { createTogetherPlugin } from '@codewhale/provider-together';
import { createVllmPlugin } from '@codewhale/provider-vllm';

/** Keys of the world; each is distinctive, so a test can tell which one went where. */
export const WORLD_KEYS = {
  deepseek: 'sk-deepseek-world-7c1e0a',
  together: 'tgp-together-world-2b9f44',
} as const;

/** The plugins, as a tuple (their ids are typed). */
export function worldPlugins() {
  return [
    createDeepseekPlugin(),
    createTogetherPlugin(),
    createVllmPlugin({ reasoningDialects: { 'My-Org/Served_Name': 'deepseek-v4' } }),
  ] as const;
}

/** Config: DeepSeek at `primary`, Together and vLLM at `fallback`; DeepSeek fails over to Together's DeepSeek V4 Pro. */
export function worldConfig(primary: string, fallback: string, extra: Partial<UserConfig> = {}): UserConfig {
  return {
    ...extra,
    providers: {
      deepseek: {
        base_url: `${primary}/deepseek`,
        api_key_env: 'CW_TEST_DEEPSEEK_KEY',
        fallback: ['together:deepseek-ai/DeepSeek-V4-Pro'],
      },
      together: { base_url: `${fallback}/together/v1`, api_key_env: 'CW_TEST_TOGETHER_KEY' },
      vllm: { base_url: `${fallback}/v1`, model: 'My-Org/Served_Name' },
      ...extra.providers,
    },
  };
}

/** A fresh, mutable env map with both keys. */
export function worldEnv(): Record<string, string | undefined> {
  return { CW_TEST_DEEPSEEK_KEY: WORLD_KEYS.deepseek, CW_TEST_TOGETHER_KEY: WORLD_KEYS.together };
}
