#!/usr/bin/env bash
# The Gateway API's standard-channel CRDs (HTTPRoute, Gateway, GatewayClass, GRPCRoute,
# ReferenceGrant, ...), taken from the sigs.k8s.io/gateway-api Go module through the module proxy
# once per machine and kept in the versioned cache; prints the folder that holds them.
#   scripts/kube/gateway-api.sh          download if missing, print the CRD folder
# Env: GATEWAY_API_VERSION (default below), SWITCHYARD_CACHE (default ~/.cache/switchyard-kube).
set -euo pipefail
version=${GATEWAY_API_VERSION:-v1.6.3}
cache=${SWITCHYARD_CACHE:-$HOME/.cache/switchyard-kube}
out=$cache/gateway-api-$version
if [ ! -f "$out/.complete" ]; then
  command -v go >/dev/null || { echo "gateway-api.sh: go is not on PATH (the Gateway API CRDs come from the Go module proxy)" >&2; exit 1; }
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  module=$(cd "$scratch" && GOTOOLCHAIN=local go mod download -json "sigs.k8s.io/gateway-api@$version" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  [ -d "$module/config/crd/standard" ] || { echo "gateway-api.sh: sigs.k8s.io/gateway-api@$version has no config/crd/standard" >&2; exit 1; }
  rm -rf "$out" && mkdir -p "$out"
  cp "$module"/config/crd/standard/gateway.networking.k8s.io_*.yaml "$out/"
  chmod u+w "$out"/*.yaml
  touch "$out/.complete"
fi
echo "$out"
