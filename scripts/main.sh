#!/usr/bin/env bash
# The README's main command. Sets up everything on a fresh clone (pnpm, dependencies, build), then
# builds a registry from the bundled catalog and prints a summary. No network, no keys.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
command -v pnpm >/dev/null 2>&1 || npm i -g pnpm@10.34.9 >/dev/null
pnpm install --frozen-lockfile --reporter=silent
pnpm --silent turbo run build --output-logs=errors-only >/dev/null
node scripts/catalog-summary.mjs "$@"
