#!/usr/bin/env bash
# Installs a real VS Code server (the one inside the npm package code-server) into a cache folder,
# once; later calls only print where it is. Offline-safe: needs the npm registry and Debian's
# `rg`, `build-essential`, `python3`, `pkg-config`, `libkrb5-dev` (scripts/debian-packages.txt).
# Why each step: ../../../shared/notes/vscode-host.md. Prints the host folder on its last line.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3 # bundles VS Code 1.100.3, the last line that runs on Node 20
cache="${SWITCHYARD_CACHE:-$HOME/.cache/switchyard-vscode-host}"
host="$cache/code-server-$CODE_SERVER_VERSION"
server_main="$host/node_modules/code-server/lib/vscode/out/server-main.js"
marker="$host/.installed"

log() { echo "vscode-host: $*" >&2; }

mkdir -p "$cache"
# Two test runs starting at once must not both install into the same folder.
exec 9>"$cache/.lock"
flock 9

if [ -f "$marker" ] && [ -f "$server_main" ]; then
  log "cached at $host"
  echo "$host"
  exit 0
fi

for tool in rg cc make python3 pkg-config; do
  command -v "$tool" >/dev/null || { log "missing '$tool': run 'bash scripts/setup.sh' (Debian packages)"; exit 1; }
done
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || { log "code-server $CODE_SERVER_VERSION needs Node 20, found $(node -v)"; exit 1; }
# Native modules must be compiled against the headers of the Node that will run the server.
nodedir="$(node -p 'require("path").resolve(process.execPath, "../..")')"
[ -f "$nodedir/include/node/node.h" ] || { log "no Node headers under $nodedir/include/node"; exit 1; }

log "installing code-server $CODE_SERVER_VERSION into $host (about 2 minutes, once)"
started=$SECONDS
rm -rf "$host"
mkdir -p "$host/tmp"
cd "$host"
printf '{ "name": "switchyard-vscode-host", "private": true }\n' > package.json

# @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds this tarball in
# $TMPDIR first; a tarball holding Debian's rg satisfies it.
npm pack "code-server@$CODE_SERVER_VERSION" --silent --pack-destination "$host/tmp" >/dev/null
ripgrep_package="$(tar -xzOf "$host/tmp/code-server-$CODE_SERVER_VERSION.tgz" package/lib/vscode/npm-shrinkwrap.json \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).packages["node_modules/@vscode/ripgrep"].version))')"
npm pack "@vscode/ripgrep@$ripgrep_package" --silent --pack-destination "$host/tmp" >/dev/null
rg_version="$(tar -xzOf "$host/tmp/vscode-ripgrep-$ripgrep_package.tgz" package/lib/postinstall.js | sed -n "s/^const VERSION = '\(.*\)';/\1/p")"
[ -n "$rg_version" ] || { log "cannot read the rg version from @vscode/ripgrep $ripgrep_package"; exit 1; }
rg_cache="$host/tmp/vscode-ripgrep-cache-$ripgrep_package"
mkdir -p "$rg_cache/stage"
cp "$(command -v rg)" "$rg_cache/stage/rg"
tar -czf "$rg_cache/ripgrep-$rg_version-x86_64-unknown-linux-musl.tar.gz" -C "$rg_cache/stage" rg

# npm 11 skips dependency install scripts unless allowed, and in a project install it rejects an
# allow-list from the environment; the nested `npm install`s that code-server's postinstall runs
# (lib/vscode, lib/vscode/extensions) inherit our config as environment, so an allow-list cannot
# reach them. This private, shrinkwrapped tree needs its native builds, so allow all of them here.
export npm_config_dangerously_allow_all_scripts=true
export npm_config_yes=true         # node-pty's postinstall runs `npx node-gyp`; the user npmrc says yes=false
export npm_config_unsafe_perm=true # code-server's postinstall refuses to run as root without it
export npm_config_nodedir="$nodedir"
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export TMPDIR="$host/tmp"
npm install --no-save --no-package-lock --loglevel=error "$host/tmp/code-server-$CODE_SERVER_VERSION.tgz" >"$host/install.log" 2>&1 \
  || { tail -40 "$host/install.log" >&2; log "install failed; full log: $host/install.log"; exit 1; }

[ -f "$server_main" ] || { log "installed, but $server_main is missing"; exit 1; }
[ -x "$host/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] || { log "rg was not installed; see $host/install.log"; exit 1; }
rm -rf "$host/tmp"
touch "$marker"
log "installed in $((SECONDS - started)) s"
echo "$host"
