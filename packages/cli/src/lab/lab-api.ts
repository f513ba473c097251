// The lab's JSON API: each endpoint is one CLI command run with --json, in the lab's process, so a page shows exactly
// what the command prints (same shape, same schema in output/schemas.ts). Kept free of imports with code, so the front
// end (lab-ui/) can import the table for its types and URLs.

/** How a query parameter becomes a command-line flag: its flag name, and whether it may repeat (a list flag). */
export interface LabParam {
  /** The CLI flag it sets (`--<flag>=<value>`), or `positional` for the command's argument. */
  readonly flag: string | 'positional';
  /** A list flag: the parameter may repeat (`?require=tools&require=json`). */
  readonly list?: boolean;
}

/** One endpoint: `method /api/<name>?<params>` runs `codewhale-route <command...> --json <flags> -- <positional>`. */
export interface LabEndpoint {
  /**
   * GET reads only local files (catalog, config, live cache, ledger). POST contacts the network (local runtimes, the
   * Hugging Face Hub) or writes the live cache: the page sends it only on an explicit click, with the token header.
   */
  readonly method: 'GET' | 'POST';
  readonly command: readonly string[];
  /** Query parameters accepted (anything else is refused with a usage error). */
  readonly params: Readonly<Record<string, LabParam>>;
  /** The JSON Schema its answer matches: a file name of `codewhale-route catalog schema` (output/schemas.ts). */
  readonly schema: string;
}

const PROVIDER_LIST: LabParam = { flag: 'provider', list: true };
const ROUTE_PARAMS: Readonly<Record<string, LabParam>> = {
  ref: { flag: 'positional' },
  provider: { flag: 'provider' },
  model: { flag: 'model' },
  role: { flag: 'role' },
  purpose: { flag: 'purpose' },
  require: { flag: 'require', list: true },
  prefer: { flag: 'prefer' },
  reasoning: { flag: 'reasoning' },
  context: { flag: 'context' },
};
const RECEIPT_FILTERS: Readonly<Record<string, LabParam>> = {
  since: { flag: 'since' },
  until: { flag: 'until' },
  provider: PROVIDER_LIST,
  model: { flag: 'model' },
  tag: { flag: 'tag', list: true },
};

/** Every endpoint of the lab's API, by name (`/api/<name>`). */
export const LAB_API = {
  providers: { method: 'GET', command: ['providers'], params: {}, schema: 'cli-providers.schema.json' },
  models: { method: 'GET', command: ['models'], params: { provider: PROVIDER_LIST }, schema: 'cli-models.schema.json' },
  explain: { method: 'GET', command: ['explain'], params: ROUTE_PARAMS, schema: 'cli-explain.schema.json' },
  compare: {
    method: 'GET',
    command: ['compare'],
    params: { model: { flag: 'positional' } },
    schema: 'cli-compare.schema.json',
  },
  receipts: {
    method: 'GET',
    command: ['receipts', 'list'],
    params: { ...RECEIPT_FILTERS, limit: { flag: 'limit' } },
    schema: 'cli-receipts.schema.json',
  },
  'receipts-summary': {
    method: 'GET',
    command: ['receipts', 'summary'],
    params: { ...RECEIPT_FILTERS, by: { flag: 'by' }, 'tag-name': { flag: 'tag-name' } },
    schema: 'cli-receipts-summary.schema.json',
  },
  health: {
    method: 'POST',
    command: ['health'],
    params: { provider: PROVIDER_LIST },
    schema: 'cli-health.schema.json',
  },
  discover: {
    method: 'POST',
    command: ['discover'],
    params: { provider: PROVIDER_LIST },
    schema: 'cli-discover.schema.json',
  },
  'hub-search': {
    method: 'POST',
    command: ['hub', 'search'],
    params: {
      query: { flag: 'positional' },
      task: { flag: 'task' },
      provider: { flag: 'provider' },
      app: { flag: 'app' },
      gated: { flag: 'gated' },
      author: { flag: 'author' },
      limit: { flag: 'limit' },
    },
    schema: 'cli-hub-search.schema.json',
  },
  passport: {
    method: 'POST',
    command: ['passport'],
    params: { repo: { flag: 'positional' } },
    schema: 'cli-passport.schema.json',
  },
  'serve-plan': {
    method: 'POST',
    command: ['serve-plan'],
    // Never --write-config, --check or --expose: the lab shows a plan, it does not change the config or start servers.
    params: {
      target: { flag: 'positional' },
      runtime: { flag: 'runtime' },
      context: { flag: 'context' },
      concurrency: { flag: 'concurrency' },
      'gpu-mem': { flag: 'gpu-mem' },
      gpus: { flag: 'gpus' },
      quant: { flag: 'quant' },
      docker: { flag: 'docker' },
    },
    schema: 'cli-serve-plan.schema.json',
  },
} as const satisfies Readonly<Record<string, LabEndpoint>>;

/** The name of a lab API endpoint. */
export type LabEndpointName = keyof typeof LAB_API;
