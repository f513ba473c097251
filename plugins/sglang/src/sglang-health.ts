import type { HealthPart, HealthResult, LiveContext } from '@codewhale/core';
import { probeServingEngine } from '@codewhale/plugin-kit';
import { parseSglangModels } from './sglang-discovery.js';

/**
 * Probe SGLang without inference: `GET /health` (200 or 503; always open), then `GET /v1/models` (protected by
 * `--api-key`, so it tells `unauthorized` apart). `up` needs a healthy server and at least one served model; a
 * listing alone proves reachability, not readiness. No version: SGLang reports it only in `/server_info`, which is
 * never requested.
 */
export function probeSglang(context: LiveContext): Promise<HealthResult> {
  // Only these two requests are ever made. Never /server_info or /get_server_info: they return ServerArgs, api_key
  // and admin_api_key included, in clear text (python/sglang/srt/entrypoints/http_server.py).
  return probeServingEngine(context, {
    health: { path: '/health', from: 'origin' },
    models: { path: '/models', from: 'base' },
    parseModels: parseSglangModels,
    subject: 'server',
  });
}

/** SGLang health: server health and served models, no paid inference, never `/server_info`. */
export const sglangHealth: HealthPart = { probe: probeSglang };
