// The --json output of every command, as zod schemas: the documented, stable shapes. `codewhale-route catalog schema`
// prints them as JSON Schema, and the tests validate real output against them. Loaded only by `catalog schema` (and
// tests): building zod schemas costs start-up time.
import {
  CAPABILITY_NAMES,
  REASONING_LEVELS,
  ROUTE_INPUT_FIELDS,
  ROUTE_PREFERENCES,
  provenanceKindSchema,
  usageMeterSchema,
} from '@codewhale/core';
import { evalCaseJsonSchema, evalSuiteJsonSchema } from '@codewhale/eval';
import { modelPassportJsonSchema } from '@codewhale/hub';
import { receiptListJsonSchema, routeReceiptJsonSchema } from '@codewhale/node';
import { z } from 'zod';
import { SHELLS } from '../cli/commands.js';

const stateSchema = z.enum(['yes', 'no', 'unknown']);
const providerClassSchema = z.enum(['direct', 'aggregator', 'local', 'custom']);
/** yes / no / unknown for each capability (a route's, as the resolver says). */
const capabilityStatesSchema = z.strictObject(
  Object.fromEntries(CAPABILITY_NAMES.map((name) => [name, stateSchema])) as Record<
    (typeof CAPABILITY_NAMES)[number],
    typeof stateSchema
  >,
);
const routeProviderSchema = z.strictObject({ id: z.string(), displayName: z.string(), class: providerClassSchema });

/** A limit with its source (see core's ExplainedLimit). */
export const explainedLimitSchema = z.union([
  z.strictObject({
    value: z.number().int().positive(),
    source: z.enum(['user', 'live', 'offering', 'model-profile']),
    url: z.string().optional(),
    retrieved: z.string().optional(),
    kind: provenanceKindSchema.optional(),
    uncertain: z.boolean().optional(),
    note: z.string().optional(),
  }),
  z.strictObject({ value: z.literal('unknown'), note: z.string().optional() }),
]);

/** Where an applied setting (purpose, preference, reasoning) came from, and the resolver's sentence (core's InputDecision). */
const inputDecisionSchema = <T extends z.ZodType<string>>(value: T) =>
  z.strictObject({
    value,
    source: z.enum(['request', 'role', 'config-provider', 'config-root', 'config-routing', 'purpose', 'default']),
    detail: z.string(),
  });

/** `resolve --json`: core's RouteExplanation (schemaVersion 1). */
export const routeExplanationSchema = z.strictObject({
  schemaVersion: z.literal(1),
  route: z.string().describe('<provider>:<wire model id>'),
  provider: routeProviderSchema,
  model: z.strictObject({
    logical: z.string(),
    canonical: z.string().optional(),
    wire: z.string().optional(),
    passThrough: z.boolean(),
    fromAuto: z.boolean(),
  }),
  endpoint: z.strictObject({
    baseUrl: z.string(),
    key: z.string(),
    protocol: z.string(),
    official: z.boolean(),
    headers: z.record(z.string(), z.string()),
  }),
  auth: z
    .string()
    .describe(
      'Credential source class: env:NAME, explicit, config, command, keyring, not-required, missing. Never a value.',
    ),
  capabilities: capabilityStatesSchema,
  limits: z.strictObject({ contextWindow: explainedLimitSchema, maxOutput: explainedLimitSchema }),
  meter: usageMeterSchema,
  reasoning: z.strictObject({
    requested: z.enum(REASONING_LEVELS).optional(),
    applied: z.union([z.enum(REASONING_LEVELS), z.literal('provider-default')]),
    source: z.enum(['request', 'role', 'purpose', 'config', 'none']),
    params: z.record(z.string(), z.unknown()),
  }),
  decisions: z.strictObject({
    provider: z.strictObject({
      source: z.enum(['explicit', 'role', 'config', 'base-url', 'default', 'model-match']),
      detail: z.string(),
    }),
    model: z.strictObject({
      source: z.enum([
        'explicit',
        'role',
        'config-provider',
        'config-root',
        'provider-default',
        'live-listing',
        'auto',
      ]),
      matchedBy: z.enum(['wire-id', 'alias', 'canonical-id', 'model-alias', 'policy', 'custom-models', 'auto']),
      detail: z.string(),
    }),
    endpoint: z.strictObject({
      source: z.enum(['explicit', 'config-provider', 'config-root', 'official']),
      detail: z.string(),
    }),
    auto: z
      .strictObject({
        preference: z.enum(ROUTE_PREFERENCES),
        requirements: z.array(z.string()),
        considered: z.array(
          z.strictObject({ ref: z.string(), outcome: z.enum(['chosen', 'ranked', 'excluded']), reason: z.string() }),
        ),
        reason: z.string(),
      })
      .optional(),
    purpose: inputDecisionSchema(z.string())
      .optional()
      .describe("The purpose the route was resolved for (the request's, else the role's)."),
    preference: inputDecisionSchema(z.enum(ROUTE_PREFERENCES))
      .optional()
      .describe('The preference auto ranked by; only when auto chose.'),
    reasoning: inputDecisionSchema(z.enum(REASONING_LEVELS))
      .optional()
      .describe('The reasoning level asked for, and by whom; absent when nothing asked for one.'),
  }),
  messages: z.array(z.strictObject({ level: z.enum(['warning', 'info']), code: z.string(), message: z.string() })),
});

