#!/usr/bin/env bash
# Builds the pinned kube-apiserver and etcd from the Go module proxy (the Go modules under scripts/apiserver/go/)
# into .cache/apiserver/bin/ (git-ignored). A binary is rebuilt only when its module (go.mod, go.sum, sources),
# this script or the Go version changed: a second run takes a second.
#
#   scripts/apiserver/build.sh            build what is missing or stale; print the bin folder on the last line
#
# Environment: SP_APISERVER_CACHE (default <repo>/.cache/apiserver) holds the binaries and the Go module and build
# caches, so deleting it is a clean slate. Needs Go >= 1.26 (etcd v3.6.16's go.mod) and the Go module proxy.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="${SP_APISERVER_CACHE:-$root/.cache/apiserver}"
bin="$cache/bin"
mkdir -p "$bin"

# Everything Go writes stays under the cache folder; never a toolchain download; go.sum is the pin (read-only).
export GOTOOLCHAIN=local
export GOMODCACHE="$cache/go/mod"
export GOCACHE="$cache/go/build"
export GOFLAGS="-modcacherw -buildvcs=false -mod=readonly"
export CGO_ENABLED=0

log() { printf '[apiserver build] %s\n' "$*" >&2; }

# stamp <module dir>: what a cached binary was built from.
stamp() {
  (cd "$1" && cat go.mod go.sum ./*.go 2>/dev/null; cat "$here/build.sh"; go version) | sha256sum | cut -d' ' -f1
}

# build <name> <module dir> <package> [go build flags...]
build() {
  local name="$1" dir="$2" pkg="$3"
  shift 3
  local want have=""
  want="$(stamp "$dir")"
  [ -f "$bin/$name.stamp" ] && have="$(cat "$bin/$name.stamp")"
  if [ -x "$bin/$name" ] && [ "$want" = "$have" ]; then
    log "$name: cached ($bin/$name)"
    return
  fi
  local start=$SECONDS
  log "$name: building $pkg (a cold build of kube-apiserver takes minutes)"
  (cd "$dir" && go build -trimpath "$@" -o "$bin/$name.tmp" "$pkg")
  mv -f "$bin/$name.tmp" "$bin/$name"
  echo "$want" > "$bin/$name.stamp"
  log "$name: built in $((SECONDS - start)) s"
}

total=$SECONDS

kdir="$here/go/kube-apiserver"
kver="$(cd "$kdir" && go list -m -f '{{.Version}}' k8s.io/kubernetes)" # v1.35.4
kminor="$(echo "$kver" | cut -d. -f2)"
vpkg=k8s.io/component-base/version
# The version stamps hack/lib/version.sh gives a release build (/version reports them).
build kube-apiserver "$kdir" k8s.io/kubernetes/cmd/kube-apiserver \
  -ldflags "-s -w -X $vpkg.gitVersion=$kver -X $vpkg.gitMajor=1 -X $vpkg.gitMinor=$kminor -X $vpkg.gitTreeState=clean -X $vpkg.buildDate=1970-01-01T00:00:00Z"

build etcd "$here/go/etcd" . -ldflags "-s -w"

log "done in $((SECONDS - total)) s: $("$bin/kube-apiserver" --version), etcd $("$bin/etcd" --version | head -1 | awk '{print $3}')"
echo "$bin"
