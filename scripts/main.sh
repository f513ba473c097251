#!/usr/bin/env bash
# The README's main command. Sets up everything on a fresh clone (pnpm, dependencies, build), then runs the
# codewhale-route CLI on the bundled catalog. No network beyond the npm registry, no keys.
#   bash scripts/main.sh                      # explain the README's example route
#   bash scripts/main.sh --json               # the same, as JSON
#   bash scripts/main.sh compare deepseek-v4-pro   # any codewhale-route command
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
command -v pnpm >/dev/null 2>&1 || npm i -g pnpm@10.34.9 >/dev/null
pnpm install --frozen-lockfile --reporter=silent
pnpm --silent turbo run build --output-logs=errors-only >/dev/null
# No command (nothing, or only output flags): the example route.
if [ "$#" -eq 0 ] || [[ "$1" == --json || "$1" == --no-color ]]; then
  set -- explain --provider together --model deepseek-ai/DeepSeek-V4-Pro "$@"
fi
exec node packages/cli/dist/codewhale-route.cjs "$@"