/** A meter in a few fields (rates per million tokens). */
export const meterSummarySchema = z.strictObject({
  kind: z.enum(['token-pricing', 'subscription-quota', 'account-credits', 'local', 'unknown']),
  currency: z.string().optional(),
  input: z.number().optional(),
  cachedInput: z.number().optional(),
  output: z.number().optional(),
  note: z.string().optional(),
  source: z
    .strictObject({ kind: z.string(), url: z.string(), date: z.string(), uncertain: z.boolean().optional() })
    .optional(),
});

const inputSchema = z.strictObject({
  input: z.enum(ROUTE_INPUT_FIELDS),
  value: z.union([z.string(), z.number(), z.array(z.string()), z.null()]),
  source: z.enum(['flag', 'argument', 'env', 'config', 'role', 'default', 'catalog', 'auto', 'live', 'unset']),
  label: z.string(),
  detail: z
    .string()
    .optional()
    .describe("The resolver's sentence for a setting it applied (purpose, prefer, reasoning): candidate.decisions."),
});

/** `explain --json`: RouteExplanation plus inputs (who chose each value), ignored env variables, and alternatives. */
export const explainOutputSchema = routeExplanationSchema.extend({
  inputs: z.array(inputSchema),
  ignoredEnv: z.array(z.strictObject({ name: z.string(), reason: z.string() })),
  alternatives: z.array(
    z.strictObject({
      ref: z.string(),
      provider: routeProviderSchema,
      wireModelId: z.string(),
      endpoint: z.strictObject({ baseUrl: z.string(), official: z.boolean() }),
      auth: z.string(),
      credentialReady: z.boolean(),
      contextWindow: z.union([z.number(), z.literal('unknown')]),
      meter: meterSummarySchema,
    }),
  ),
});

const cacheStateSchema = z.strictObject({
  state: z.enum(['missing', 'fresh', 'stale', 'failed', 'corrupt']),
  fetchedAt: z.string().optional(),
  models: z.number().int().optional(),
  reason: z.string().optional(),
});

/** `providers --json`. */
export const providersOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  providers: z.array(
    z.strictObject({
      id: z.string(),
      displayName: z.string(),
      class: providerClassSchema,
      aliases: z.array(z.string()),
      offerings: z.number().int(),
      endpoint: z.union([
        z.strictObject({
          baseUrl: z.string(),
          protocol: z.string(),
          official: z.boolean(),
          source: z
            .string()
            .describe(
              "Who chose the endpoint: official, config-provider, config-root, or env:<NAME> (the provider's own base URL variable).",
            ),
        }),
        z.null(),
      ]),
      auth: z.string(),
      credential: z.enum(['ready', 'missing', 'not-required']),
      keyVariables: z
        .array(z.string())
        .describe(
          "Variables a key for this endpoint is read from, by the binding rule (the table's api_key_env, then the provider's own on official endpoints).",
        ),
      warnings: z
        .array(z.string())
        .optional()
        .describe(
          "The resolver's warnings about the credential: which variable to set for a key the config asks for, a refused key source.",
        ),
      liveListing: z.boolean(),
      cache: cacheStateSchema,
      error: z.string().optional(),
    }),
  ),
});

