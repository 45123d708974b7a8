# shellcheck shell=bash
# The kubeconfig that points kubectl at the local api-server.

KUBECONFIG_FILE=$SKIFF_HOME/kubeconfig

# write_kubeconfig SERVER_URL: cluster, user and context all named skiff; no credentials yet.
write_kubeconfig() {
  mkdir -p "$SKIFF_HOME"
  cat >"$KUBECONFIG_FILE" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: skiff
  cluster:
    server: $1
users:
- name: skiff
  user: {}
contexts:
- name: skiff
  context:
    cluster: skiff
    user: skiff
current-context: skiff
YAML
}
