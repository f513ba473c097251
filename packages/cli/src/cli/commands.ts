import type { CommandSpec, FlagSpec } from './argv.js';

// Kept free of @codewhale imports so `--help` and `--version` answer without loading the catalog. The value lists
// equal core's REASONING_LEVELS, ROUTE_PREFERENCES and CAPABILITY_NAMES (a test checks).
/** Capability names `--require` accepts. */
export const REQUIREMENTS = ['reasoning', 'tools', 'json', 'streaming', 'vision'] as const;
/** `--prefer` values. */
export const PREFERENCES = ['cost', 'latency', 'quality'] as const;
/** `--reasoning` values. */
export const REASONING = ['off', 'low', 'medium', 'high', 'max'] as const;
/** The shells `completion` writes a script for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
/** What `receipts` does: list (the default), summary, export. */
export const RECEIPTS_ACTIONS = ['list', 'summary', 'export'] as const;
/** `receipts summary --by` values (node's SummaryKey; a test checks). */
export const RECEIPTS_SUMMARY_KEYS = ['provider', 'model', 'day', 'tag'] as const;
/** `receipts export --format` values (node's RECEIPT_EXPORT_FORMATS; a test checks). */
export const RECEIPTS_EXPORT_FORMATS = ['jsonl', 'otlp-json'] as const;
/** `serve-plan --runtime` values (hub's SERVE_RUNTIMES; a test checks). */
export const SERVE_RUNTIMES = ['vllm', 'sglang', 'ollama', 'llama.cpp'] as const;
/** A shell `completion` writes a script for. */
export type Shell = (typeof SHELLS)[number];

const ROUTE_FLAGS: Readonly<Record<string, FlagSpec>> = {
  provider: {
    type: 'string',
    placeholder: 'id',
    complete: 'provider',
    description: 'Provider id or alias (default: $CODEWHALE_PROVIDER, then the config, then deepseek).',
  },
  model: {
    type: 'string',
    placeholder: 'id',
    description:
      'Model as the provider spells it, a canonical id, or "auto" (default: $CODEWHALE_MODEL, <PROVIDER>_MODEL, config).',
  },
  'base-url': {
    type: 'string',
    placeholder: 'url',
    description:
      'Endpoint override; not the official one makes the route custom (default: $CODEWHALE_BASE_URL, <PROVIDER>_BASE_URL, config).',
  },
  role: { type: 'string', placeholder: 'name', description: 'A [roles.<name>] table of the config.' },
  purpose: {
    type: 'string',
    placeholder: 'name',
    description: 'What the turn is for: main, plan, review, summary, check, ...',
  },
  require: {
    type: 'list',
    placeholder: 'caps',
    values: REQUIREMENTS,
    description: 'Hard requirements, comma-separated.',
  },
  prefer: {
    type: 'string',
    placeholder: 'what',
    values: PREFERENCES,
    description: 'What auto optimises once requirements are met.',
  },
  reasoning: {
    type: 'string',
    placeholder: 'level',
    values: REASONING,
    description: 'Provider-neutral reasoning level.',
  },
  context: { type: 'number', placeholder: 'tokens', description: 'Context window you need, e.g. 128000 or 128k.' },
};
const ROUTE_REF = {
  name: 'provider:model',
  description: 'A provider-scoped ref such as together:deepseek-ai/DeepSeek-V4-Pro (instead of --provider/--model).',
  required: false,
};
const PROVIDERS_FLAG: FlagSpec = {
  type: 'list',
  placeholder: 'ids',
  complete: 'provider',
  description: 'Only these providers (repeat or comma-separate).',
};

