#!/usr/bin/env bash
# Installs the Debian packages the real-component tests start on 127.0.0.1 (HAProxy, nginx,
# Prometheus, Chromium), only when one is missing. Idempotent; needs root or sudo.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t packages < <(grep -vE '^\s*(#|$)' scripts/debian-packages.txt)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "switchyard: Debian packages present (${packages[*]})"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "switchyard: installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