/** `models --json` (also `models --live --json`). */
export const modelsOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  models: z.array(
    z.strictObject({
      ref: z.string(),
      provider: z.string(),
      wireId: z.string(),
      canonical: z.union([z.string(), z.null()]),
      contextWindow: z.union([z.number().int().positive(), z.literal('unknown')]),
      contextSource: z.enum(['user', 'live', 'offering', 'model-profile']).optional(),
      meter: meterSummarySchema,
      capabilities: capabilityStatesSchema
        .optional()
        .describe('What the route can do, as explain says; absent when the ref does not resolve.'),
      license: z
        .union([
          z.strictObject({
            value: z
              .string()
              .regex(/^(?!unknown$)/)
              .describe('The Hub licence id, e.g. mit, apache-2.0, llama3.3, other.'),
            name: z.string().optional(),
            spdx: z.string().optional(),
            url: z.string().optional(),
          }),
          z.strictObject({ value: z.literal('unknown'), reason: z.string().optional() }),
        ])
        .optional()
        .describe("The canonical model's licence (passport and compare give its source); absent without one."),
      source: z.enum(['catalog', 'live']),
      listed: z.union([z.boolean(), z.null()]),
      status: z.string().optional(),
    }),
  ),
});

/** `compare --json`. */
export const compareOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  model: z.strictObject({
    id: z.string(),
    displayName: z.string(),
    family: z.string(),
    contextWindow: z.union([z.number(), z.literal('unknown')]),
    maxOutput: z.union([z.number(), z.literal('unknown')]),
  }),
  offerings: z.array(
    z.strictObject({
      ref: z.string(),
      provider: routeProviderSchema,
      wireId: z.string(),
      hosting: z.enum(['local', 'hosted']),
      endpoint: z.strictObject({ baseUrl: z.string(), official: z.boolean() }),
      contextWindow: explainedLimitSchema,
      maxOutput: explainedLimitSchema,
      meter: meterSummarySchema,
      provenance: z.union([
        z.strictObject({
          of: z.enum(['price', 'context']),
          kind: z.string(),
          url: z.string(),
          date: z.string(),
          ageDays: z.number().int().nonnegative(),
        }),
        z.null(),
      ]),
      auth: z.string(),
      status: z.string().optional(),
    }),
  ),
});

/** A live failure (secret-free). */
export const liveFailureSchema = z.strictObject({
  kind: z.string(),
  code: z.string(),
  message: z.string(),
  status: z.number().int().optional(),
});

/** `discover --json`. */
export const discoverOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  cacheDir: z.string(),
  results: z.array(
    z.strictObject({
      providerId: z.string(),
      endpoint: z.string().optional(),
      status: z.enum(['ok', 'failed', 'skipped']),
      models: z.number().int().optional(),
      error: liveFailureSchema.optional(),
    }),
  ),
});

/** `health --json`. */
export const healthOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  checks: z.array(
    z.strictObject({
      providerId: z.string(),
      endpoint: z.string().optional(),
      result: z.strictObject({
        state: z.enum(['up', 'up-no-model', 'unauthorized', 'down', 'unknown']),
        evidence: z.array(z.string()),
        version: z.string().optional(),
        models: z.array(z.string()).optional(),
      }),
      checkedAt: z.string(),
    }),
  ),
  skipped: z
    .array(z.strictObject({ providerId: z.string(), code: z.string(), reason: z.string() }))
    .optional()
    .describe(
      'Without --provider: the providers not probed (not configured, no key), and why. Only these are never "down".',
    ),
});

const meterReadingSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('account-credits'),
    available: z.boolean(),
    balances: z.array(
      z.strictObject({
        currency: z.string(),
        total: z.string(),
        granted: z.string().optional(),
        toppedUp: z.string().optional(),
      }),
    ),
    fetchedAt: z.string(),
  }),
  z.strictObject({
    kind: z.literal('subscription-quota'),
    usedPercent: z.number(),
    resetsAt: z.string().optional(),
    fetchedAt: z.string(),
  }),
  z.strictObject({
    kind: z.literal('local'),
    loadedModels: z.array(
      z.strictObject({
        name: z.string(),
        sizeBytes: z.number().optional(),
        vramBytes: z.number().optional(),
        contextLength: z.number().optional(),
        expiresAt: z.string().optional(),
      }),
    ),
    fetchedAt: z.string(),
  }),
]);

