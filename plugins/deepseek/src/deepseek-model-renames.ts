/** One retired or renamed DeepSeek model id and where DeepSeek's API sends it now. */
export interface DeepseekModelRename {
  /** The wire id to send instead (one of the offerings). */
  readonly to: string;
  /** When the old id stopped being its own model (YYYY-MM-DD). */
  readonly since: string;
  /** Why, for the `model-renamed` warning. */
  readonly reason: string;
  /** Where this is documented or was seen. */
  readonly sources: readonly string[];
}

const PRICING_PAGE_APR_2026 = 'https://megalodon.jp/ref/2026-0426-0157-09/https://api-docs.deepseek.com:443/quick_start/pricing';
const KOLEGA_PR_695 = 'https://github.com/kolega-ai/kolega-code/pull/695';
const EVOSCIENTIST_PR_483 = 'https://github.com/EvoScientist/EvoScientist/pull/483';

/**
 * DeepSeek's retired and renamed ids (PROVIDERS.md section 1), as data. Applied only on DeepSeek's official endpoints:
 * a custom endpoint (a proxy, a gateway) decides for itself what an id means.
 */
export const DEEPSEEK_MODEL_RENAMES: Readonly<Record<string, DeepseekModelRename>> = Object.freeze({
  // Apr–Jul 2026: aliases of V4 Flash (non-thinking / thinking), retired 2026-07-24 15:59 UTC (archived pricing page).
  'deepseek-chat': {
    to: 'deepseek-flash',
    since: '2026-07-24',
    reason: 'deepseek-chat was an alias of V4 Flash in non-thinking mode, retired on 2026-07-24; V4 Flash is now served as deepseek-flash (V4.1 Flash). Use reasoning "off" for the old non-thinking behaviour',
    sources: [PRICING_PAGE_APR_2026],
  },
  'deepseek-reasoner': {
    to: 'deepseek-flash',
    since: '2026-07-24',
    reason: 'deepseek-reasoner was an alias of V4 Flash in thinking mode, retired on 2026-07-24; V4 Flash is now served as deepseek-flash (V4.1 Flash). Use reasoning "high" for the old thinking behaviour',
    sources: [PRICING_PAGE_APR_2026],
  },
  // The 2026-07-31 Flash update; this dated id is named in aggregator catalogs (models.dev issue #3949, citing
  // api-docs.deepseek.com/zh-cn/updates). Whatever it named, V4 Flash is served by V4.1 Flash since 2026-09-10.
  'deepseek-v4-flash-0731': {
    to: 'deepseek-flash',
    since: '2026-09-10',
    reason: 'aggregator catalogs name the 2026-07-31 V4 Flash update so; V4 Flash was retired on 2026-09-10 and DeepSeek serves V4.1 Flash as deepseek-flash',
    sources: ['https://github.com/anomalyco/models.dev/issues/3949', KOLEGA_PR_695],
  },
  // From 2026-09-10 still accepted, routed to V4.1 Flash; the response says "model":"deepseek-flash".
  'deepseek-v4-flash': {
    to: 'deepseek-flash',
    since: '2026-09-10',
    reason: 'V4 Flash was retired on 2026-09-10; DeepSeek still accepts the id and routes it to V4.1 Flash, served as deepseek-flash',
    sources: [KOLEGA_PR_695, EVOSCIENTIST_PR_483],
  },
  'deepseek-v4-flash-vision-exp': {
    to: 'deepseek-flash',
    since: '2026-09-10',
    reason: 'the experimental V4 Flash vision id was retired on 2026-09-10; DeepSeek routes it to V4.1 Flash (native vision), served as deepseek-flash',
    sources: [KOLEGA_PR_695, EVOSCIENTIST_PR_483],
  },
} satisfies Record<string, DeepseekModelRename>);

/** The rename entry for an id, if any (own keys only: `constructor` is not a model). */
export function deepseekRenameOf(id: string): DeepseekModelRename | undefined {
  return Object.hasOwn(DEEPSEEK_MODEL_RENAMES, id) ? DEEPSEEK_MODEL_RENAMES[id] : undefined;
}