/** The command tree. */
export const ROOT: CommandSpec = {
  name: 'codewhale-route',
  summary: 'See exactly where a request goes: provider, endpoint, key class, limits and cost.',
  subcommands: [
    {
      name: 'providers',
      summary: 'Registered providers: class, endpoint, key class (never the key), live cache freshness.',
      examples: ['codewhale-route providers', 'codewhale-route providers --json'],
    },
    {
      name: 'models',
      summary: 'Offerings from the bundled catalog merged with the live cache: ref, canonical model, context, price.',
      flags: {
        provider: PROVIDERS_FLAG,
        live: { type: 'boolean', description: 'Refresh the live listings first (network).' },
      },
      examples: ['codewhale-route models --provider together', 'codewhale-route models --provider vllm --live'],
    },
    {
      name: 'resolve',
      summary: 'Resolve a route and print its facts.',
      flags: ROUTE_FLAGS,
      positionals: [ROUTE_REF],
      examples: [
        'codewhale-route resolve --provider together --model deepseek-ai/DeepSeek-V4-Pro',
        'codewhale-route resolve deepseek:auto --purpose summary --json',
      ],
    },
    {
      name: 'explain',
      summary: 'Resolve a route and explain it: facts, why each choice was made, who set each input, alternatives.',
      flags: ROUTE_FLAGS,
      positionals: [ROUTE_REF],
      examples: [
        'codewhale-route explain --provider together --model deepseek-ai/DeepSeek-V4-Pro',
        'DEEPSEEK_BASE_URL=https://proxy.example/v1 codewhale-route explain --provider deepseek',
      ],
    },
    {
      name: 'compare',
      summary:
        'Every offering of one model side by side: wire id, limits, price or meter, local or hosted, source age.',
      positionals: [
        {
          name: 'model',
          description: 'A canonical model id (or alias, or a wire id).',
          required: true,
          complete: 'model',
        },
      ],
      examples: ['codewhale-route compare deepseek-v4-pro'],
    },
    {
      name: 'discover',
      summary: 'Refresh the live cache from /models listings (network).',
      network: true,
      flags: { provider: PROVIDERS_FLAG },
      examples: ['codewhale-route discover --provider vllm,ollama'],
    },
    {
      name: 'health',
      summary: "Local runtimes' states: up, up-no-model, unauthorized, down (network, loopback unless configured).",
      network: true,
      flags: { provider: PROVIDERS_FLAG },
    },
    {
      name: 'usage',
      summary: 'Meters and live readings, e.g. the DeepSeek balance, Ollama loaded models (network).',
      network: true,
      flags: { provider: PROVIDERS_FLAG },
    },
    {
      name: 'hub',
      summary: 'The Hugging Face Hub: find open models (network, only when you run it).',
      subcommands: [
        {
          name: 'search',
          summary: 'Models on the Hub: licence, gating, downloads and inference providers ($HF_ENDPOINT, $HF_TOKEN).',
          network: true,
          positionals: [{ name: 'query', description: 'Text matched against repository ids.', required: false }],
          flags: {
            task: { type: 'string', placeholder: 'task', description: 'A Hub task, e.g. text-generation.' },
            provider: {
              type: 'string',
              placeholder: 'id',
              description: 'Only models an Inference Provider serves (e.g. together), or all.',
            },
            app: {
              type: 'string',
              placeholder: 'app',
              values: ['vllm', 'sglang', 'ollama', 'llama.cpp'],
              description: 'Only models this local runtime can run.',
            },
            gated: {
              type: 'string',
              placeholder: 'yes|no',
              values: ['yes', 'no'],
              description: 'Only gated, or only open, repositories.',
            },
            author: { type: 'string', placeholder: 'org', description: 'Only this organisation or user.' },
            limit: { type: 'number', placeholder: 'n', description: 'At most n results (default 20).' },
          },
          examples: [
            'codewhale-route hub search qwen3 coder --app vllm',
            'codewhale-route hub search --provider together --task text-generation',
          ],
        },
      ],
    },
    {
      name: 'passport',
      summary:
        "A model's passport: licence and gating, size per dtype, lineage, and the routes this installation can make.",
      network: true,
      positionals: [{ name: 'repo', description: 'A Hub repository, optionally @revision.', required: true }],
      examples: [
        'codewhale-route passport Qwen/Qwen3-Coder-Next',
        'codewhale-route passport openai/gpt-oss-20b --json',
      ],
    },
    {
      name: 'serve-plan',
      summary:
        'Self-host a model: memory it needs, whether it fits your GPUs, loopback-bound commands, the config and route (network).',
      network: true,
      positionals: [
        {
          name: 'target',
          description: 'A Hub repository (owner/name[@rev]), a canonical model id, or a route ref (provider:model).',
          required: true,
        },
      ],
      flags: {
        runtime: {
          type: 'string',
          placeholder: 'runtime',
          values: SERVE_RUNTIMES,
          description: 'vllm (default), sglang, ollama or llama.cpp (the last two serve GGUF repositories).',
        },
        context: {
          type: 'number',
          placeholder: 'tokens',
          description: "Context per sequence (default: the model's maximum, from config.json or the GGUF metadata).",
        },
        concurrency: {
          type: 'number',
          placeholder: 'n',
          description: 'Sequences served at once at that context (default 1).',
        },
        'gpu-mem': {
          type: 'string',
          placeholder: 'size',
          description: 'Memory of one GPU, e.g. 80GiB or 24GB: says whether it fits.',
        },
        gpus: { type: 'number', placeholder: 'n', description: 'GPUs available (default 1).' },
        quant: {
          type: 'string',
          placeholder: 'q',
          description: 'GGUF quantisation for ollama and llama.cpp, e.g. Q4_K_M.',
        },
        port: { type: 'number', placeholder: 'n', description: "Port (default: the runtime's own)." },
        expose: {
          type: 'boolean',
          description: 'Listen on every interface, with an API key required (default: 127.0.0.1 only).',
        },
        docker: { type: 'boolean', description: 'Docker commands (the port published on 127.0.0.1 only).' },
        'write-config': {
          type: 'boolean',
          description: 'Write the [providers.<id>] table into the config file (comments kept, atomic).',
        },
        check: {
          type: 'boolean',
          description: 'Once the server is up: prove it serves the route wire id with the planned context.',
        },
      },
      examples: [
        'codewhale-route serve-plan Qwen/Qwen3-8B --gpu-mem 24GiB --context 32768',
        'codewhale-route serve-plan together:Qwen/Qwen3-Coder-480B-A35B-Instruct --gpu-mem 80GiB --gpus 8',
        'codewhale-route serve-plan ggml-org/gemma-3-1b-it-GGUF --runtime ollama --write-config',
        'codewhale-route serve-plan meta-llama/Llama-3.1-8B-Instruct --check',
      ],
    },
    {
      name: 'eval',
      summary: 'Compare routes on a suite of cases: the same bytes to each, graded the same way, results kept locally.',
      subcommands: [
        {
          name: 'run',
          summary:
            'Send every case of a suite to each route (real requests: network, and they cost what the routes cost).',
          network: true,
          positionals: [
            { name: 'suite', description: 'The suite file (TOML or JSON).', required: true, complete: 'file' },
          ],
          flags: {
            routes: {
              type: 'list',
              placeholder: 'refs',
              description: 'The routes to compare (provider:model, comma-separated).',
            },
            repeat: { type: 'number', placeholder: 'n', description: 'Send each case n times (default 1).' },
            concurrency: { type: 'number', placeholder: 'n', description: 'At most n requests at once per endpoint.' },
            'max-cost': {
              type: 'number',
              placeholder: 'amount',
              description: 'Per route: stop before its cost (from its meter) would pass this amount.',
            },
            'allow-unknown-cost': {
              type: 'boolean',
              description: 'With --max-cost: also run routes whose cost is unknown.',
            },
            'allow-commands': {
              type: 'boolean',
              description: "Run the suite's command graders (local commands, no shell).",
            },
            'keep-outputs': {
              type: 'boolean',
              description: "Keep the answers' text in the results (default: digests only).",
            },
          },
          examples: [
            'codewhale-route eval run examples/eval-suites/coding/suite.toml --routes together:deepseek-ai/DeepSeek-V4-Pro,vllm:Qwen/Qwen3-Coder-Next',
          ],
        },
        {
          name: 'report',
          summary: 'A run per route (pass rate, cost per passed case, latency, tokens) and per case.',
          positionals: [{ name: 'run', description: 'A run id or its directory.', required: true }],
        },
        {
          name: 'compare',
          summary: 'What changed between two runs: cases, routes, pass rates, and the cases that flipped.',
          positionals: [
            { name: 'run-a', description: 'A run id or its directory.', required: true },
            { name: 'run-b', description: 'A run id or its directory.', required: true },
          ],
        },
      ],
    },
    {
      name: 'receipts',
      summary:
        'The local receipts ledger: what each request cost, how it went, what left the machine (never prompt text).',
      positionals: [
        {
          name: 'action',
          description:
            'list (default): recent receipts; summary: totals by --by; export: write a file (never uploads).',
          required: false,
          values: RECEIPTS_ACTIONS,
        },
      ],
      flags: {
        since: {
          type: 'string',
          placeholder: 'when',
          description: 'From this time: 24h, 7d, 2026-12-01 or an ISO time.',
        },
        until: { type: 'string', placeholder: 'when', description: 'Before this time (same forms as --since).' },
        provider: { ...PROVIDERS_FLAG, description: 'Only this provider.' },
        model: { type: 'string', placeholder: 'id', description: 'Only this model (wire or canonical id).' },
        tag: {
          type: 'list',
          placeholder: 'name=value',
          description: 'Only receipts a host tagged so (repeat for several).',
        },
        limit: { type: 'number', placeholder: 'n', description: 'list: the newest n receipts (default 20).' },
        by: {
          type: 'string',
          placeholder: 'key',
          values: RECEIPTS_SUMMARY_KEYS,
          description: 'summary: group by provider (default), model, day or tag.',
        },
        'tag-name': { type: 'string', placeholder: 'name', description: 'summary --by tag: group by this tag only.' },
        format: {
          type: 'string',
          placeholder: 'format',
          values: RECEIPTS_EXPORT_FORMATS,
          description: 'export: jsonl (the ledger lines) or otlp-json (OpenTelemetry GenAI spans).',
        },
        out: { type: 'string', placeholder: 'file', complete: 'file', description: 'export: the file to write.' },
        redact: { type: 'boolean', description: 'export: drop tag values, request digests and custom endpoint hosts.' },
        dir: {
          type: 'string',
          placeholder: 'path',
          complete: 'directory',
          description:
            'The ledger folder (default: [receipts] dir, else $CODEWHALE_STATE_DIR/receipts or the state folder).',
        },
      },
      examples: [
        'codewhale-route receipts --since 24h',
        'codewhale-route receipts summary --by model --since 7d',
        'codewhale-route receipts export --format otlp-json --out receipts.otlp.json --since 7d --redact',
      ],
    },
    {
      name: 'lab',
      summary:
        'Model Lab: a private web view of these answers, served on 127.0.0.1 behind a per-run token, until Ctrl-C.',
      network: false,
      flags: {
        port: {
          type: 'string',
          placeholder: 'n',
          description: 'Port (default 7807, else a free one; 0: a free one). Taken when given: an error.',
        },
        host: {
          type: 'string',
          placeholder: 'address',
          description: 'Address to listen on (default 127.0.0.1); anything but loopback needs --expose.',
        },
        expose: {
          type: 'boolean',
          description: 'Allow a --host that is not loopback (the token is still required).',
        },
        open: { type: 'boolean', description: 'Open the page in the browser.' },
      },
      examples: ['codewhale-route lab', 'codewhale-route lab --port 8080 --open'],
    },
    {
      name: 'config',
      summary: 'The user config file (TOML).',
      subcommands: [
        { name: 'path', summary: 'Where the config file is (--config > $CODEWHALE_CONFIG > platform default).' },
        { name: 'show', summary: 'The config as CodeWhale reads it (credential values redacted), with warnings.' },
        {
          name: 'set',
          summary: 'Set one key with the smallest edit (comments and unknown keys kept; atomic write).',
          positionals: [
            {
              name: 'key',
              description: 'A dotted key: provider, model, providers.<id>.base_url, roles.<name>.model, ...',
              required: true,
            },
            { name: 'value', description: 'The value; lists are comma-separated.', required: true },
          ],
          examples: [
            'codewhale-route config set provider together',
            'codewhale-route config set providers.vllm.base_url http://127.0.0.1:8000/v1',
          ],
        },
        {
          name: 'validate',
          summary: 'Check syntax, schema, unknown keys, and that the routes the config names resolve.',
        },
        { name: 'schema', summary: 'The JSON Schema of config.toml, for editors.' },
      ],
    },
    {
      name: 'catalog',
      summary: 'The bundled catalog.',
      subcommands: [
        {
          name: 'validate',
          summary: "Check the bundled catalog (or --dir) against core's schema.",
          flags: {
            dir: {
              type: 'string',
              placeholder: 'path',
              complete: 'directory',
              description: 'A catalog directory (models/, offerings/) instead of the bundled one.',
            },
          },
        },
        {
          name: 'schema',
          summary: 'JSON Schemas: catalog files, config, and every --json output.',
          positionals: [
            { name: 'name', description: 'One schema, e.g. cli-explain or config.schema.json.', required: false },
          ],
        },
      ],
    },
    {
      name: 'completion',
      summary: 'Print a completion script for bash, zsh or fish: commands, flags and their values, provider ids.',
      positionals: [{ name: 'shell', description: 'bash, zsh or fish.', required: true, values: SHELLS }],
      examples: [
        'eval "$(codewhale-route completion bash)"    # bash: add this line to ~/.bashrc',
        'eval "$(codewhale-route completion zsh)"     # zsh: add this line to ~/.zshrc, after compinit',
        'codewhale-route completion fish > ~/.config/fish/completions/codewhale-route.fish',
      ],
    },
  ],
};