/** `usage --json`. */
export const usageOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  reports: z.array(
    z.strictObject({
      providerId: z.string(),
      endpoint: z.string().optional(),
      meter: usageMeterSchema.optional(),
      reading: meterReadingSchema.optional(),
      error: liveFailureSchema.optional(),
      skipped: liveFailureSchema
        .optional()
        .describe('Set when the provider was not contacted (without --provider: not configured, no key).'),
    }),
  ),
});

const configWarningSchema = z.strictObject({
  code: z.enum(['unknown-key', 'foreign-credential', 'unknown-provider']),
  key: z.string(),
  message: z.string(),
  line: z.number().int().optional(),
});
const configSourceSchema = z.enum(['explicit', 'env', 'default']);

/** `config path --json`. */
export const configPathOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  path: z.string(),
  source: configSourceSchema,
  exists: z.boolean(),
});

/** `config show --json` (credential values redacted). */
export const configShowOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  path: z.string(),
  source: configSourceSchema,
  exists: z.boolean(),
  config: z.record(z.string(), z.unknown()),
  warnings: z.array(configWarningSchema),
});

/** `config validate --json`. */
export const configValidateOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  path: z.string(),
  exists: z.boolean(),
  valid: z.boolean(),
  errors: z.array(
    z.strictObject({
      code: z.string(),
      message: z.string(),
      key: z.string().optional(),
      line: z.number().int().optional(),
      column: z.number().int().optional(),
    }),
  ),
  warnings: z.array(configWarningSchema),
});

/** `config set --json`. */
export const configSetOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  path: z.string(),
  key: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]),
  created: z.boolean(),
  changed: z.boolean(),
  warnings: z.array(configWarningSchema),
});

/** `catalog validate --json`. */
export const catalogValidateOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  source: z.string().describe('"bundled", or the directory that was checked'),
  valid: z.boolean(),
  counts: z.strictObject({
    providers: z.number().int().optional(),
    offerings: z.number().int(),
    models: z.number().int(),
  }),
  issues: z.array(z.strictObject({ code: z.string(), path: z.string(), message: z.string(), fix: z.string() })),
});

/** `catalog schema --json` (without a name): every schema by file name. */
export const catalogSchemaOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  schemas: z.record(z.string(), z.record(z.string(), z.unknown())),
});

/** `completion <shell> --json`: the script `completion <shell>` prints. */
export const completionOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  shell: z.enum(SHELLS),
  script: z.string(),
});

/** Any command with `--json` that fails: the error, on stdout, with the exit code. */
export const errorOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  error: z.strictObject({
    category: z.enum(['internal', 'usage', 'resolution', 'network', 'config', 'catalog']),
    exitCode: z.number().int(),
    code: z.string(),
    message: z.string(),
    hint: z.string().optional(),
    details: z.unknown().optional(),
  }),
});

/** Every output schema by file name, with a title (what `catalog schema` lists). */
const summaryGroupSchema = z.strictObject({
  key: z.string().describe('Provider id, model (canonical, else wire id), UTC day, or name=value; `(untagged)`.'),
  requests: z.number().int().nonnegative(),
  ok: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  httpErrors: z.number().int().nonnegative(),
  networkErrors: z.number().int().nonnegative(),
  aborted: z.number().int().nonnegative(),
  tokens: z.strictObject({
    input: z.number().int().nonnegative(),
    cachedInput: z.number().int().nonnegative(),
    cacheWrite: z.number().int().nonnegative(),
    output: z.number().int().nonnegative(),
    reasoning: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  usageUnknown: z.number().int().nonnegative().describe('Receipts whose usage is unknown.'),
  cost: z.record(z.string(), z.number().nonnegative()).describe('Known costs summed per currency (ISO 4217).'),
  costUnknown: z
    .strictObject({ count: z.number().int().nonnegative(), reasons: z.record(z.string(), z.number().int()) })
    .describe('Receipts whose cost is unknown, counted apart (never added as 0), with their reasons.'),
  bytes: z.strictObject({ sent: z.number().int().nonnegative(), received: z.number().int().nonnegative() }),
});

const skippedLineSchema = z.strictObject({
  file: z.string(),
  line: z.number().int().positive(),
  torn: z.boolean(),
  reason: z.string(),
});

/** `receipts summary --json`. */
export const receiptsSummaryOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  ledgerDir: z.string(),
  by: z.enum(['provider', 'model', 'day', 'tag']),
  groups: z.array(summaryGroupSchema).describe('Largest request count first.'),
  total: summaryGroupSchema.describe('Every matched receipt once (also when --by tag puts one in several groups).'),
  skipped: z.array(skippedLineSchema),
});

