import { describePluginConformance } from '@codewhale/plugin-testkit';
import { createOpenAICompatiblePlugin } from './openai-compatible-plugin.js';

// This package ships no __fixtures__; these are recorded /v1/models bodies of OpenAI-compatible servers it is used with.
// Ollama's OpenAI-compatible view, verbatim from ollama/ollama middleware/openai_test.go TestListMiddleware (commit fb30760).
const ollamaV1Models = {
  object: 'list',
  data: [{ id: 'test-model', object: 'model', created: 1686935002, owned_by: 'library' }],
};
// vLLM, verbatim from https://manual.seahorse.dnotitia.ai/api-reference/inference/get-list-models (a captured vLLM answer).
const vllmModels = {
  data: [
    {
      created: 1756885796,
      id: 'seongil-dn/bge-m3-3800_steps_v2_234',
      max_model_len: 1024,
      object: 'model',
      owned_by: 'vllm',
      parent: null,
      permission: [
        {
          allow_create_engine: false,
          allow_fine_tuning: false,
          allow_logprobs: true,
          allow_sampling: true,
          allow_search_indices: false,
          allow_view: true,
          created: 1756885796,
          group: null,
          id: 'modelperm-cb01ad02375f4989a5730d7e103b03ab',
          is_blocking: false,
          object: 'model_permission',
          organization: '*',
        },
      ],
      root: 'seongil-dn/bge-m3-3800_steps_v2_234',
    },
  ],
  object: 'list',
};

const lmstudio = createOpenAICompatiblePlugin({
  id: 'lmstudio',
  displayName: 'LM Studio',
  baseUrl: 'http://127.0.0.1:1234/v1',
});

describePluginConformance(lmstudio, {
  listings: [
    { name: 'Ollama /v1/models', body: ollamaV1Models },
    { name: 'vLLM /v1/models', body: vllmModels },
  ],
  health: { routes: { 'GET base:/models': { status: 200, json: ollamaV1Models } } },
});

// A gateway with a price you configured (your own fact): token pricing on its own endpoint, never on another.
const gateway = createOpenAICompatiblePlugin({
  id: 'office-gateway',
  baseUrl: 'https://llm.office.example/v1',
  apiKeyEnv: 'OFFICE_GATEWAY_API_KEY',
  meter: {
    kind: 'token-pricing',
    currency: 'USD',
    rates: { input: 0.5, output: 1.5 },
    source: { url: 'https://llm.office.example/pricing', retrieved: '2026-11-01', kind: 'user' },
  },
});

describePluginConformance(gateway, {
  listings: [{ name: 'vLLM /v1/models', body: vllmModels }],
  health: { routes: { 'GET base:/models': { status: 200, json: vllmModels } } },
});
