#!/usr/bin/env bash
# Argo Rollouts' and Flagger's CRDs (Rollout, AnalysisTemplate, ClusterAnalysisTemplate,
# AnalysisRun, Experiment; Canary, MetricTemplate, AlertProvider), taken from their Go modules
# through the module proxy once per machine and kept in the versioned cache with a PROVENANCE
# file (module, version, checksum, path of each CRD); prints the folder that holds them.
#   scripts/kube/controller-crds.sh      download if missing, print the CRD folder
# Env: ARGO_ROLLOUTS_VERSION, FLAGGER_VERSION (defaults below), SWITCHYARD_CACHE.
set -euo pipefail
argo=${ARGO_ROLLOUTS_VERSION:-v1.9.1}
flagger=${FLAGGER_VERSION:-v1.44.0}
cache=${SWITCHYARD_CACHE:-$HOME/.cache/switchyard-kube}
out=$cache/controller-crds-argo-$argo-flagger-$flagger
if [ ! -f "$out/.complete" ]; then
  command -v go >/dev/null || { echo "controller-crds.sh: go is not on PATH (the CRDs come from the Go module proxy)" >&2; exit 1; }
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  rm -rf "$out" && mkdir -p "$out"
  field() { sed -n "s/^\t\"$1\": \"\(.*\)\",\{0,1\}$/\1/p"; }
  for spec in "github.com/argoproj/argo-rollouts@$argo manifests/crds/rollout-crd.yaml manifests/crds/analysis-template-crd.yaml manifests/crds/cluster-analysis-template-crd.yaml manifests/crds/analysis-run-crd.yaml manifests/crds/experiment-crd.yaml" \
              "github.com/fluxcd/flagger@$flagger artifacts/flagger/crd.yaml"; do
    read -r module paths <<<"$spec"
    json=$(cd "$scratch" && GOTOOLCHAIN=local go mod download -json "$module")
    dir=$(printf '%s\n' "$json" | field Dir)
    sum=$(printf '%s\n' "$json" | field Sum)
    for path in $paths; do
      [ -f "$dir/$path" ] || { echo "controller-crds.sh: $module has no $path" >&2; exit 1; }
      name=$(basename "${module%@*}")-$(basename "$path")
      cp "$dir/$path" "$out/$name" && chmod u+w "$out/$name"
      printf '%s\t%s\t%s\t%s\n' "$name" "$module" "$sum" "$path" >> "$out/PROVENANCE"
    done
  done
  touch "$out/.complete"
fi
echo "$out"