/** `receipts export --json`. */
export const receiptsExportOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  file: z.string(),
  provenance: z.looseObject({
    kind: z.literal('codewhale.receipts.export'),
    v: z.literal(1),
    format: z.enum(['jsonl', 'otlp-json']),
    tool: z.string(),
    toolVersion: z.string(),
    exportedAt: z.string(),
    receipts: z.number().int().nonnegative(),
    catalogs: z.array(z.string()),
    redacted: z.boolean(),
    redactions: z.array(z.string()),
    neverRecorded: z.array(z.string()),
    outsideRange: z.number().int().nonnegative(),
    invalid: z.number().int().nonnegative(),
    skippedLines: z.number().int().nonnegative(),
  }),
});

/** `hub search --json`. */
export const hubSearchOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  endpoint: z.string().describe('The Hub that answered ($HF_ENDPOINT, else https://huggingface.co).'),
  models: z.array(
    z.looseObject({
      id: z.string(),
      author: z.string().optional(),
      pipelineTag: z.string().optional(),
      libraryName: z.string().optional(),
      gated: z.union([z.literal(false), z.string()]).optional(),
      downloads: z.number().optional(),
      likes: z.number().optional(),
      lastModified: z.string().optional(),
      tags: z.array(z.string()).optional(),
      license: z.string().optional(),
      inferenceProviderMapping: z
        .array(z.looseObject({ provider: z.string(), providerId: z.string(), status: z.string() }))
        .optional(),
    }),
  ),
  next: z.string().optional().describe('The next page (on the Hub origin), when there is one.'),
});

/** One route of `passport --json`: made by the resolver, or not available with the reason. */
const passportRouteSchema = z.union([
  z.strictObject({
    ok: z.literal(true),
    ref: z.string(),
    provider: z.string(),
    wireModelId: z.string(),
    kind: z.enum(['router', 'router-provider', 'provider', 'local']),
    basis: z.string(),
    auth: z.looseObject({ source: z.string() }).describe('The credential source class, never a value.'),
    contextWindow: z.looseObject({ value: z.union([z.number(), z.literal('unknown')]) }),
    maxOutput: z.looseObject({ value: z.union([z.number(), z.literal('unknown')]) }),
    meter: z.string().describe('The meter kind of the route (token-pricing, local, unknown, ...).'),
    messages: z.array(z.string()),
  }),
  z.strictObject({
    ok: z.literal(false),
    ref: z.string(),
    provider: z.string(),
    wireModelId: z.string(),
    kind: z.enum(['router', 'router-provider', 'provider', 'local']),
    basis: z.string(),
    reason: z.string(),
  }),
]);

/** `passport --json`: the passport (its own schema: `model-passport`) and the routes. */
export const passportOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  passport: z.looseObject({ version: z.literal(1), repo: z.string() }).describe('See model-passport.schema.json.'),
  routes: z.array(passportRouteSchema),
});

/** A sourced number of a serve plan, or an unknown with its reason. */
const serveFactSchema = z.union([
  z.looseObject({
    known: z.literal(true),
    value: z.number(),
    source: z
      .string()
      .describe('safetensors.parameters, gguf, config.json:<key>, option:<name>, derived or assumption: ...'),
    formula: z.string().optional(),
    inputs: z.array(z.string()).optional(),
  }),
  z.looseObject({ known: z.literal(false), reason: z.string() }),
]);

