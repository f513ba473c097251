#!/usr/bin/env bash
# The README's main command. Sets up everything on a fresh clone (Node 24 when the machine's is older than 22, pnpm,
# dependencies, build), then runs the codewhale-route CLI on the bundled catalog. No network beyond the npm registry,
# no keys. The first run says on stderr what it sets up; later runs print only the CLI's output.
#   bash scripts/main.sh                      # explain the README's example route
#   bash scripts/main.sh --json               # the same, as JSON
#   bash scripts/main.sh compare deepseek-v4-pro   # any codewhale-route command
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
source scripts/use-node.sh
if [ ! -f node_modules/.modules.yaml ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ]; then
  echo "Installing dependencies (pnpm install)…" >&2
fi
pnpm install --frozen-lockfile --reporter=silent
if [ ! -f packages/cli/dist/codewhale-route.cjs ]; then
  echo "Building the packages and the CLI (turbo run build; about a minute the first time)…" >&2
  built=1
fi
pnpm --silent turbo run build --output-logs=errors-only >/dev/null
# No command (nothing, or only output flags): the example route.
if [ "$#" -eq 0 ] || [[ "$1" == --json || "$1" == --no-color ]]; then
  set -- explain --provider together --model deepseek-ai/DeepSeek-V4-Pro "$@"
fi
if [ "${built:-0}" = 1 ]; then echo "Done. Running: codewhale-route $*" >&2; fi
exec node packages/cli/dist/codewhale-route.cjs "$@"
