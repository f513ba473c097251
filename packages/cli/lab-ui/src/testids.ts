// Stable `data-testid` values of the lab's pages, for browser tests that compare a page with the CLI's --json.
//
// Shell:       nav (`lab-nav`), main (`lab-main`), version (`lab-version`), error boxes (`error`, with data-code).
// Routes:      `routes-table`; rows `offering-row` (data-ref, data-provider, data-canonical, data-context: the
//              models --json contextWindow, data-input / data-output: rates per 1M or "unknown", data-hosting,
//              data-license: the licence id or "unknown", data-capabilities: comma-joined names whose state is yes);
//              `routes-count` (shown/total); `compare-table` with rows `compare-row` (data-ref, data-context,
//              data-max-output, data-input, data-output).
// Explain:     `explain-form`; `explain-route` (data-route); `explain-endpoint` (data-base-url); `explain-auth`;
//              `explain-limits` rows `explain-limit` (data-limit: contextWindow|maxOutput, data-value);
//              `explain-price`; `explain-reasons`; `explain-inputs` rows `explain-input` (data-input, data-source);
//              `explain-alternatives` rows `explain-alternative` (data-ref); `explain-messages`.
// Health:      `health-check` (the button); `health-table` rows `health-row` (data-provider, data-state);
//              `health-skipped` rows `health-skipped-row` (data-provider); `health-checked-at`.
// Spend:       `spend-form`; `spend-total-cost` (data-cost: JSON of cost per currency); `spend-total-requests`
//              (data-value); `spend-unknown-count` (data-value: requests with unknown cost); `spend-chart`;
//              `spend-table` rows `spend-row` (data-provider, data-requests, data-errors, data-cost,
//              data-unknown); `spend-empty` (no receipts); `spend-ledger` (data-dir).
// Open models: `hub-form`; `hub-results` rows `hub-row` (data-repo); `passport` (data-repo); `passport-licence`;
//              `passport-routes` rows `passport-route` (data-ref, data-ok); `serve-plan-form`; `serve-plan`
//              (data-runtime, data-fit).

/** Every test id the pages use. */
export const TESTIDS = {
  nav: 'lab-nav',
  main: 'lab-main',
  version: 'lab-version',
  error: 'error',
  routesTable: 'routes-table',
  routesCount: 'routes-count',
  offeringRow: 'offering-row',
  compareTable: 'compare-table',
  compareRow: 'compare-row',
  explainForm: 'explain-form',
  explainRoute: 'explain-route',
  explainEndpoint: 'explain-endpoint',
  explainAuth: 'explain-auth',
  explainLimits: 'explain-limits',
  explainLimit: 'explain-limit',
  explainPrice: 'explain-price',
  explainReasons: 'explain-reasons',
  explainInputs: 'explain-inputs',
  explainInput: 'explain-input',
  explainAlternatives: 'explain-alternatives',
  explainAlternative: 'explain-alternative',
  explainMessages: 'explain-messages',
  healthCheck: 'health-check',
  healthTable: 'health-table',
  healthRow: 'health-row',
  healthSkipped: 'health-skipped',
  healthSkippedRow: 'health-skipped-row',
  healthCheckedAt: 'health-checked-at',
  spendForm: 'spend-form',
  spendTotalCost: 'spend-total-cost',
  spendTotalRequests: 'spend-total-requests',
  spendUnknownCount: 'spend-unknown-count',
  spendChart: 'spend-chart',
  spendTable: 'spend-table',
  spendRow: 'spend-row',
  spendEmpty: 'spend-empty',
  spendLedger: 'spend-ledger',
  hubForm: 'hub-form',
  hubResults: 'hub-results',
  hubRow: 'hub-row',
  passport: 'passport',
  passportLicence: 'passport-licence',
  passportRoutes: 'passport-routes',
  passportRoute: 'passport-route',
  servePlanForm: 'serve-plan-form',
  servePlan: 'serve-plan',
} as const;
