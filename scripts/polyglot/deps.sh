#!/usr/bin/env bash
# Registry stand-ins for the Java and Go packages (run by `npx projen package-all` before package:java/go).
#
# Our Java and Go packages depend on the Java / Go bindings of cdk8s, cdk8s-plus-27 and constructs. On this
# machine Maven Central does not serve org.cdk8s:cdk8s-plus-27 (404, every version) and the Go module proxy
# refuses github.com/cdk8s-team/* (403 "not available"). For each binding the registry refuses, this script
# builds it from the npm package of the same version in node_modules with the same jsii-pacmak, exactly as its
# maintainers publish it, and puts it where the builds look first (see env.sh):
#   Java: installed into the Maven local repository .cache/polyglot/m2
#   Go:   published into the file-based module proxy .cache/polyglot/goproxy (module@version zip, .mod, .info)
# Whatever a registry serves (cdk8s and constructs on Maven Central, constructs-go and jsii-runtime-go on the
# Go module proxy, everything on PyPI) is taken from it. Idempotent: a binding already there is not rebuilt.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cache="$root/.cache/polyglot"
m2="$cache/m2"
proxy="$cache/goproxy"
build="$cache/deps-build"
mkdir -p "$m2" "$proxy"
version() { node -p "require('./node_modules/$1/package.json').version"; }

# --- Java: org.cdk8s:cdk8s-plus-27 ---------------------------------------------------------------------------
plus_v="$(version cdk8s-plus-27)"
plus_jar="$m2/org/cdk8s/cdk8s-plus-27/$plus_v/cdk8s-plus-27-$plus_v.jar"
if [ -f "$plus_jar" ]; then
  echo "deps: org.cdk8s:cdk8s-plus-27:$plus_v already in $m2"
elif mvn -q -B "-Dmaven.repo.local=$m2" dependency:get "-Dartifact=org.cdk8s:cdk8s-plus-27:$plus_v" -Dtransitive=false >/dev/null 2>&1; then
  echo "deps: org.cdk8s:cdk8s-plus-27:$plus_v from Maven Central"
else
  echo "deps: Maven Central does not serve org.cdk8s:cdk8s-plus-27:$plus_v; building it with jsii-pacmak from node_modules/cdk8s-plus-27"
  rm -rf "$build/java"
  start=$SECONDS
  npx jsii-pacmak --target java --outdir "$build" --maven-local-repository "$m2" node_modules/cdk8s-plus-27
  dir="$build/java/org/cdk8s/cdk8s-plus-27/$plus_v"
  mvn -q -B "-Dmaven.repo.local=$m2" install:install-file "-Dfile=$dir/cdk8s-plus-27-$plus_v.jar" "-DpomFile=$dir/cdk8s-plus-27-$plus_v.pom"
  rm -rf "$build/java"
  echo "deps: org.cdk8s:cdk8s-plus-27:$plus_v built and installed into $m2 in $((SECONDS - start)) s"
fi

# --- Go: github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 and cdk8s-plus-go/cdk8splus27/v2 ----------------------
core_v="$(version cdk8s)"
declare -A gomods=(
  [cdk8s]="github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2@v$core_v"
  [cdk8splus27]="github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2@v$plus_v"
)
# Asks the module proxy itself (an empty module cache, so that nothing cached answers for it).
served_by_go_proxy() {
  local tmp status=0
  tmp="$(mktemp -d)"
  GOMODCACHE="$tmp" GOFLAGS=-mod=mod go list -m -json "$1" >/dev/null 2>&1 || status=$?
  chmod -R u+w "$tmp" && rm -rf "$tmp"
  return "$status"
}
export GOMODCACHE
GOMODCACHE="$(bash "$root/scripts/polyglot/env.sh" GOMODCACHE)"
missing=()
for name in cdk8s cdk8splus27; do
  mod="${gomods[$name]}"
  if [ -f "$proxy/${mod%@*}/@v/${mod#*@}.zip" ]; then
    echo "deps: $mod already in $proxy"
  elif served_by_go_proxy "$mod"; then
    echo "deps: $mod from the Go module proxy"
  else
    missing+=("$name")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "deps: the Go module proxy refuses ${missing[*]}; building cdk8s and cdk8s-plus-27 with jsii-pacmak from node_modules"
  rm -rf "$build/go"
  start=$SECONDS
  # jsii-pacmak resolves cdk8splus27 -> cdk8s through the shared output directory; the consumer compiles them.
  JSII_BUILD_GO=0 npx jsii-pacmak --target go --outdir "$build" node_modules/cdk8s node_modules/cdk8s-plus-27
  for name in "${missing[@]}"; do
    mod="${gomods[$name]}"
    python3 "$root/scripts/polyglot/goproxy-publish.py" "$build/go/$name" "${mod%@*}" "${mod#*@}" "$proxy"
  done
  rm -rf "$build/go"
  echo "deps: ${missing[*]} built and published into $proxy in $((SECONDS - start)) s"
fi
