#!/usr/bin/env bash
# The README's test command. Sets up everything on a fresh clone (Node 24 when the machine's is older than 22, pnpm,
# dependencies, builds), runs every package's vitest suite through turbo, and ends with one line: "N passed, N failed".
# Arguments go to `turbo run test` (e.g. --filter='./packages/*'). No colour codes when the output is not a terminal.
set -uo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
plain=0
if [ ! -t 1 ]; then
  plain=1
  # vitest and turbo honour NO_COLOR; FORCE_COLOR (e.g. from a CI service) would override it in some tools.
  export NO_COLOR=1
  unset FORCE_COLOR
fi
source scripts/use-node.sh || exit 1
pnpm install --frozen-lockfile --reporter=silent || exit 1
find packages plugins examples integration -name .vitest-report.json -not -path '*/node_modules/*' -delete 2>/dev/null
status=0
if [ "$plain" = 1 ]; then
  # NO_COLOR does not reach a log turbo replays from its cache (written by an earlier run on a terminal): strip it here.
  pnpm test "$@" 2>&1 | sed -u -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1b\][^\x07]*\x07//g'
  status=${PIPESTATUS[0]}
else
  pnpm test "$@" || status=$?
fi
node scripts/test-summary.mjs "$status" || status=1
exit "$status"
