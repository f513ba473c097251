#!/usr/bin/env bash
# The README's test command. Sets up everything on a fresh clone (pnpm, dependencies, builds),
# runs every package's vitest suite through turbo, and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
command -v pnpm >/dev/null 2>&1 || npm i -g pnpm@10.34.9 >/dev/null
pnpm install --frozen-lockfile --reporter=silent || exit 1
find packages plugins examples integration -name .vitest-report.json -not -path '*/node_modules/*' -delete 2>/dev/null
status=0
pnpm test "$@" || status=$?
node scripts/test-summary.mjs "$status" || status=1
exit "$status"