/** `serve-plan --json`: the plan (memory, fit, commands, config, route), what `--write-config` wrote, the `--check`. */
export const servePlanOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  plan: z.looseObject({
    target: z.looseObject({
      input: z.string(),
      kind: z.enum(['repo', 'model', 'route']),
      repo: z.string(),
      basis: z.string(),
    }),
    runtime: z.enum(['vllm', 'sglang', 'ollama', 'llama.cpp']),
    repo: z.string(),
    revision: z.string(),
    servedName: z.string().describe('The model name clients send, byte-for-byte.'),
    contextTokens: serveFactSchema,
    concurrency: z.number().int().positive(),
    estimate: z.looseObject({
      weights: z.looseObject({ format: z.enum(['safetensors', 'gguf']), bytes: serveFactSchema }),
      kvCache: z.looseObject({ bytes: serveFactSchema, bytesPerToken: serveFactSchema }),
      overhead: z.looseObject({ bytes: serveFactSchema }),
      total: serveFactSchema,
    }),
    fit: z
      .looseObject({
        status: z.enum(['fits', 'does-not-fit', 'unknown']),
        perGpuBudgetBytes: z.number(),
        gpus: z.number(),
      })
      .optional()
      .describe('Present with --gpu-mem.'),
    commands: z.looseObject({
      bindAddress: z.enum(['127.0.0.1', '0.0.0.0']),
      exposed: z.boolean(),
      baseUrl: z.string(),
      apiKeyEnv: z
        .string()
        .optional()
        .describe('The variable the API key is read from (exposed servers); never a key.'),
      steps: z.array(z.looseObject({ purpose: z.string(), command: z.string() })),
      warnings: z.array(z.looseObject({ code: z.string(), message: z.string() })),
    }),
    config: z.strictObject({
      providerId: z.string(),
      values: z.record(z.string(), z.string()),
      toml: z.string().describe('The [providers.<id>] table to add.'),
      routeRef: z.string(),
    }),
    sources: z.array(z.string()),
    notes: z.array(z.string()),
  }),
  written: z
    .strictObject({ path: z.string(), keys: z.array(z.string()) })
    .optional()
    .describe('With --write-config: the file and the keys set.'),
  check: z
    .looseObject({
      ok: z.boolean(),
      routeRef: z.string(),
      baseUrl: z.string(),
      proofs: z.array(
        z.strictObject({
          name: z.enum(['health', 'served-name', 'context-window']),
          status: z.enum(['pass', 'fail', 'unknown']),
          message: z.string(),
        }),
      ),
    })
    .optional()
    .describe('With --check: each proof, and the fix for a failure.'),
});

const evalRouteReportSchema = z.looseObject({
  ref: z.string(),
  route: z.string(),
  runs: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  errors: z.number().int(),
  skipped: z.number().int(),
  passRate: z.looseObject({ rate: z.number().optional() }),
  cost: z.looseObject({ total: z.record(z.string(), z.number()), unknown: z.number().int() }),
});

const evalReportSchema = z.looseObject({
  runId: z.string(),
  suite: z.string(),
  repeat: z.number().int(),
  routes: z.array(evalRouteReportSchema),
  cases: z.array(z.looseObject({ id: z.string(), requestSha256: z.string(), passedOn: z.array(z.string()) })),
});

/** `eval run --json`. */
export const evalRunOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  runId: z.string(),
  dir: z.string().describe('The run directory: manifest.json and results.jsonl.'),
  report: evalReportSchema,
});

/** `eval report --json`. */
export const evalReportOutputSchema = z.strictObject({ schemaVersion: z.literal(1), report: evalReportSchema });

/** `eval compare --json`. */
export const evalCompareOutputSchema = z.strictObject({
  schemaVersion: z.literal(1),
  comparison: z.looseObject({
    a: z.string(),
    b: z.string(),
    sameSuite: z.boolean(),
    changedCases: z.array(z.looseObject({ id: z.string(), change: z.enum(['changed', 'added', 'removed']) })),
    changedRoutes: z.array(z.looseObject({ ref: z.string(), change: z.enum(['changed', 'added', 'removed']) })),
    flips: z.array(z.looseObject({ case: z.string(), route: z.string(), a: z.boolean(), b: z.boolean() })),
  }),
});

