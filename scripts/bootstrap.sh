#!/usr/bin/env bash
# Installs the npm dependencies exactly as package-lock.json pins them, once per lock file:
# a second call with the same lock is instant.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.switchyard-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then exit 0; fi
echo "switchyard: installing npm dependencies (npm ci)"
npm ci --no-audit --no-fund
echo "$want" > "$stamp"
