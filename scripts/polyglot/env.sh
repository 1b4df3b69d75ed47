#!/usr/bin/env bash
# Prints one environment variable's value for the Java and Go builds of this repository (package:java,
# package:go, consumer-check:polyglot), so that Maven and Go find the cdk8s / cdk8s-plus-27 bindings that
# scripts/polyglot/deps.sh built because this machine's registries refuse them:
#   MAVEN_OPTS  the caller's, plus -Dmaven.repo.local=.cache/polyglot/m2 (a Maven local repository)
#   GOPROXY     file://.cache/polyglot/goproxy first, then the usual proxy (a missing module falls through)
#   GONOSUMDB   github.com/cdk8s-team: the checksum database knows the published zips, not the local ones
#   GOMODCACHE  .cache/polyglot/gomod: the local builds never enter the machine's shared module cache
# Everything else still comes from Maven Central and the Go module proxy.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="$root/.cache/polyglot"
case "${1:-}" in
  MAVEN_OPTS) echo "${MAVEN_OPTS:-} -Dmaven.repo.local=$cache/m2" ;;
  GOPROXY) echo "file://$cache/goproxy,$(go env GOPROXY)" ;;
  GONOSUMDB) echo "github.com/cdk8s-team${GONOSUMDB:+,$GONOSUMDB}" ;;
  GOMODCACHE) echo "$cache/gomod" ;;
  *) echo "usage: env.sh MAVEN_OPTS|GOPROXY|GONOSUMDB|GOMODCACHE" >&2; exit 2 ;;
esac