export const OUTPUT_SCHEMAS = {
  'cli-error.schema.json': { schema: errorOutputSchema, title: 'codewhale-route: any failing command with --json' },
  'cli-providers.schema.json': { schema: providersOutputSchema, title: 'codewhale-route providers --json' },
  'cli-models.schema.json': { schema: modelsOutputSchema, title: 'codewhale-route models --json' },
  'cli-resolve.schema.json': {
    schema: routeExplanationSchema,
    title: "codewhale-route resolve --json (core's RouteExplanation)",
  },
  'cli-explain.schema.json': {
    schema: explainOutputSchema,
    title: 'codewhale-route explain --json (RouteExplanation + inputs, ignoredEnv, alternatives)',
  },
  'cli-compare.schema.json': { schema: compareOutputSchema, title: 'codewhale-route compare --json' },
  'cli-discover.schema.json': { schema: discoverOutputSchema, title: 'codewhale-route discover --json' },
  'cli-health.schema.json': { schema: healthOutputSchema, title: 'codewhale-route health --json' },
  'cli-usage.schema.json': { schema: usageOutputSchema, title: 'codewhale-route usage --json' },
  'cli-config-path.schema.json': { schema: configPathOutputSchema, title: 'codewhale-route config path --json' },
  'cli-config-show.schema.json': { schema: configShowOutputSchema, title: 'codewhale-route config show --json' },
  'cli-config-validate.schema.json': {
    schema: configValidateOutputSchema,
    title: 'codewhale-route config validate --json',
  },
  'cli-config-set.schema.json': { schema: configSetOutputSchema, title: 'codewhale-route config set --json' },
  'cli-catalog-validate.schema.json': {
    schema: catalogValidateOutputSchema,
    title: 'codewhale-route catalog validate --json',
  },
  'cli-catalog-schema.schema.json': {
    schema: catalogSchemaOutputSchema,
    title: 'codewhale-route catalog schema --json',
  },
  'cli-completion.schema.json': { schema: completionOutputSchema, title: 'codewhale-route completion <shell> --json' },
  'cli-eval-run.schema.json': { schema: evalRunOutputSchema, title: 'codewhale-route eval run --json' },
  'cli-eval-report.schema.json': { schema: evalReportOutputSchema, title: 'codewhale-route eval report --json' },
  'cli-eval-compare.schema.json': { schema: evalCompareOutputSchema, title: 'codewhale-route eval compare --json' },
  'cli-hub-search.schema.json': { schema: hubSearchOutputSchema, title: 'codewhale-route hub search --json' },
  'cli-passport.schema.json': { schema: passportOutputSchema, title: 'codewhale-route passport --json' },
  'cli-serve-plan.schema.json': { schema: servePlanOutputSchema, title: 'codewhale-route serve-plan --json' },
  'cli-receipts-summary.schema.json': {
    schema: receiptsSummaryOutputSchema,
    title: 'codewhale-route receipts summary --json',
  },
  'cli-receipts-export.schema.json': {
    schema: receiptsExportOutputSchema,
    title: 'codewhale-route receipts export --json',
  },
} as const;

/** File name of one output schema. */
export type OutputSchemaName = keyof typeof OUTPUT_SCHEMAS;

/** The output schemas as JSON Schema (draft 2020-12), with node's receipt schemas (`receipts --json`, one receipt). */
export function outputJsonSchemas(): Record<
  | OutputSchemaName
  | 'cli-receipts.schema.json'
  | 'receipt.schema.json'
  | 'model-passport.schema.json'
  | 'eval-suite.schema.json'
  | 'eval-case.schema.json',
  Record<string, unknown>
> {
  const out: Record<string, Record<string, unknown>> = {
    'cli-receipts.schema.json': receiptListJsonSchema(),
    'receipt.schema.json': { title: 'One route receipt (a line of the receipts ledger)', ...routeReceiptJsonSchema() },
    'model-passport.schema.json': modelPassportJsonSchema(),
    'eval-suite.schema.json': evalSuiteJsonSchema(),
    'eval-case.schema.json': evalCaseJsonSchema(),
  };
  for (const [name, { schema, title }] of Object.entries(OUTPUT_SCHEMAS) as [
    OutputSchemaName,
    (typeof OUTPUT_SCHEMAS)[OutputSchemaName],
  ][]) {
    out[name] = {
      title,
      ...(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }) as Record<
        string,
        unknown
      >),
    };
  }
  return out as Record<
    | OutputSchemaName
    | 'cli-receipts.schema.json'
    | 'receipt.schema.json'
    | 'model-passport.schema.json'
    | 'eval-suite.schema.json'
    | 'eval-case.schema.json',
    Record<string, unknown>
  >;
}
