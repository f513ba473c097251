#!/usr/bin/env bash
# Packs every published package (packages/* and plugins/* that are not private) into one folder, as npm would publish
# them (`workspace:` ranges rewritten to versions), under stable names: @codewhale/core -> codewhale-core.tgz.
# Until the first release a host installs from there (docs/getting-started.md), for example:
#   npm install ./packed/codewhale-core.tgz ./packed/codewhale-plugin-kit.tgz ./packed/codewhale-node.tgz ./packed/codewhale-provider-together.tgz
# Usage: bash scripts/pack.sh [--no-build] [folder]   (folder defaults to ./packed at the repository root, git-ignored;
# its old tarballs are removed first). Builds the packages first unless --no-build (their dist/ must then be current).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=1
if [ "${1:-}" = "--no-build" ]; then build=0; shift; fi
out=$(realpath -m "${1:-$root/packed}")
cd "$root"
export TURBO_TELEMETRY_DISABLED=1

dirs=()
for dir in packages/* plugins/*; do
  [ -f "$dir/package.json" ] || continue
  node -e "process.exit(require('./$dir/package.json').private ? 1 : 0)" && dirs+=("$dir")
done
if [ "$build" = 1 ]; then
  filters=()
  for dir in "${dirs[@]}"; do filters+=("--filter=./$dir"); done
  pnpm exec turbo run build "${filters[@]}" --output-logs=errors-only
fi

mkdir -p "$out"
rm -f "$out"/*.tgz
for dir in "${dirs[@]}"; do
  name=$(node -p "require('./$dir/package.json').name.replace(/^@/, '').replace('/', '-')")
  (cd "$dir" && pnpm pack --out "$out/$name.tgz" >/dev/null)
  echo "packed $dir -> $out/$name.tgz"
done
echo "${#dirs[@]} packages packed into $out"
