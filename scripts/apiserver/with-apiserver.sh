#!/usr/bin/env bash
# Starts a throw-away etcd + kube-apiserver on 127.0.0.1, runs a command against it, and stops both.
#
#   scripts/apiserver/with-apiserver.sh <command> [args...]
#
# 1. builds (or takes from the cache) the pinned binaries: scripts/apiserver/build.sh;
# 2. generates, in a fresh temporary folder, a CA and a serving certificate for 127.0.0.1/localhost, a
#    service-account key pair and a static bearer token (openssl);
# 3. starts etcd and kube-apiserver listening on free ports of 127.0.0.1 only (no other address is bound;
#    etcd's peer port is loopback too; Service CIDRs are dual-stack, see below), waits for /readyz (SP_APISERVER_START_TIMEOUT seconds, default 300);
# 4. installs the Gateway API v1.6.1 CRDs (SP_GATEWAY_API_DIR, default crds/gateway-api-v1.6.1 of the repository)
#    with scripts/apiserver/crds.ts and waits until each is Established and discoverable (SP_CRD_TIMEOUT s, default
#    60): the server then judges Gateway API objects by the CRDs' schemas and CEL rules;
# 5. writes a kubeconfig (JSON) and runs the command with KUBECONFIG and SP_APISERVER_KUBECONFIG naming it;
# 6. on exit, failure, Ctrl-C or SIGTERM (e.g. from `timeout`): stops the command, kube-apiserver and etcd by
#    process id (SIGTERM, SIGKILL after 10 s), and removes the temporary folder. Exits with the command's status.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
start_timeout="${SP_APISERVER_START_TIMEOUT:-300}"
gateway_dir="${SP_GATEWAY_API_DIR:-$root/crds/gateway-api-v1.6.1}"
# Dual-stack Service ranges (IPv4 primary), as the library's ipFamilies/ipFamilyPolicy expect of a cluster; only
# address ranges the server allocates Service IPs from, no network is set up. SP_APISERVER_SERVICE_CIDRS=10.96.0.0/12
# judges as a single-stack IPv4 cluster would.
service_cidrs="${SP_APISERVER_SERVICE_CIDRS:-10.96.0.0/12,fd00:10:96::/112}"

log() { printf '[apiserver] %s\n' "$*" >&2; }

