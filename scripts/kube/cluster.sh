#!/usr/bin/env bash
# A real Kubernetes control plane on 127.0.0.1 with kwok's fake nodes, from scripts/kube/build.sh's
# binaries (kwokctl --runtime binary; nothing is downloaded).
#
#   scripts/kube/cluster.sh start DIR   create the cluster; DIR gets kubeconfig, kwokctl.yaml and
#                                       kwok's work dir (all cluster state and logs live under DIR)
#   scripts/kube/cluster.sh stop DIR    delete it and check that none of its processes is left
#
# Env: NODES (fake nodes, default 3), CLUSTER_NAME (default switchyard),
#      KUBECTL (a kubectl; default: the one build.sh built; needed to apply stages.yaml, see README).
# Pods: the annotation pod-ready.stage.kwok.x-k8s.io/delay (e.g. "3s") on the pod template sets
# each pod's fixed readiness delay (default 1s); the label switchyard.dev/health=bad keeps a pod
# Running but never Ready, and switchyard.dev/health=restarting makes it Ready with 3 restarts. See stages.yaml.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
mkdir -p "$dir"; dir=$(cd "$dir" && pwd)
name=${CLUSTER_NAME:-switchyard}
nodes=${NODES:-3}
export KWOK_WORKDIR=$dir/kwok   # keep kwokctl out of ~/.kwok
bin=$("$here/build.sh" --print-bin)
for b in kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok kwokctl; do
  [ -x "$bin/$b" ] || { echo "$bin/$b is missing: run scripts/kube/build.sh first" >&2; exit 1; }
done
kwokctl() { "$bin/kwokctl" --name "$name" "$@"; }
log() { printf '[kube-cluster %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# processes whose command line points into this cluster's work dir
leftovers() { pgrep -af -- "$KWOK_WORKDIR/" || true; }

case "$cmd" in
start)
  kubectl=${KUBECTL:-$bin/kubectl}
  cat > "$dir/kwokctl.yaml" <<YAML
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
options:
  runtime: binary
  bindAddress: 127.0.0.1
  kubeVersion: $("$bin/kube-apiserver" --version | awk '{print $2}')
  etcdVersion: $("$bin/etcd" --version | awk '/etcd Version/ {print $3}')
  kubeApiserverBinary: $bin/kube-apiserver
  kubeControllerManagerBinary: $bin/kube-controller-manager
  kubeSchedulerBinary: $bin/kube-scheduler
  etcdBinary: $bin/etcd
  kwokControllerBinary: $bin/kwok
  kubectlBinary: $kubectl
  enableCRDs:
  - Stage
YAML
  start=$(date +%s)
  log "creating cluster $name in $dir"
  kwokctl create cluster --config "$dir/kwokctl.yaml" --kubeconfig "$dir/kubeconfig" --wait 120s
  # Passing stages.yaml as a second --config did not load them (0 Stage objects, nodes stayed
  # Unknown), so apply them as Stage objects; kwok picks them up at once.
  "$kubectl" --kubeconfig "$dir/kubeconfig" apply -f "$here/stages.yaml" >/dev/null
  # The Gateway API's CRDs, so HTTPRoutes can split traffic (server-side: they exceed the
  # client-side apply annotation limit).
  crds=$(bash "$here/gateway-api.sh")
  "$kubectl" --kubeconfig "$dir/kubeconfig" apply --server-side --field-manager switchyard-cluster -f "$crds" >/dev/null
  "$kubectl" --kubeconfig "$dir/kubeconfig" wait --for=condition=Established crd/httproutes.gateway.networking.k8s.io crd/gateways.gateway.networking.k8s.io --timeout=60s >/dev/null
  log "scaling to $nodes fake nodes"
  kwokctl scale node --replicas "$nodes"
  "$kubectl" --kubeconfig "$dir/kubeconfig" wait --for=condition=Ready node --all --timeout=60s >/dev/null
  log "up in $(( $(date +%s) - start ))s; kubeconfig: $dir/kubeconfig"
  # every listener the cluster opened must be on 127.0.0.1
  if command -v ss >/dev/null; then
    pids=$(leftovers | awk '{print $1}' | paste -sd'|' -)
    if [ -n "$pids" ]; then
      wide=$(ss -Hltnp | grep -E "pid=($pids)," | awk '{print $4}' | grep -v '^127\.0\.0\.1:' || true)
      [ -z "$wide" ] || { log "listening beyond 127.0.0.1: $wide"; exit 1; }
    fi
  fi
  ;;
stop)
  if [ -d "$KWOK_WORKDIR/clusters/$name" ]; then
    log "deleting cluster $name"
    kwokctl delete cluster --kubeconfig "$dir/kubeconfig" || true
  fi
  for _ in $(seq 1 20); do [ -z "$(leftovers)" ] && break; sleep 0.5; done
  left=$(leftovers)
  if [ -n "$left" ]; then log "still running after delete:"; echo "$left" >&2; exit 1; fi
  log "stopped; no process of $dir is left"
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