[ $# -gt 0 ] || { echo "usage: $0 <command> [args...]" >&2; exit 2; }

bin="$(bash "$here/build.sh" | tail -1)"

work="$(mktemp -d "${TMPDIR:-/tmp}/sp-apiserver.XXXXXX")"
pids=()        # "pid:name" of etcd, kube-apiserver: stopped in reverse order
cmd_pid=""
started=""    # set once the servers are up and the command runs

# stop <pid> <name>: SIGTERM, then SIGKILL after 10 s; never waits longer.
stop() {
  local pid="$1" name="$2" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  log "$name (pid $pid) did not stop in 10 s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -n "$cmd_pid" ] && stop "$cmd_pid" "command"
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    stop "${pids[i]%%:*}" "${pids[i]#*:}"
  done
  if [ "$rc" -ne 0 ] && [ -z "$started" ]; then
    # failed before the command ran: show why
    for f in kube-apiserver etcd; do
      [ -f "$work/$f.log" ] && { log "last lines of $f.log:"; tail -25 "$work/$f.log" >&2; }
    done
  fi
  if [ -n "${SP_APISERVER_KEEP_LOGS:-}" ]; then
    mkdir -p "$SP_APISERVER_KEEP_LOGS" && cp "$work"/*.log "$SP_APISERVER_KEEP_LOGS"/ 2>/dev/null || true
  fi
  rm -rf "$work"
  log "stopped (exit $rc)"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# Free ports on 127.0.0.1 (the kernel picks them; held together so they differ).
read -r etcd_port peer_port api_port < <(node -e '
  const net = require("net");
  const servers = [0, 1, 2].map(() => net.createServer().listen(0, "127.0.0.1"));
  Promise.all(servers.map((s) => new Promise((r) => s.on("listening", r)))).then(() => {
    console.log(servers.map((s) => s.address().port).join(" "));
    servers.forEach((s) => s.close());
  });')

# Certificates, keys and the token, generated now (nothing is reused between runs).
pki="$work/pki"
mkdir -p "$pki"
(
  cd "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 1 -subj '/CN=sp-apiserver-ca' 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj '/CN=kube-apiserver' 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' > server.ext
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 1 -extfile server.ext 2>/dev/null
  openssl genrsa -out sa.key 2048 2>/dev/null
  openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
)
token="$(openssl rand -hex 32)"
printf '%s,sp-admin,sp-admin,"system:masters"\n' "$token" > "$pki/tokens.csv"

log "etcd on 127.0.0.1:$etcd_port (peer 127.0.0.1:$peer_port), kube-apiserver on https://127.0.0.1:$api_port"

"$bin/etcd" \
  --name sp --data-dir "$work/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
  --initial-cluster "sp=http://127.0.0.1:$peer_port" --initial-cluster-state new \
  --unsafe-no-fsync --log-level warn \
  > "$work/etcd.log" 2>&1 &
pids+=("$!:etcd")

"$bin/kube-apiserver" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$api_port" \
  --tls-cert-file="$pki/server.crt" --tls-private-key-file="$pki/server.key" \
  --etcd-servers="http://127.0.0.1:$etcd_port" \
  --token-auth-file="$pki/tokens.csv" --anonymous-auth=false --authorization-mode=RBAC \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
  --service-cluster-ip-range="$service_cidrs" --service-node-port-range=30000-32767 \
  --endpoint-reconciler-type=none --enable-priority-and-fairness=false --profiling=false \
  --v=1 \
  > "$work/kube-apiserver.log" 2>&1 &
pids+=("$!:kube-apiserver")

ready=""
for ((i = 0; i < start_timeout * 2; i++)); do
  for p in "${pids[@]}"; do
    kill -0 "${p%%:*}" 2>/dev/null || { log "${p#*:} exited during start"; exit 1; }
  done
  if curl -fsS --max-time 5 --cacert "$pki/ca.crt" -H "Authorization: Bearer $token" \
    "https://127.0.0.1:$api_port/readyz" >/dev/null 2>&1; then
    ready=yes
    break
  fi
  sleep 0.5
done
[ -n "$ready" ] || { log "kube-apiserver not ready within ${start_timeout} s"; exit 1; }
log "ready after $SECONDS s: $(curl -fsS --cacert "$pki/ca.crt" -H "Authorization: Bearer $token" "https://127.0.0.1:$api_port/version" | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>console.log(JSON.parse(s).gitVersion))')"

# A kubeconfig (JSON is YAML): kubectl and the TypeScript client read it.
kubeconfig="$work/kubeconfig"
node -e '
  const fs = require("fs");
  const [file, server, ca, token] = process.argv.slice(1);
  fs.writeFileSync(file, JSON.stringify({
    apiVersion: "v1", kind: "Config", "current-context": "sp",
    clusters: [{ name: "sp", cluster: { server, "certificate-authority-data": fs.readFileSync(ca).toString("base64") } }],
    users: [{ name: "sp-admin", user: { token } }],
    contexts: [{ name: "sp", context: { cluster: "sp", user: "sp-admin" } }],
  }, null, 2), { mode: 0o600 });' "$kubeconfig" "https://127.0.0.1:$api_port" "$pki/ca.crt" "$token"
export KUBECONFIG="$kubeconfig" SP_APISERVER_KUBECONFIG="$kubeconfig"

log "installing the Gateway API CRDs from $gateway_dir"
(cd "$root" && npx ts-node --project scripts/tsconfig.json scripts/apiserver/crds.ts "$gateway_dir")

log "running: $*"
started=yes
"$@" &
cmd_pid=$!
set +e
wait "$cmd_pid"
rc=$?
set -e
cmd_pid=""
exit "$rc"
